using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Analyzers.Infrastructure;

/// <summary>
/// Price tables built from users' price files, cached by file contents so that an IDE re-analysing on
/// every keystroke parses a price file once, not once per compilation.
/// </summary>
internal static class PriceTableCache
{
    private static readonly ConcurrentDictionary<string, PriceTable> Tables = new();

    public static PriceTable Get(IReadOnlyList<(string Path, string Text)> files)
    {
        if (files.Count == 0)
        {
            return PriceTable.Default;
        }

        var key = string.Join("\u0000", files.Select(f => f.Path + "\u0001" + f.Text.Length + "\u0001" + f.Text.GetHashCode()));
        if (Tables.Count > 16)
        {
            Tables.Clear();
        }

        return Tables.GetOrAdd(key, _ => PriceTable.WithOverrides(files.Select(f => PriceFileParser.Parse(f.Text, f.Path)).ToList()));
    }
}
