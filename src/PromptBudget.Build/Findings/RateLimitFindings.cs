using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Build.RateLimits;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.Findings;

/// <summary>
/// PB3011 for a call that can never pass a stated limit, PB3012 and PB3013 for a model or pool whose peak worst
/// case is above 100% or 80% of a limit, PB2007 for rate-limit inputs that cannot be used or checked.
/// </summary>
public static class RateLimitFindings
{
    private const string Tier = "or move to a usage tier with a higher limit and update";

    /// <summary>PB3011 per call and limit: the request alone is above the limit for a whole minute, so it fails every time.</summary>
    public static IEnumerable<Finding> NeverPasses(RateLimitReport report)
    {
        foreach (var pool in report.Pools)
        {
            var item = RateLimitNames.Of(pool.Name);
            foreach (var site in pool.Sites)
            {
                var t = CallTokens.Of(site.Record);
                var input = Input(site, t);
                foreach (var kind in SingleCallFit.NeverPassed(pool.Limit, t))
                {
                    yield return At(site, FindingCodes.RateLimitNeverPasses, FindingKind.Budget, NeverPassMessage(site, t, input, pool, item, kind));
                }
            }
        }
    }

    private static string NeverPassMessage(ReportCallSite site, CallTokens t, string input, RateLimitPool pool, string item, RateLimitKind kind)
    {
        var limit = RateLimitKinds.Of(pool.Limit, kind)!.Value;
        var head = $"{RateLimitText.Who(site)} can never pass the {RateLimitKinds.Label(kind)} limit of {NumberText.Count(limit)} ({item}): ";
        switch (kind)
        {
            case RateLimitKind.Tpm:
                var needs = t.ReservedOutput is { } reserved
                    ? $"this call needs {input} input + {NumberText.Count(reserved)} max output = {(t.InputLowerBound ? "at least " : "")}{NumberText.Count(t.Input + reserved)} tokens"
                    : $"this call needs {input} input tokens (it sets no max output tokens, so none are counted)";
                var fix = t.ReservedOutput is not null && limit - t.Input > 0
                    ? $"Lower its max output tokens (max_tokens) to at most {NumberText.Count(limit - t.Input)}, shorten the prompt, {Tier} Tpm of {item}."
                    : $"Its input alone is over the limit: shorten the prompt, {Tier} Tpm of {item}.";
                return head + $"a request is admitted against TPM with its input plus its max output tokens, and {needs}, more than the limit allows in a whole minute. {fix}";
            case RateLimitKind.InputTpm:
                return head + $"its input is {input} tokens, more than the limit allows in a whole minute "
                    + $"(a cache write counts toward ITPM, so caching the prefix cannot help the first request). Shorten the prompt or bound its parts, {Tier} InputTpm of {item}.";
            default:
                return head + $"its max output tokens (max_tokens) of {NumberText.Count(t.ReservedOutput ?? 0)} are reserved against OTPM when the request starts, "
                    + $"more than the limit allows in a whole minute. Lower its max output tokens to at most {NumberText.Count(limit)}, {Tier} OutputTpm of {item}.";
        }
    }

    /// <summary>PB3012 for the limits of a pool above 100% at peak, PB3013 for those above 80%; at the call adding the most.</summary>
    public static IEnumerable<Finding> Headroom(RateLimitReport report)
    {
        foreach (var pool in report.Pools)
        {
            var over = pool.Uses.Where(u => u.Level == HeadroomLevel.Over).ToList();
            if (over.Count > 0)
            {
                yield return HeadroomFinding(pool, over, FindingCodes.RateLimitExceededAtPeak, FindingKind.Budget,
                    "the provider refuses requests (HTTP 429) at that traffic");
            }

            var near = pool.Uses.Where(u => u.Level == HeadroomLevel.Near).ToList();
            if (near.Count > 0)
            {
                yield return HeadroomFinding(pool, near, FindingCodes.RateLimitNearAtPeak, FindingKind.RateLimitNear,
                    $"above {NumberText.Percent(Core.RateLimits.Headroom.NearPercent)} a burst above the stated peak, or retries, hit HTTP 429");
            }
        }
    }

    /// <summary>
    /// PB2007: values that cannot be used, limits that match no call, peak rates of features no call has, limits no call
    /// counts a known amount against, and headroom that leaves traffic out.
    /// </summary>
    public static IEnumerable<Finding> Inputs(IEnumerable<RateLimitProblem> problems, RateLimitReport report, IReadOnlyList<ReportCallSite> sites, bool callsComplete)
    {
        foreach (var problem in problems)
        {
            var subject = problem.Attribute is null ? problem.Item : $"{problem.Attribute} of {problem.Item}";
            yield return Input(null, $"{subject} {problem.Detail}.");
        }

        // Without every call read, "matches nothing" could be wrong: say it only when the payload is complete.
        if (callsComplete)
        {
            var called = sites.Select(s => s.ModelName).Distinct(System.StringComparer.OrdinalIgnoreCase).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
            foreach (var limit in report.Unmatched)
            {
                yield return Input(null,
                    $"{RateLimitNames.Of(limit.Models.Text)} matches no model this project's code calls ({(called.Count == 0 ? "it calls none" : "it calls " + string.Join(", ", called))}), so nothing is checked against it. "
                    + "Fix the model name or pattern (a '*' in an Include must be written %2A, or MSBuild treats it as a file wildcard), or remove the item.");
            }
        }

        // A peak rate on a feature no call has (a misspelt name, a feature moved to another project) adds no traffic anywhere.
        if (callsComplete)
        {
            var features = sites.Select(s => s.Feature).Where(f => f != ReportCallSite.NoFeature).Distinct(System.StringComparer.OrdinalIgnoreCase).OrderBy(f => f, System.StringComparer.Ordinal).ToList();
            foreach (var peak in report.Peaks.Features.Keys.Where(f => !features.Contains(f, System.StringComparer.OrdinalIgnoreCase)).OrderBy(f => f, System.StringComparer.Ordinal))
            {
                yield return Input(null,
                    $"{RateLimitNames.PeakRequestsPerMinute} of {Configuration.PropertyNames.FeatureItem} '{peak}' is set, but no call of this project has the feature '{peak}' "
                    + $"({(features.Count == 0 ? "no call has a feature" : "the calls' features are " + string.Join(", ", features.Select(f => $"'{f}'")))}), so that peak rate adds traffic to no rate limit. "
                    + "Fix the feature name (prompt_budget.feature or PromptBudgetDefaultFeature gives calls their feature), or remove the attribute.");
            }
        }

        foreach (var pool in report.Pools)
        {
            foreach (var use in pool.Uses.Where(u => u.IsNotChecked))
            {
                yield return Input(use.UnknownCalls[0],
                    $"{RateLimitKinds.Label(use.Kind)} {NumberText.Count(use.Limit)} of {RateLimitNames.Of(pool.Name)} is {RateLimitText.NotChecked(use)}, so the peak headroom of that limit cannot be checked. "
                    + string.Join(" ", use.UnknownCalls.Select(RateLimitPools.UnknownReason).Distinct().OrderBy(r => r, System.StringComparer.Ordinal).Select(r => r == RateLimitPools.UnknownLoopCap
                        ? "Give the tool loops a cap the analyzer can read (MaximumIterationsPerRequest set in code or in appsettings)."
                        : "Set the max output tokens of those calls (or name a model with a known price and maximum), so their worst case is known.")));
            }
        }

        foreach (var pool in report.Pools.Where(p => p.FeaturesWithoutPeak.Count > 0))
        {
            var features = string.Join(", ", pool.FeaturesWithoutPeak.Select(f => f == ReportCallSite.NoFeature ? "calls with no feature" : $"'{f}'"));
            var site = pool.Sites.First(s => pool.FeaturesWithoutPeak.Contains(s.Feature));
            var what = pool.Peaks.Count == 0
                ? "its peak headroom is not checked (only whether a single call fits)"
                : $"its peak headroom leaves out the traffic of {features}";
            yield return Input(site,
                $"{RateLimitNames.Of(pool.Name)}: {what}, because {features} {(pool.FeaturesWithoutPeak.Count == 1 && pool.FeaturesWithoutPeak[0] != ReportCallSite.NoFeature ? "has" : "have")} no peak rate. "
                + $"Set {RateLimitNames.PeakRequestsPerMinute} on the {Configuration.PropertyNames.FeatureItem} item, or {RateLimitNames.ProjectPeakRequestsPerMinute} for the whole project.");
        }
    }

    private static Finding HeadroomFinding(RateLimitPool pool, List<RateLimitUse> uses, string code, FindingKind kind, string consequence)
    {
        var first = uses[0];
        var largest = first.Largest;
        var share = largest is null
            ? ""
            : $" The largest share: {largest.Location} ({largest.Feature}), {NumberText.Count(decimal.Round(first.LargestPerMinute, 2))} {RateLimitKinds.Counted(first.Kind)}.";
        var message = $"at the stated peak traffic, the calls of {RateLimitText.Models(pool)} need {string.Join("; ", uses.Select(RateLimitText.Use))}: {consequence}.{share} "
            + $"Assumed: {RateLimitText.Peaks(pool)}; {RateLimitText.Calls(pool)}. "
            + $"Lower max output tokens, shorten prompts, spread the traffic over more models or deployments, or move to a usage tier with higher limits and update {RateLimitNames.Of(pool.Name)}.";
        return largest is null ? new Finding(code, kind, null, 0, message) : At(largest, code, kind, message);
    }

    private static string Input(ReportCallSite site, CallTokens t) =>
        (t.InputLowerBound ? "at least " : "") + NumberText.Count(t.Input) + (site.Record.Exact ? "" : " (estimated)");

    private static Finding At(ReportCallSite site, string code, FindingKind kind, string message) =>
        new(code, kind, site.FullPath, site.Line, message, site.Record.Column);

    private static Finding Input(ReportCallSite? site, string message) =>
        site is null
            ? new Finding(FindingCodes.RateLimitSettingUnusable, FindingKind.RateLimitInput, null, 0, message)
            : At(site, FindingCodes.RateLimitSettingUnusable, FindingKind.RateLimitInput, message);
}
