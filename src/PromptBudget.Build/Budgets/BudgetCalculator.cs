using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Budgets;

/// <summary>
/// Groups call sites by feature and adds up their worst cases: independent sites are summed, and of calls in
/// mutually exclusive branches of one member (if/else, switch, ?:) only the largest arm counts.
/// </summary>
public static class BudgetCalculator
{
    /// <summary>
    /// One total per feature that has call sites or a <c>PromptBudgetFeature</c> item, sorted by name.
    /// Sites match an item by name, ignoring case.
    /// </summary>
    public static List<BudgetTotal> Features(IReadOnlyList<ReportCallSite> sites, IReadOnlyDictionary<string, BudgetLimits> limits)
    {
        var groups = new Dictionary<string, List<ReportCallSite>>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var site in sites)
        {
            if (!groups.TryGetValue(site.Feature, out var group))
            {
                groups[site.Feature] = group = new List<ReportCallSite>();
                names[site.Feature] = site.Feature;
            }

            group.Add(site);
        }

        foreach (var name in limits.Keys)
        {
            if (!groups.ContainsKey(name))
            {
                groups[name] = new List<ReportCallSite>();
                names[name] = limits[name].Name;
            }
        }

        return groups
            .Select(g => new BudgetTotal(
                limits.TryGetValue(g.Key, out var l) ? Rename(l, names[g.Key]) : BudgetLimits.None(names[g.Key]),
                g.Value))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static BudgetTotal Project(IReadOnlyList<ReportCallSite> sites, BudgetLimits limits) => new(limits, sites);

    private static BudgetLimits Rename(BudgetLimits limits, string name) =>
        new(name, limits.MaxCostPerRequestUsd, limits.CallsPerMonth, limits.MaxMonthlyCostUsd);
}
