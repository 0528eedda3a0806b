using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>A piece of a string value: known text, or a part whose text is only known at run time.</summary>
internal abstract class StringPart
{
}

internal sealed class LiteralPart : StringPart
{
    public LiteralPart(string text) => Text = text;

    public string Text { get; }
}

/// <summary>A dynamic segment: a parameter, a method result, anything not known at compile time.</summary>
internal sealed class DynamicPart : StringPart
{
    public DynamicPart(string name, long? boundTokens, string? boundSource)
    {
        Name = name;
        if (boundTokens is { } bound && !Core.Estimation.SaneRange.IsSaneTokenCount(bound))
        {
            // A bound below 0 or above 10^9 tokens is a mistake: reported (PB1010) and not used.
            RejectedBound = bound;
            RejectedBoundSource = boundSource;
            return;
        }

        BoundTokens = boundTokens;
        BoundSource = boundSource;
    }

    /// <summary>The code as written (shortened), e.g. <c>question</c> or <c>GetContext()</c>.</summary>
    public string Name { get; }

    public long? BoundTokens { get; }

    public string? BoundSource { get; }

    /// <summary>A declared bound outside the sane range (negative, or above 10^9 tokens): not used, the part is unbounded.</summary>
    public long? RejectedBound { get; }

    public string? RejectedBoundSource { get; }
}

/// <summary>What the analyzer knows of a string expression: an ordered list of known and dynamic parts.</summary>
internal sealed class StringValue
{
    public static readonly StringValue Empty = new(new List<StringPart>());

    public StringValue(IReadOnlyList<StringPart> parts) => Parts = parts;

    public IReadOnlyList<StringPart> Parts { get; }

    public bool IsConstant => Parts.All(p => p is LiteralPart);

    public IEnumerable<DynamicPart> DynamicParts => Parts.OfType<DynamicPart>();

    /// <summary>The known text of all literal parts, in order.</summary>
    public string StaticText
    {
        get
        {
            if (Parts.Count == 1 && Parts[0] is LiteralPart only)
            {
                return only.Text;
            }

            var builder = new StringBuilder();
            foreach (var part in Parts)
            {
                if (part is LiteralPart literal)
                {
                    builder.Append(literal.Text);
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>Length of the known text before the first dynamic part (the cacheable prefix).</summary>
    public int StaticPrefixLength
    {
        get
        {
            var length = 0;
            foreach (var part in Parts)
            {
                if (part is not LiteralPart literal)
                {
                    break;
                }

                length += literal.Text.Length;
            }

            return length;
        }
    }

    public static StringValue Literal(string text) => new(new List<StringPart> { new LiteralPart(text) });

    public static StringValue Dynamic(string name, long? bound = null, string? boundSource = null) =>
        new(new List<StringPart> { new DynamicPart(name, bound, boundSource) });
}
