using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Usage;

/// <summary>How a span was tied to the code.</summary>
public enum UsageMatch
{
    /// <summary><c>code.file.path</c> ends with the call site's file and <c>code.line.number</c> is within 2 lines of the call.</summary>
    Location,

    /// <summary>No usable location, but the span's feature attribute (<c>PromptBudgetUsageFeatureAttribute</c>) names a feature of the code.</summary>
    Feature,

    /// <summary>No usable location or feature, but the span's model is one the code names.</summary>
    Model,

    /// <summary>Neither.</summary>
    None,
}

/// <summary>The spans tied to one call site (by location), one feature, or one model the code names (by model alone).</summary>
public sealed class UsageGroup
{
    /// <summary>Distinct observed models kept per group; the rest are counted under <see cref="OtherModels"/>.</summary>
    public const int MaxModels = 20;

    internal UsageGroup(UsageMatch match, string key, IReadOnlyList<ReportCallSite> sites)
    {
        Match = match;
        Key = key;
        Sites = sites;
        Site = sites.OrderByDescending(s => s.Record.WorstCaseInputTokens + (s.Record.MaxOutputTokens ?? 0)).First();
        WorstCaseInputTokens = sites.Max(s => s.Record.WorstCaseInputTokens);
        WorstCaseOutputTokens = sites.Any(s => s.Record.MaxOutputTokens is null) ? null : sites.Max(s => s.Record.MaxOutputTokens);
        var features = sites.Select(s => s.Feature).Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
        Feature = match == UsageMatch.Feature ? key : features.Count == 1 ? features[0] : null;
    }

    public UsageMatch Match { get; }

    /// <summary>The site id (by location), the feature (by feature) or the model as the code names it (by model).</summary>
    public string Key { get; }

    /// <summary>The call site (by location), every site of the feature, or every site that names the model, in report order.</summary>
    public IReadOnlyList<ReportCallSite> Sites { get; }

    /// <summary>The site the comparison and its findings point at: the one with the largest static worst case.</summary>
    public ReportCallSite Site { get; }

    /// <summary>The feature this group's spend counts toward; null when its sites belong to several.</summary>
    public string? Feature { get; }

    public long Requests => Input.Count;

    public TokenDistribution Input { get; } = new();

    public TokenDistribution Output { get; } = new();

    public long TotalInputTokens { get; private set; }

    public long TotalOutputTokens { get; private set; }

    public long CacheReadInputTokens { get; private set; }

    public long CacheCreationInputTokens { get; private set; }

    /// <summary>Reasoning tokens (part of the output: the convention counts them in <c>output_tokens</c>).</summary>
    public long ReasoningOutputTokens { get; private set; }

    /// <summary>Cache reads as a share (0–1) of all input tokens; null when there was no input.</summary>
    public decimal? CacheReadShare => TotalInputTokens > 0 ? (decimal)CacheReadInputTokens / TotalInputTokens : null;

    /// <summary>The observed spend of the priced spans (<see cref="UsagePricing"/>).</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Spans whose model has no price: their cost is not in <see cref="CostUsd"/>.</summary>
    public long UnpricedSpans { get; private set; }

    /// <summary>Observed model → spans, ordinal order.</summary>
    public SortedDictionary<string, long> Models { get; } = new(System.StringComparer.Ordinal);

    public long OtherModels { get; private set; }

    /// <summary>Observed models the code at this site (or the feature's sites) does not name → spans (matches by location and by feature).</summary>
    public SortedDictionary<string, long> DriftModels { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Static worst-case input tokens to compare with (largest over <see cref="Sites"/>).</summary>
    public long WorstCaseInputTokens { get; }

    /// <summary>Static worst-case output tokens; null when a site's is unknown.</summary>
    public long? WorstCaseOutputTokens { get; }

    internal void Add(UsageSpan span, bool drift, decimal? cost)
    {
        var input = span.InputTokens ?? 0;
        var output = System.Math.Max(span.OutputTokens ?? 0, span.ReasoningOutputTokens ?? 0);
        Input.Add(input);
        Output.Add(output);
        TotalInputTokens += input;
        TotalOutputTokens += output;
        CacheReadInputTokens += span.CacheReadInputTokens ?? 0;
        CacheCreationInputTokens += span.CacheCreationInputTokens ?? 0;
        ReasoningOutputTokens += span.ReasoningOutputTokens ?? 0;
        if (cost is { } usd)
        {
            CostUsd += usd;
        }
        else
        {
            UnpricedSpans++;
        }

        var model = span.Model ?? "(no model)";
        OtherModels += Count(Models, model) ? 0 : 1;
        if (drift)
        {
            Count(DriftModels, model);
        }
    }

    internal static bool Count(SortedDictionary<string, long> counts, string key)
    {
        if (counts.TryGetValue(key, out var n))
        {
            counts[key] = n + 1;
            return true;
        }

        if (counts.Count >= MaxModels)
        {
            return false;
        }

        counts[key] = 1;
        return true;
    }
}
