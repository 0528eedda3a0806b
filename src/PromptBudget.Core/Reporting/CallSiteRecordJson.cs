using System;
using System.Collections.Generic;
using System.Globalization;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Reporting;

/// <summary>Writes and reads <see cref="CallSiteRecord"/> as compact JSON (the PB0001 payload).</summary>
public static class CallSiteRecordJson
{
    /// <summary>The <c>Diagnostic.Properties</c> key that carries the payload.</summary>
    public const string PropertyName = "PromptBudget.Payload";

    /// <summary>Bumped when a field changes meaning; readers reject versions they do not know.</summary>
    public const int SchemaVersion = 1;

    public static string Write(CallSiteRecord r)
    {
        var w = new JsonWriter();
        w.StartObject();
        w.Property("v", SchemaVersion);
        w.Property("file", r.File).Property("line", r.Line).Property("column", r.Column);
        w.Property("member", r.Member).Property("ordinal", r.Ordinal).Property("feature", r.Feature).Property("callsPerRequest", r.CallsPerRequest);
        w.Property("sdk", r.Sdk);
        w.Property("gen_ai.request.model", r.Model).Property("modelSource", r.ModelSource).Property("resolvedModel", r.ResolvedModel);
        w.Property("encoding", r.Encoding).Property("exact", r.Exact).Property("tokenizerFactor", r.TokenizerFactor);
        w.Property("staticTokens", r.StaticTokens).Property("overheadTokens", r.OverheadTokens);
        w.Property("boundedDynamicTokens", r.BoundedDynamicTokens).Property("assumedUnboundedTokens", r.AssumedUnboundedTokens);
        w.Property("gen_ai.usage.input_tokens", r.InputTokens).Property("unboundedSegments", r.UnboundedSegments);
        w.Name("segments").StartArray();
        foreach (var s in r.Segments)
        {
            w.StartObject().Property("name", s.Name).Property("boundTokens", s.BoundTokens).EndObject();
        }

        w.EndArray();
        w.Property("gen_ai.request.max_tokens", r.MaxOutputTokens).Property("maxOutputSource", r.MaxOutputSource);
        w.Property("gen_ai.usage.reasoning.output_tokens", r.ReasoningTokens);
        w.Property("gen_ai.usage.cache_read.input_tokens", r.CacheablePrefixTokens);
        w.Property("contextWindow", r.ContextWindow).Property("canOverflowContextWindow", r.CanOverflowContextWindow);
        w.Property("priceTierAboveTokens", r.PriceTierAboveTokens);
        w.Property("inputCostUsd", r.InputCostUsd).Property("outputCostUsd", r.OutputCostUsd);
        w.Property("worstCaseCostUsd", r.WorstCaseCostUsd).Property("cachedCaseCostUsd", r.CachedCaseCostUsd);
        w.Property("cacheWriteCaseCostUsd", r.CacheWriteCaseCostUsd).Property("priceDate", r.PriceDate);
        w.Property("preview", r.Preview);
        w.Property("budgetMaxInputTokens", r.BudgetMaxInputTokens).Property("budgetMaxOutputTokens", r.BudgetMaxOutputTokens);
        w.Property("budgetMaxCostPerCallUsd", r.BudgetMaxCostPerCallUsd);
        w.Name("violations").StartArray();
        foreach (var v in r.Violations)
        {
            w.StartObject().Property("kind", v.Kind).Property("limit", v.Limit).Property("actual", v.Actual).Property("unit", v.Unit).EndObject();
        }

        w.EndArray();
        w.EndObject();
        return w.ToString();
    }

    /// <summary>Reads a payload; throws <see cref="FormatException"/> for bad JSON or an unknown schema version.</summary>
    public static CallSiteRecord Read(string json)
    {
        JsonValue o;
        try
        {
            o = JsonReader.Parse(json);
        }
        catch (JsonParseException ex)
        {
            throw new FormatException("The PromptBudget payload is not valid JSON: " + ex.Message, ex);
        }

        var version = Long(o, "v");
        if (version != SchemaVersion)
        {
            throw new FormatException($"The PromptBudget payload has schema version {version?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this reader knows version {SchemaVersion}.");
        }

        var r = new CallSiteRecord
        {
            File = o.GetString("file") ?? "",
            Line = (int)(Long(o, "line") ?? 0),
            Column = (int)(Long(o, "column") ?? 0),
            Member = o.GetString("member") ?? "",
            Ordinal = (int)(Long(o, "ordinal") ?? 0),
            Feature = o.GetString("feature"),
            CallsPerRequest = Decimal(o, "callsPerRequest") ?? 1m,
            Sdk = o.GetString("sdk") ?? "",
            Model = o.GetString("gen_ai.request.model"),
            ModelSource = o.GetString("modelSource") ?? "code",
            ResolvedModel = o.GetString("resolvedModel"),
            Encoding = o.GetString("encoding") ?? "",
            Exact = o.Get("exact") is { Kind: JsonKind.Boolean, Boolean: true },
            TokenizerFactor = Decimal(o, "tokenizerFactor") ?? 1m,
            StaticTokens = Long(o, "staticTokens") ?? 0,
            OverheadTokens = Long(o, "overheadTokens") ?? 0,
            BoundedDynamicTokens = Long(o, "boundedDynamicTokens") ?? 0,
            AssumedUnboundedTokens = Long(o, "assumedUnboundedTokens") ?? 0,
            InputTokens = Long(o, "gen_ai.usage.input_tokens") ?? 0,
            UnboundedSegments = (int)(Long(o, "unboundedSegments") ?? 0),
            MaxOutputTokens = Long(o, "gen_ai.request.max_tokens"),
            MaxOutputSource = o.GetString("maxOutputSource") ?? "unknown",
            ReasoningTokens = Long(o, "gen_ai.usage.reasoning.output_tokens") ?? 0,
            CacheablePrefixTokens = Long(o, "gen_ai.usage.cache_read.input_tokens") ?? 0,
            ContextWindow = Long(o, "contextWindow"),
            CanOverflowContextWindow = o.Get("canOverflowContextWindow") is { Kind: JsonKind.Boolean, Boolean: true },
            PriceTierAboveTokens = Long(o, "priceTierAboveTokens"),
            InputCostUsd = Decimal(o, "inputCostUsd"),
            OutputCostUsd = Decimal(o, "outputCostUsd"),
            WorstCaseCostUsd = Decimal(o, "worstCaseCostUsd"),
            CachedCaseCostUsd = Decimal(o, "cachedCaseCostUsd"),
            CacheWriteCaseCostUsd = Decimal(o, "cacheWriteCaseCostUsd"),
            PriceDate = o.GetString("priceDate"),
            Preview = o.GetString("preview") ?? "",
            BudgetMaxInputTokens = Long(o, "budgetMaxInputTokens"),
            BudgetMaxOutputTokens = Long(o, "budgetMaxOutputTokens"),
            BudgetMaxCostPerCallUsd = Decimal(o, "budgetMaxCostPerCallUsd"),
        };

        foreach (var s in Items(o, "segments"))
        {
            r.Segments.Add(new SegmentRecord { Name = s.GetString("name") ?? "", BoundTokens = Long(s, "boundTokens") });
        }

        foreach (var v in Items(o, "violations"))
        {
            r.Violations.Add(new ViolationRecord
            {
                Kind = v.GetString("kind") ?? "",
                Limit = Decimal(v, "limit") ?? 0,
                Actual = Decimal(v, "actual") ?? 0,
                Unit = v.GetString("unit") ?? "",
            });
        }

        return r;
    }

    private static IEnumerable<JsonValue> Items(JsonValue o, string name) =>
        o.Get(name) is { Kind: JsonKind.Array } array ? array.Items : Array.Empty<JsonValue>();

    private static decimal? Decimal(JsonValue o, string name) =>
        o.Get(name) is { Kind: JsonKind.Number } n && decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static long? Long(JsonValue o, string name) => Decimal(o, name) is { } d ? (long)d : null;
}
