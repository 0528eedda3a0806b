using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptBudget.Core.Pricing;

/// <summary>
/// The candidate keys a model name may be priced under, most specific first: as written, without a
/// provider prefix, without a date or version suffix. Names are compared case-insensitively.
/// </summary>
public static class ModelIdNormalizer
{
    private static readonly string[] ProviderPrefixes =
    {
        "openai/", "azure/", "azure_ai/", "anthropic/", "gemini/", "vertex_ai/", "google/", "models/", "xai/", "mistral/", "deepseek/",
    };

    // -2024-08-06, -20250929, @20240620, -latest, -preview-05-06 style suffixes.
    private static readonly Regex DateSuffix = new(@"(-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8}|-latest|-v\d+(:\d+)?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static IEnumerable<string> Candidates(string model)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = model.Trim().ToLowerInvariant();
        foreach (var candidate in WithSuffixesRemoved(current))
        {
            if (seen.Add(candidate))
            {
                yield return candidate;
            }
        }

        var stripped = StripPrefixes(current);
        foreach (var candidate in WithSuffixesRemoved(stripped))
        {
            if (seen.Add(candidate))
            {
                yield return candidate;
            }
        }
    }

    public static string StripPrefixes(string model)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in ProviderPrefixes)
            {
                if (model.StartsWith(prefix, StringComparison.Ordinal))
                {
                    model = model.Substring(prefix.Length);
                    changed = true;
                }
            }
        }

        return model;
    }

    private static IEnumerable<string> WithSuffixesRemoved(string model)
    {
        yield return model;
        var current = model;
        for (var i = 0; i < 3; i++)
        {
            var next = DateSuffix.Replace(current, "");
            if (next == current || next.Length == 0)
            {
                yield break;
            }

            current = next;
            yield return current;
        }
    }
}
