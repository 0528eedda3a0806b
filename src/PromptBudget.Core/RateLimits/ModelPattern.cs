using System;
using System.Collections.Generic;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Core.RateLimits;

/// <summary>
/// The model a rate limit applies to: a name (<c>gpt-4o-mini</c>) or a pattern with <c>*</c> for any run of
/// characters (<c>claude-sonnet-4*</c>), which stands for a pool of models that share one limit (Anthropic pools
/// its limits per model class). Compared case-insensitively with the model as written and as priced, each also
/// without a provider prefix (<c>anthropic/</c>).
/// </summary>
public sealed class ModelPattern
{
    private readonly string[] _parts;

    public ModelPattern(string text)
    {
        Text = text.Trim();
        _parts = Text.ToLowerInvariant().Split('*');
    }

    /// <summary>As the user wrote it.</summary>
    public string Text { get; }

    /// <summary>True when it has a <c>*</c>: a pool of models, not one name.</summary>
    public bool IsPattern => _parts.Length > 1;

    /// <summary>How many characters are not wildcards: where two limits match a model, the more specific one applies.</summary>
    public int LiteralLength => Text.Length - (_parts.Length - 1);

    /// <summary>Whether any of the names of a call's model matches.</summary>
    public bool MatchesAny(IEnumerable<string?> models)
    {
        foreach (var model in models)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                continue;
            }

            var name = model!.Trim().ToLowerInvariant();
            if (Matches(name) || Matches(ModelIdNormalizer.StripPrefixes(name)))
            {
                return true;
            }
        }

        return false;
    }

    // Glob with '*' only: the first part is a prefix, the last a suffix, the middle ones in order between them.
    private bool Matches(string name)
    {
        if (_parts.Length == 1)
        {
            return string.Equals(name, _parts[0], StringComparison.Ordinal);
        }

        var first = _parts[0];
        var last = _parts[_parts.Length - 1];
        if (name.Length < first.Length + last.Length
            || !name.StartsWith(first, StringComparison.Ordinal)
            || !name.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        var position = first.Length;
        var end = name.Length - last.Length;
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var part = _parts[i];
            if (part.Length == 0)
            {
                continue;
            }

            var found = name.IndexOf(part, position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return true;
    }
}
