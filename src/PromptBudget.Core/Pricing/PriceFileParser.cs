using System;
using System.Collections.Generic;
using System.Globalization;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Pricing;

/// <summary>
/// Reads a LiteLLM-format price file. Each entry is checked on its own: a bad entry is reported
/// (file, entry, field, line) and left out, and the rest of the file still loads.
/// </summary>
public static class PriceFileParser
{
    private const string AbovePrefix = "_above_";
    private const string AboveSuffix = "k_tokens";

    private static readonly string[] BasePriceFields =
    {
        "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
        "cache_creation_input_token_cost", "output_cost_per_reasoning_token",
    };

    private static readonly string[] LimitFields = { "max_input_tokens", "max_output_tokens", "max_tokens", "prompt_cache_min_tokens" };

    public static PriceFile Parse(string text, string path)
    {
        var errors = new List<PriceFileError>();
        var entries = new Dictionary<string, IReadOnlyList<KeyValuePair<string, JsonValue>>>(StringComparer.Ordinal);
        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonParseException ex)
        {
            errors.Add(new PriceFileError(path, null, null, "not valid JSON: " + ex.Message, ex.Line));
            return new PriceFile(path, null, entries, errors);
        }

        if (root.Kind != JsonKind.Object)
        {
            errors.Add(new PriceFileError(path, null, null, "the file must be a JSON object of model entries", root.Line));
            return new PriceFile(path, null, entries, errors);
        }

        string? date = null;
        foreach (var member in root.Members)
        {
            if (member.Key == "_meta")
            {
                date = member.Value.GetString("date");
                continue;
            }

            if (member.Key == "sample_spec" || member.Key.StartsWith("_", StringComparison.Ordinal))
            {
                continue;
            }

            if (member.Value.Kind != JsonKind.Object)
            {
                errors.Add(new PriceFileError(path, member.Key, null, "an entry must be a JSON object", member.Value.Line));
                continue;
            }

            var entryErrors = Validate(path, member.Key, member.Value);
            if (entryErrors.Count > 0)
            {
                errors.AddRange(entryErrors);
                continue;
            }

            entries[member.Key] = member.Value.Members;
        }

        return new PriceFile(path, date, entries, errors);
    }

    /// <summary>Builds a price from the (merged) members of an entry, already validated.</summary>
    internal static ModelPrice Build(string id, IReadOnlyList<KeyValuePair<string, JsonValue>> members, string source)
    {
        var entry = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            entry[member.Key] = member.Value;
        }

        var tiers = new SortedDictionary<long, PriceTier>();
        var price = new ModelPrice(id)
        {
            Provider = StringField(entry, "litellm_provider"),
            Mode = StringField(entry, "mode"),
            InputCostPerToken = Decimal(entry, "input_cost_per_token"),
            OutputCostPerToken = Decimal(entry, "output_cost_per_token"),
            CacheReadInputTokenCost = Decimal(entry, "cache_read_input_token_cost"),
            CacheCreationInputTokenCost = Decimal(entry, "cache_creation_input_token_cost"),
            OutputCostPerReasoningToken = Decimal(entry, "output_cost_per_reasoning_token"),
            MaxInputTokens = Long(entry, "max_input_tokens"),
            MaxOutputTokens = Long(entry, "max_output_tokens"),
            MaxTokens = Long(entry, "max_tokens"),
            PromptCacheMinTokens = Long(entry, "prompt_cache_min_tokens"),
            SupportsReasoning = entry.TryGetValue("supports_reasoning", out var r) && r.Kind == JsonKind.Boolean && r.Boolean,
            SupportsPromptCaching = entry.TryGetValue("supports_prompt_caching", out var c) && c.Kind == JsonKind.Boolean && c.Boolean,
            Source = source,
        };

        foreach (var pair in entry)
        {
            if (!TryParseTierField(pair.Key, out var baseField, out var threshold))
            {
                continue;
            }

            if (!tiers.TryGetValue(threshold, out var tier))
            {
                tier = new PriceTier(threshold);
                tiers.Add(threshold, tier);
            }

            var value = Decimal(entry, pair.Key);
            switch (baseField)
            {
                case "input_cost_per_token": tier.InputCostPerToken = value; break;
                case "output_cost_per_token": tier.OutputCostPerToken = value; break;
                case "cache_read_input_token_cost": tier.CacheReadInputTokenCost = value; break;
                case "cache_creation_input_token_cost": tier.CacheCreationInputTokenCost = value; break;
            }
        }

        price.Tiers = new List<PriceTier>(tiers.Values);
        return price;
    }

    /// <summary>
    /// Recognises <c>input_cost_per_token_above_200k_tokens</c>-style fields. Variants with a further
    /// qualifier (<c>_priority</c>, <c>_above_1hr</c>) are other service levels and are not the plain tier.
    /// </summary>
    internal static bool TryParseTierField(string field, out string baseField, out long threshold)
    {
        baseField = "";
        threshold = 0;
        if (!field.EndsWith(AboveSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        var at = field.LastIndexOf(AbovePrefix, StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        baseField = field.Substring(0, at);
        if (Array.IndexOf(BasePriceFields, baseField) < 0)
        {
            return false;
        }

        var number = field.Substring(at + AbovePrefix.Length, field.Length - at - AbovePrefix.Length - AboveSuffix.Length);
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var thousands) || thousands > long.MaxValue / 1000)
        {
            return false;
        }

        threshold = thousands * 1000;
        return true;
    }

    private static List<PriceFileError> Validate(string path, string id, JsonValue entry)
    {
        var errors = new List<PriceFileError>();
        foreach (var member in entry.Members)
        {
            var isPrice = Array.IndexOf(BasePriceFields, member.Key) >= 0 || TryParseTierField(member.Key, out _, out _);
            var isLimit = Array.IndexOf(LimitFields, member.Key) >= 0;
            if (!isPrice && !isLimit)
            {
                continue;
            }

            if (member.Value.Kind == JsonKind.Null)
            {
                continue;
            }

            if (member.Value.Kind != JsonKind.Number)
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"'{Describe(member.Value)}' is not a number", member.Value.Line));
            }
            else if (!TryDecimal(member.Value.Text!, out var number))
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"{member.Value.Text} is out of range", member.Value.Line));
            }
            else if (number < 0)
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"{member.Value.Text} is negative", member.Value.Line));
            }
            else if (isLimit && number != decimal.Truncate(number))
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"{member.Value.Text} is not a whole number of tokens", member.Value.Line));
            }
            else if (isLimit && number > Estimation.SaneRange.MaxTokens)
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"{member.Value.Text} tokens is above the sane limit of 1,000,000,000 tokens", member.Value.Line));
            }
            else if (isPrice && number > Estimation.SaneRange.MaxUsdPerToken)
            {
                errors.Add(new PriceFileError(path, id, member.Key, $"{member.Value.Text} USD per token is above the sane limit of $1 per token (prices are per token, not per million)", member.Value.Line));
            }
        }

        return errors;
    }

    private static string Describe(JsonValue value) => value.Kind switch
    {
        JsonKind.String => value.Text!,
        JsonKind.Boolean => value.Boolean ? "true" : "false",
        JsonKind.Number => value.Text!,
        _ => value.Kind.ToString().ToLowerInvariant(),
    };

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static decimal? Decimal(Dictionary<string, JsonValue> entry, string name) =>
        entry.TryGetValue(name, out var value) && value.Kind == JsonKind.Number && TryDecimal(value.Text!, out var number) ? number : null;

    private static long? Long(Dictionary<string, JsonValue> entry, string name) =>
        Decimal(entry, name) is { } number ? (long)number : null;

    private static string? StringField(Dictionary<string, JsonValue> entry, string name) =>
        entry.TryGetValue(name, out var value) && value.Kind == JsonKind.String ? value.Text : null;
}
