using System;
using System.Collections.Generic;
using System.Linq;

namespace PromptBudget.Build.Usage;

/// <summary>
/// The observed spend of the usage files, per feature and for the project, and its projection over a month
/// from the time the spans cover (earliest start to latest end): spend × 30 days ÷ that time. Spans that
/// matched nothing are left out (they may be another service's); a row matched by model whose calls belong to
/// several features counts toward the project only. No projection from less than <see cref="MinimumHours"/>
/// hour of traffic: a few seconds of spans say nothing about a month.
/// </summary>
public sealed class UsageSpend
{
    public const int DaysPerMonth = 30;
    public const int MinimumHours = 1;

    public UsageSpend(UsageComparison usage)
    {
        var groups = usage.Groups;
        ObservedUsd = groups.Sum(g => g.CostUsd);
        UnpricedSpans = groups.Sum(g => g.UnpricedSpans);
        Spans = groups.Sum(g => g.Requests);
        if (usage.FirstStartUnixNano is { } first && usage.LastEndUnixNano is { } last && last > first)
        {
            Period = TimeSpan.FromTicks((last - first) / 100);
        }

        Features = groups.Where(g => g.Feature is not null && g.Feature != Model.ReportCallSite.NoFeature)
            .GroupBy(g => g.Feature!, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FeatureSpend(g.First().Feature!, g.Sum(x => x.CostUsd), g.Sum(x => x.Requests), g.Sum(x => x.UnpricedSpans), this))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The time the spans cover; null when they carry no times.</summary>
    public TimeSpan? Period { get; }

    /// <summary>Whether <see cref="Period"/> is long enough to project from.</summary>
    public bool CanProject => Period is { } p && p >= TimeSpan.FromHours(MinimumHours);

    /// <summary>Observed spend of every matched, priced span.</summary>
    public decimal ObservedUsd { get; }

    public long Spans { get; }

    /// <summary>Matched spans with no price (their spend is not counted: the totals are lower bounds).</summary>
    public long UnpricedSpans { get; }

    public decimal? MonthlyUsd => Project(ObservedUsd);

    public IReadOnlyList<FeatureSpend> Features { get; }

    public FeatureSpend? Feature(string name) => Features.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An amount spent over <see cref="Period"/> at the same rate for 30 days; null when it cannot be projected.</summary>
    public decimal? Project(decimal usd) =>
        CanProject ? usd * (decimal)TimeSpan.FromDays(DaysPerMonth).Ticks / Period!.Value.Ticks : null;

    public sealed class FeatureSpend
    {
        private readonly UsageSpend _owner;

        internal FeatureSpend(string name, decimal observedUsd, long spans, long unpricedSpans, UsageSpend owner)
        {
            Name = name;
            ObservedUsd = observedUsd;
            Spans = spans;
            UnpricedSpans = unpricedSpans;
            _owner = owner;
        }

        public string Name { get; }

        public decimal ObservedUsd { get; }

        public long Spans { get; }

        public long UnpricedSpans { get; }

        public decimal? MonthlyUsd => _owner.Project(ObservedUsd);
    }
}
