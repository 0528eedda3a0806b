using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Budgets;

/// <summary>
/// The worst case of one request across call sites (a feature's, or the whole project's), weighted by
/// each site's calls per request, and its monthly projection. A site with an unknown cost makes the
/// total incomplete: it is counted in <see cref="UnknownCostSites"/>, never as $0.
/// </summary>
public sealed class BudgetTotal
{
    public BudgetTotal(BudgetLimits limits, IReadOnlyList<ReportCallSite> sites)
    {
        Limits = limits;
        Sites = sites;
        (PerRequestUsd, ExclusiveGroups) = ExclusiveBranches.Combine(sites);
        UnknownCostSites = sites.Count(s => s.WeightedWorstCaseUsd is null);
        ReportCallSite? largest = null;
        foreach (var site in sites)
        {
            if (site.WeightedWorstCaseUsd is { } cost && (largest is null || cost > largest.WeightedWorstCaseUsd))
            {
                largest = site;
            }
        }

        Largest = largest;
        FirstUnknown = sites.FirstOrDefault(s => s.WeightedWorstCaseUsd is null);
        UnsizedSites = sites.Count(s => Reports.SiteReasons.HasUnsizedPart(s.Record));
    }

    public string Name => Limits.Name;

    public BudgetLimits Limits { get; }

    /// <summary>In report order (file, line, ordinal).</summary>
    public IReadOnlyList<ReportCallSite> Sites { get; }

    /// <summary>
    /// The sum over sites whose cost is known, with only the largest arm of each branch whose arms never run
    /// together (<see cref="ExclusiveBranches"/>); a lower bound when <see cref="Incomplete"/>.
    /// </summary>
    public decimal PerRequestUsd { get; }

    /// <summary>Each exclusive branch whose arms hold two or more of these sites' arms, e.g. <c>max of 2 branches in Bot.Ask(string)</c>.</summary>
    public IReadOnlyList<string> ExclusiveGroups { get; }

    /// <summary>How <see cref="PerRequestUsd"/> was formed: <c>sum</c>, or <c>sum; max of 2 branches in Bot.Ask(string)</c>.</summary>
    public string FormedBy => ExclusiveGroups.Count == 0 ? "sum" : "sum; " + string.Join("; ", ExclusiveGroups);

    public int UnknownCostSites { get; }

    public bool Incomplete => UnknownCostSites > 0;

    /// <summary>Prompts, none of them with a known cost: the sum is no amount at all, never "$0.00".</summary>
    public bool NothingPriced => Sites.Count > 0 && UnknownCostSites == Sites.Count;

    /// <summary>Sites whose prompt has a part of unknown size (no bound, no assumed size): their cost leaves it out.</summary>
    public int UnsizedSites { get; }

    /// <summary>The total is only a lower bound ("≥"): a cost unknown, or a part of unknown size left out.</summary>
    public bool LowerBound => Incomplete || UnsizedSites > 0;

    /// <summary>The site adding the most to one request (the first of equals).</summary>
    public ReportCallSite? Largest { get; }

    public ReportCallSite? FirstUnknown { get; }

    public decimal? MonthlyUsd => Limits.CallsPerMonth is { } calls ? PerRequestUsd * calls : null;

    public bool OverPerRequest => Limits.MaxCostPerRequestUsd is { } max && PerRequestUsd > max;

    public bool OverMonthly => Limits.MaxMonthlyCostUsd is { } max && MonthlyUsd is { } monthly && monthly > max;

    public bool Over => OverPerRequest || OverMonthly;
}
