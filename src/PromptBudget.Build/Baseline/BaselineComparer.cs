using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Baseline;

/// <summary>
/// Compares this build's call sites with a baseline by id. A site regresses when its worst-case cost
/// or its input tokens grew by more than the allowed percentage (from zero to anything counts as growth).
/// </summary>
public static class BaselineComparer
{
    public static BaselineDiff Compare(IReadOnlyList<BaselineSite> baseline, IReadOnlyList<ReportCallSite> current, decimal maxGrowthPercent)
    {
        var before = new Dictionary<string, BaselineSite>(StringComparer.Ordinal);
        foreach (var site in baseline)
        {
            before[site.Id] = site;
        }

        var currentIds = new HashSet<string>(current.Select(s => s.Id), StringComparer.Ordinal);
        var added = new List<ReportCallSite>();
        var changed = new List<BaselineChange>();
        foreach (var site in current)
        {
            if (!before.TryGetValue(site.Id, out var old))
            {
                added.Add(site);
                continue;
            }

            var cost = site.Record.WorstCaseCostUsd;
            var tokens = site.Record.InputTokens;
            if (cost == old.WorstCaseCostUsd && tokens == old.InputTokens && (site.Record.ResolvedModel ?? site.Record.Model) == old.Model)
            {
                continue;
            }

            var costGrowth = old.WorstCaseCostUsd is { } c0 && cost is { } c1 ? Growth(c0, c1) : null;
            var tokenGrowth = Growth(old.InputTokens, tokens);
            var regression = Exceeds(old.WorstCaseCostUsd, cost, maxGrowthPercent) || Exceeds(old.InputTokens, tokens, maxGrowthPercent);
            changed.Add(new BaselineChange(old, site, costGrowth, tokenGrowth, regression));
        }

        var removed = baseline
            .Where(s => !currentIds.Contains(s.Id))
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(s => s.File, StringComparer.Ordinal)
            .ThenBy(s => s.Line)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return new BaselineDiff(maxGrowthPercent, added, removed, changed);
    }

    private static decimal? Growth(decimal before, decimal after) =>
        before > 0 ? Math.Round((after - before) / before * 100m, 1, MidpointRounding.AwayFromZero) : null;

    private static bool Exceeds(decimal? before, decimal? after, decimal maxGrowthPercent)
    {
        if (before is not { } b || after is not { } a || a <= b)
        {
            return false;
        }

        return b == 0 || (a - b) / b * 100m > maxGrowthPercent;
    }
}
