using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Pricing;

/// <summary>
/// Model prices: the embedded LiteLLM subset, optionally overridden or extended field by field
/// by a user's files. Immutable once built, safe to share across threads.
/// </summary>
public sealed class PriceTable
{
    private readonly Dictionary<string, ModelPrice> _byKey;

    private PriceTable(Dictionary<string, ModelPrice> byKey, string? date, IReadOnlyList<PriceFileError> errors)
    {
        _byKey = byKey;
        Date = date;
        Errors = errors;
    }

    /// <summary>The date of the embedded prices, or of the newest file that states one.</summary>
    public string? Date { get; }

    /// <summary>Problems found in the files the table was built from; their good entries still loaded.</summary>
    public IReadOnlyList<PriceFileError> Errors { get; }

    public int Count => _byKey.Count;

    public IEnumerable<ModelPrice> Models => _byKey.Values;

    /// <summary>The embedded table alone (parsed once per process).</summary>
    public static PriceTable Default => EmbeddedPrices.Table;

    /// <summary>Builds a table from files in order: later files override earlier ones field by field.</summary>
    public static PriceTable Build(IEnumerable<PriceFile> files)
    {
        var merged = new Dictionary<string, List<KeyValuePair<string, JsonValue>>>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<PriceFileError>();
        string? date = null;
        foreach (var file in files)
        {
            errors.AddRange(file.Errors);
            if (file.Date is not null && (date is null || string.CompareOrdinal(file.Date, date) > 0))
            {
                date = file.Date;
            }

            foreach (var entry in file.Entries)
            {
                var key = entry.Key.Trim().ToLowerInvariant();
                if (!merged.TryGetValue(key, out var members))
                {
                    members = new List<KeyValuePair<string, JsonValue>>();
                    merged.Add(key, members);
                }

                members.AddRange(entry.Value);
                sources[key] = file.Path;
            }
        }

        var byKey = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var pair in merged)
        {
            byKey.Add(pair.Key, PriceFileParser.Build(pair.Key, pair.Value, sources[pair.Key]));
        }

        return new PriceTable(byKey, date, errors);
    }

    /// <summary>The embedded prices with the given user files applied on top.</summary>
    public static PriceTable WithOverrides(IEnumerable<PriceFile> userFiles) =>
        Build(new[] { EmbeddedPrices.File }.Concat(userFiles));

    public ModelLookup Lookup(string model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return ModelLookup.Unknown(model ?? "", Array.Empty<string>());
        }

        foreach (var candidate in ModelIdNormalizer.Candidates(model))
        {
            if (_byKey.TryGetValue(candidate, out var price))
            {
                return ModelLookup.Known(model, price);
            }
        }

        return ModelLookup.Unknown(model, Suggest(model));
    }

    /// <summary>Names longer than this get no suggestions: no model id is nearly that long (the longest are ~80 characters).</summary>
    internal const int MaxSuggestedNameLength = 256;

    /// <summary>Edit-distance cells computed for suggestions so far (for tests: a huge name must cost none).</summary>
    internal long SuggestionCells;

    private IReadOnlyList<string> Suggest(string model)
    {
        if (model.Length > MaxSuggestedNameLength * 4)
        {
            return Array.Empty<string>();
        }

        var target = ModelIdNormalizer.StripPrefixes(model.Trim().ToLowerInvariant());
        if (target.Length > MaxSuggestedNameLength)
        {
            return Array.Empty<string>();
        }

        // A key whose length differs from the name by more than the allowed distance cannot be within it,
        // so its distance is never computed.
        var allowed = Math.Max(3, target.Length / 3);
        return _byKey.Keys
            .Where(k => k.IndexOf('/') < 0 && Math.Abs(k.Length - target.Length) <= allowed)
            .Select(k => (Key: k, Distance: Distance(target, k)))
            .Where(x => x.Distance <= allowed)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Key)
            .ToList();
    }

    private int Distance(string a, string b)
    {
        System.Threading.Interlocked.Add(ref SuggestionCells, (long)a.Length * b.Length);
        return EditDistance.Compute(a, b);
    }
}
