using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// Why a call site has its status, in words a reader can act on: each broken per-call budget with the
/// amount over, each part of unknown size by name, a max output left to the model's maximum, an
/// unknown price, the feature or project budget it belongs to, a regression. Empty for a plain ok row.
/// </summary>
public static class SiteReasons
{
    public static List<string> For(ReportCallSite site, bool featureOver, bool projectOver, bool regression)
    {
        var r = site.Record;
        var reasons = new List<string>();
        foreach (var v in r.Violations)
        {
            switch (v.Kind)
            {
                case "input-tokens":
                    reasons.Add($"over max_input_tokens {NumberText.Count((long)v.Limit)} by {NumberText.Count((long)(v.Actual - v.Limit))}");
                    break;
                case "output-tokens":
                    reasons.Add($"over max_output_tokens {NumberText.Count((long)v.Limit)} by {NumberText.Count((long)(v.Actual - v.Limit))}");
                    break;
                case "cost-per-call":
                    reasons.Add($"over max_cost_per_call {NumberText.Usd(v.Limit)} by {NumberText.Usd(v.Actual - v.Limit)}");
                    break;
            }
        }

        var unsized = UnsizedParts(r);
        if (unsized.Count == 0 && HasUnsizedPart(r))
        {
            reasons.Add($"{NumberText.Int(r.UnboundedSegments)} unbounded part{(r.UnboundedSegments == 1 ? "" : "s")}");
        }
        else if (unsized.Count > 0)
        {
            reasons.Add((unsized.Count == 1 ? "unbounded part: " : "unbounded parts: ") + string.Join(", ", unsized.Take(3)) + (unsized.Count > 3 ? $" and {unsized.Count - 3} more" : ""));
        }

        if (r.MaxOutputSource == "model-maximum" && r.MaxOutputTokens is { } max)
        {
            reasons.Add($"max output not set: model maximum {NumberText.Count(max)}");
        }

        if (r.HasToolLoop)
        {
            reasons.Add(r.LoopIterationCap is { } cap
                ? $"tool loop: up to {NumberText.Count(cap)} model calls per request ({(r.LoopIterationCapSource == "library-default" ? "library default, assumed" : r.LoopIterationCapSource)})"
                : "tool loop with a cap that cannot be known: no cost per request");
        }

        if (r.WorstCaseCostUsd is null)
        {
            reasons.Add(r.Model is null ? "model unknown: no price" : $"no price for {r.Model}");
        }

        if (regression)
        {
            reasons.Add("grew past the baseline");
        }

        if (featureOver)
        {
            reasons.Add($"feature {site.Feature} over budget");
        }

        if (projectOver)
        {
            reasons.Add("project over budget");
        }

        return reasons;
    }

    /// <summary>A part has neither a bound nor an assumed size, so the cost leaves it out.</summary>
    public static bool HasUnsizedPart(CallSiteRecord r) => r.UnboundedSegments > 0 && r.AssumedUnboundedTokens == 0;

    /// <summary>The names of the parts that have neither a bound nor an assumed size.</summary>
    public static List<string> UnsizedParts(CallSiteRecord r) =>
        r.AssumedUnboundedTokens > 0 ? new List<string>() : r.Segments.Where(s => s.BoundTokens is null).Select(s => s.Name).Distinct().ToList();

    /// <summary>A cost that leaves parts of unknown size out is only a lower bound: "≥ $0.229".</summary>
    public static string Cost(CallSiteRecord r) =>
        (r.WorstCaseCostUsd is not null && HasUnsizedPart(r) ? "≥ " : "") + NumberText.Usd(r.WorstCaseCostUsd);
}
