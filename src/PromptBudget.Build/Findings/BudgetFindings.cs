using System.Collections.Generic;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Findings;

/// <summary>
/// PB3001–PB3003 for totals over their budget, pointing at the largest call site; PB3004 for a budget
/// that cannot be checked because a call site's cost is unknown (pointing at that site).
/// </summary>
public static class BudgetFindings
{
    private const string Lower = "Lower max output tokens or shorten the prompts";

    public static IEnumerable<Finding> ForFeature(BudgetTotal feature) => ForFeature(feature, null);

    /// <param name="spend">The usage files' observed spend, or null without usage files: it decides what PB3004 says of a monthly budget with no calls per month.</param>
    public static IEnumerable<Finding> ForFeature(BudgetTotal feature, UsageSpend? spend)
    {
        var item = $"{PropertyNames.FeatureItem} '{feature.Name}'";
        var subject = $"feature '{feature.Name}'";
        if (feature.OverPerRequest)
        {
            yield return AtLargest(
                FindingCodes.FeatureBudgetExceeded,
                feature,
                $"{subject} {PerRequest(feature)} exceeds its budget of {NumberText.Usd(feature.Limits.MaxCostPerRequestUsd!.Value)} by {Over(feature, feature.PerRequestUsd, feature.Limits.MaxCostPerRequestUsd.Value)} ({Sites(feature)}). "
                + $"{Lower}, or raise {PropertyNames.FeatureMaxCostPerRequestUsd} of {item}.");
        }

        if (feature.OverMonthly)
        {
            yield return AtLargest(
                FindingCodes.FeatureMonthlyBudgetExceeded,
                feature,
                $"{subject} {Monthly(feature)} exceeds its monthly budget of {NumberText.Usd(feature.Limits.MaxMonthlyCostUsd!.Value)} by {Over(feature, feature.MonthlyUsd!.Value, feature.Limits.MaxMonthlyCostUsd.Value)} ({Sites(feature)}). "
                + $"{Lower}, or raise {PropertyNames.FeatureMaxMonthlyCostUsd} (or lower {PropertyNames.FeatureCallsPerMonth}) of {item}.");
        }

        foreach (var finding in Unchecked(feature, subject, $"{PropertyNames.FeatureCallsPerMonth} of {item}", spend is null ? null : spend.CanProject && spend.Feature(feature.Name) is not null))
        {
            yield return finding;
        }
    }

    public static IEnumerable<Finding> ForProject(BudgetTotal project, UsageSpend? spend = null)
    {
        var subject = $"project '{project.Name}'";
        if (project.OverPerRequest)
        {
            yield return AtLargest(
                FindingCodes.ProjectBudgetExceeded,
                project,
                $"{subject} {PerRequest(project)} across all its prompts exceeds its budget of {NumberText.Usd(project.Limits.MaxCostPerRequestUsd!.Value)} by {Over(project, project.PerRequestUsd, project.Limits.MaxCostPerRequestUsd.Value)} ({Sites(project)}). "
                + $"{Lower}, or raise {PropertyNames.ProjectMaxCostPerRequestUsd}.");
        }

        if (project.OverMonthly)
        {
            yield return AtLargest(
                FindingCodes.ProjectBudgetExceeded,
                project,
                $"{subject} {Monthly(project)} exceeds its monthly budget of {NumberText.Usd(project.Limits.MaxMonthlyCostUsd!.Value)} by {Over(project, project.MonthlyUsd!.Value, project.Limits.MaxMonthlyCostUsd.Value)} ({Sites(project)}). "
                + $"{Lower}, or raise {PropertyNames.ProjectMaxMonthlyCostUsd} (or lower {PropertyNames.ProjectCallsPerMonth}).");
        }

        foreach (var finding in Unchecked(project, subject, PropertyNames.ProjectCallsPerMonth, spend is null ? null : spend.CanProject))
        {
            yield return finding;
        }
    }

    /// <summary>Why a site has no worst-case cost, in a few words.</summary>
    public static string UnknownCostReason(ReportCallSite site)
    {
        var r = site.Record;
        if (r.Model is null && r.ResolvedModel is null)
        {
            return "its model is not known";
        }

        if (r.ResolvedModel is null)
        {
            return $"model '{r.Model}' has no known price";
        }

        if (r.MaxOutputTokens is null)
        {
            return "its max output tokens are not known";
        }

        return "its cost is not known";
    }

    /// <param name="checkedFromUsage">Null without usage files; else whether PB3015 checks the observed spend against the monthly budget.</param>
    private static IEnumerable<Finding> Unchecked(BudgetTotal total, string subject, string callsPerMonthSetting, bool? checkedFromUsage)
    {
        var limits = total.Limits;
        var perRequestUnchecked = limits.MaxCostPerRequestUsd is not null && !total.OverPerRequest;
        var monthlyUnchecked = limits.MaxMonthlyCostUsd is not null && limits.CallsPerMonth is not null && !total.OverMonthly;
        if (total.Incomplete && (perRequestUnchecked || monthlyUnchecked) && total.FirstUnknown is { } unknown)
        {
            var which = perRequestUnchecked && monthlyUnchecked ? "its budgets" : perRequestUnchecked ? "its budget per request" : "its monthly budget";
            yield return new Finding(
                FindingCodes.ReportIncomplete,
                FindingKind.Incomplete,
                unknown.FullPath,
                unknown.Line,
                $"{subject} cannot be checked against {which}: {UnknownOf(total)} no known worst-case cost "
                + $"(first: {unknown.Location}, {UnknownCostReason(unknown)}), and the others come to {NumberText.Usd(total.PerRequestUsd)} per request. "
                + "Set the model and the max output tokens of that call, or add the model to the price file.",
                unknown.Record.Column);
        }

        if (limits.MaxMonthlyCostUsd is not null && limits.CallsPerMonth is null)
        {
            yield return new Finding(
                FindingCodes.ReportIncomplete,
                FindingKind.Incomplete,
                null,
                0,
                $"{subject} has a monthly budget of {NumberText.Usd(limits.MaxMonthlyCostUsd.Value)} but no calls per month, so its projected worst case is not checked against it"
                + checkedFromUsage switch
                {
                    true => $"; only the observed spend of the usage files is (PB3015). Set {callsPerMonthSetting} to check the worst case too.",
                    false => $", and neither is the observed spend of the usage files (PB3016 says why). Set {callsPerMonthSetting}.",
                    _ => $". Set {callsPerMonthSetting}, or name usage files ({PropertyNames.UsageFiles}) to check the observed spend against it (PB3015).",
                });
        }
    }

    private static Finding AtLargest(string code, BudgetTotal total, string message)
    {
        var site = total.Largest;
        return new Finding(code, FindingKind.Budget, site?.FullPath, site?.Line ?? 0, message, site?.Record.Column ?? 0);
    }

    private static string PerRequest(BudgetTotal total) =>
        total.Incomplete
            ? $"worst case of at least {NumberText.Usd(total.PerRequestUsd)} per request"
            : $"worst case {NumberText.Usd(total.PerRequestUsd)} per request";

    private static string Monthly(BudgetTotal total) =>
        $"projected monthly worst case {(total.Incomplete ? "of at least " : "")}{NumberText.Usd(total.MonthlyUsd!.Value)} "
        + $"({NumberText.Usd(total.PerRequestUsd)} per request × {NumberText.Count(total.Limits.CallsPerMonth!.Value)} calls per month)";

    private static string Over(BudgetTotal total, decimal actual, decimal limit) =>
        (total.Incomplete ? "at least " : "") + NumberText.Usd(actual - limit);

    private static string Sites(BudgetTotal total)
    {
        var text = NumberText.Prompts(total.Sites.Count);
        if (total.Incomplete)
        {
            text += $", {UnknownCount(total)} no known cost";
        }

        if (total.Largest is { } largest)
        {
            text += $"; largest: {largest.Location} {largest.ModelName} {NumberText.Usd(largest.Record.WorstCasePerRequestUsd)}";
            if (largest.Record.HasToolLoop)
            {
                text += $" (tool loop of {NumberText.Count(largest.Record.RequestModelCalls)} model calls)";
            }

            if (largest.Record.CallsPerRequest != 1m)
            {
                text += $" × {NumberText.Count(largest.Record.CallsPerRequest)} calls per request";
            }
        }

        return text;
    }

    private static string UnknownOf(BudgetTotal total) =>
        $"{NumberText.Int(total.UnknownCostSites)} of its {NumberText.Prompts(total.Sites.Count)} {(total.UnknownCostSites == 1 ? "has" : "have")}";

    private static string UnknownCount(BudgetTotal total) =>
        total.UnknownCostSites == 1 ? "1 of them has" : $"{NumberText.Int(total.UnknownCostSites)} of them have";
}
