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

/// <summary>What holds a dynamic segment's value, which decides how a bound can be declared for it (PB1007's advice).</summary>
internal enum SegmentOrigin
{
    /// <summary>An expression nothing names (a call's result, an object made in place).</summary>
    Expression,

    /// <summary>A local variable: attributes cannot go on it, <c>PromptBound.Tokens(value, n)</c> can wrap its value.</summary>
    Local,

    Parameter,
    Field,
    Property,

    /// <summary>A method's result: the attribute goes on the method.</summary>
    Method,
}

/// <summary>A dynamic segment: a parameter, a method result, anything not known at compile time.</summary>
internal sealed class DynamicPart : StringPart
{
    public DynamicPart(string name, long? boundTokens, string? boundSource, SegmentOrigin origin = SegmentOrigin.Expression)
    {
        Name = name;
        Origin = origin;
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

    /// <summary>A part bounded by its type (an <c>int</c>, a <c>DateTime</c>): its longest printed texts, counted by the estimator.</summary>
    public DynamicPart(string name, IReadOnlyList<string> typeTexts, string boundSource, SegmentOrigin origin)
    {
        Name = name;
        Origin = origin;
        TypeTexts = typeTexts;
        BoundSource = boundSource;
    }

    /// <summary>
    /// The code as written (shortened), e.g. <c>question</c> or <c>GetContext()</c>; for a value followed from the
    /// local, field or property that holds it, that holder's name (never the initializer's <c>new StringBuilder()</c>).
    /// </summary>
    public string Name { get; private set; }

    public SegmentOrigin Origin { get; private set; }

    /// <summary>For a part bounded by its type: the texts whose largest token count is its bound (see <see cref="Core.Estimation.FormattedValueTexts"/>).</summary>
    public IReadOnlyList<string>? TypeTexts { get; private set; }

    /// <summary>A declared bound, or a bound from the type.</summary>
    public bool IsBounded => BoundTokens is not null || TypeTexts is not null;

    public long? BoundTokens { get; private set; }

    public string? BoundSource { get; private set; }

    /// <summary>Why the analyzer could not read further (a virtual helper, a recursive call), shown by PB1007; null when the name says it all.</summary>
    public string? Why { get; private set; }

    /// <summary>The same part, with the reason it could not be read further.</summary>
    public DynamicPart Because(string? why)
    {
        if (why is null)
        {
            return this;
        }

        var copy = (DynamicPart)MemberwiseClone();
        copy.Why = why;
        return copy;
    }

    /// <summary>The same part, named by what holds it.</summary>
    public DynamicPart NamedBy(string name, SegmentOrigin origin)
    {
        var copy = (DynamicPart)MemberwiseClone();
        copy.Name = name;
        copy.Origin = origin;
        return copy;
    }

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
