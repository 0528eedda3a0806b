using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>The words the findings and the three reports share for rate limits, so they never say one number two ways.</summary>
public static class RateLimitText
{
    /// <summary>"36,000" or "≥ 36,000" (a fraction of a request or token is kept: "0.5").</summary>
    public static string PerMinute(RateLimitUse use) =>
        use.PeakPerMinute is { } peak ? (use.LowerBound ? "≥ " : "") + NumberText.Count(decimal.Round(peak, 2)) : "—";

    public static string Percent(RateLimitUse use) => use.Percent is { } p ? (use.LowerBound ? "≥ " : "") + NumberText.Percent(decimal.Round(p, 1)) : "—";

    /// <summary>"36,000 input tokens per minute, 120% of ITPM 30,000".</summary>
    public static string Use(RateLimitUse use) =>
        $"{PerMinute(use)} {RateLimitKinds.Counted(use.Kind)}, {Percent(use)} of {RateLimitKinds.Label(use.Kind)} {NumberText.Count(use.Limit)}";

    /// <summary>"support-bot 120/min (PeakRequestsPerMinute of PromptBudgetFeature 'support-bot', assumed)".</summary>
    public static string Peaks(RateLimitPool pool)
    {
        var parts = pool.Peaks.Select(p => $"{p.Feature} {NumberText.Count(p.RequestsPerMinute)} requests/min ({p.Source}, assumed)").ToList();
        if (pool.FeaturesWithoutPeak.Count > 0)
        {
            parts.Add($"no peak rate for {string.Join(", ", pool.FeaturesWithoutPeak.Select(Feature))} (left out)");
        }

        return string.Join("; ", parts);
    }

    /// <summary>"×1 model call per request at each call (prompt_budget.calls_per_request, assumed)", or the calls that differ.</summary>
    public static string Calls(RateLimitPool pool)
    {
        var calls = pool.Sites.Select(s => (Site: s, Calls: RequestCalls.ModelCallsPerRequest(s.Record))).ToList();
        var distinct = calls.Select(c => (c.Calls.Calls, c.Calls.Source)).Distinct().ToList();
        if (distinct.Count == 1)
        {
            return $"×{NumberText.Count(distinct[0].Calls)} model call{(distinct[0].Calls == 1m ? "" : "s")} per request at each call ({distinct[0].Source}, assumed)";
        }

        return string.Join("; ", calls.Select(c => $"×{NumberText.Count(c.Calls.Calls)} at {c.Site.Location} ({c.Calls.Source}, assumed)"));
    }

    /// <summary>The models a pool covers: "claude-sonnet-4*: claude-sonnet-4-5, claude-sonnet-4".</summary>
    public static string Models(RateLimitPool pool) =>
        pool.Limit.Models.IsPattern || pool.Models.Count != 1 || !string.Equals(pool.Models[0], pool.Name, System.StringComparison.OrdinalIgnoreCase)
            ? $"{pool.Name} ({string.Join(", ", pool.Models)})"
            : pool.Name;

    /// <summary>Why a figure is only a lower bound, or empty.</summary>
    public static string LowerBoundReasons(RateLimitPool pool, RateLimitUse use)
    {
        var reasons = new List<string>();
        if (pool.FeaturesWithoutPeak.Count > 0)
        {
            reasons.Add($"no peak rate for {string.Join(", ", pool.FeaturesWithoutPeak.Select(Feature))}");
        }

        if (use.UnknownSites > 0 && !use.IsNotChecked)
        {
            reasons.Add($"{NumberText.Prompts(use.UnknownSites)} with unknown max output");
        }

        if (use.Kind is RateLimitKind.Tpm or RateLimitKind.InputTpm && pool.Sites.Any(s => CallTokens.Of(s.Record).InputLowerBound))
        {
            reasons.Add("parts of unknown size");
        }

        return reasons.Count == 0 ? "" : "at least: " + string.Join(", ", reasons);
    }

    /// <summary>
    /// Why a limit is not checked: "not checked: every call with a peak rate counts an unknown amount against it
    /// (Bot/A.cs(4), Bot/B.cs(9): its max output tokens are not known)".
    /// </summary>
    public static string NotChecked(RateLimitUse use)
    {
        const int Shown = 5;
        var reasons = use.UnknownCalls
            .GroupBy(s => RateLimitPools.UnknownReason(s))
            .Select(g => string.Join(", ", g.Take(Shown).Select(s => s.Location)) + (g.Count() > Shown ? $" and {NumberText.Int(g.Count() - Shown)} more" : "") + ": " + g.Key);
        return $"not checked: every call with a peak rate counts an unknown amount against it ({string.Join("; ", reasons)})";
    }

    /// <summary>A feature as a sentence names it: the calls with none are not a feature called "(none)".</summary>
    public static string Feature(string feature) => feature == ReportCallSite.NoFeature ? "calls with no feature" : feature;

    public static string Who(ReportCallSite site) =>
        $"the prompt call in {(site.Record.Member.Length > 0 ? site.Record.Member : site.File)} ({site.ModelName})";
}
