using System.Collections.Generic;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Reports;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Findings;

/// <summary>PB3005 for each call site that grew past the allowed percentage since the baseline, at the site.</summary>
public static class RegressionFindings
{
    public static IEnumerable<Finding> For(BaselineDiff diff)
    {
        foreach (var change in diff.Changed)
        {
            if (!change.Regression)
            {
                continue;
            }

            var site = change.After;
            var parts = new List<string>();
            if (change.Before.WorstCaseCostUsd != site.Record.WorstCaseCostUsd)
            {
                parts.Add($"worst case {NumberText.Usd(change.Before.WorstCaseCostUsd)} → {NumberText.Usd(site.Record.WorstCaseCostUsd)}{Growth(change.CostGrowthPercent)}");
            }

            if (change.Before.InputTokens != site.Record.InputTokens)
            {
                parts.Add($"input tokens {NumberText.Count(change.Before.InputTokens)} → {NumberText.Count(site.Record.InputTokens)}{Growth(change.InputTokensGrowthPercent)}");
            }

            var model = change.Before.Model != (site.Record.ResolvedModel ?? site.Record.Model)
                ? $" (model {change.Before.Model ?? "unknown"} → {site.ModelName})"
                : "";
            yield return new Finding(
                FindingCodes.Regression,
                FindingKind.Budget,
                site.FullPath,
                site.Line,
                $"the prompt at {site.Location} in {site.Record.Member} grew by more than {NumberText.Percent(diff.MaxGrowthPercent)} since the baseline: "
                + string.Join(", ", parts) + model + ". "
                + $"Shorten the prompt or lower its max output tokens; if the growth is intended, update the baseline report or raise {PropertyNames.MaxGrowthPercent}.",
                site.Record.Column);
        }
    }

    private static string Growth(decimal? percent) => percent is { } p ? $" ({(p >= 0 ? "+" : "")}{NumberText.Percent(p)})" : "";
}
