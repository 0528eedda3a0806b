using System.Collections.Generic;
using PromptBudget.Build.Model;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>One stated limit of a pool against the peak worst case of the calls it covers.</summary>
public sealed class RateLimitUse
{
    public RateLimitUse(RateLimitKind kind, long limit, decimal? peakPerMinute, bool lowerBound, ReportCallSite? largest, decimal largestPerMinute, IReadOnlyList<ReportCallSite> unknownCalls, decimal? ifCachedPerMinute)
    {
        Kind = kind;
        Limit = limit;
        PeakPerMinute = peakPerMinute;
        LowerBound = lowerBound;
        Largest = largest;
        LargestPerMinute = largestPerMinute;
        UnknownCalls = unknownCalls;
        IfCachedPerMinute = ifCachedPerMinute;
        Percent = peakPerMinute is { } peak ? Headroom.Percent(peak, limit) : null;
        Level = Percent is { } percent ? Headroom.Level(percent) : HeadroomLevel.Ok;
    }

    /// <summary>
    /// A limit that cannot be checked: every call with a peak rate counts an unknown amount against it (no max
    /// output known, a tool loop of unknown cap), so there is no figure — not a lower bound of 0 that always passes.
    /// </summary>
    public static RateLimitUse NotChecked(RateLimitKind kind, long limit, IReadOnlyList<ReportCallSite> unknownCalls) =>
        new(kind, limit, null, lowerBound: false, null, 0m, unknownCalls, null) { IsNotChecked = true };

    public RateLimitKind Kind { get; }

    public long Limit { get; }

    /// <summary>Requests or tokens per minute at the stated peak, worst case; null when no call of the pool has a peak rate, or when <see cref="IsNotChecked"/>.</summary>
    public decimal? PeakPerMinute { get; }

    /// <summary>Some traffic or tokens are left out (no peak rate, unknown output, a part of unknown size): the figure is at least this.</summary>
    public bool LowerBound { get; }

    /// <summary>True when the peak is stated but no call counts a known amount against this limit: nothing is checked (PB2007).</summary>
    public bool IsNotChecked { get; private set; }

    /// <summary>The call adding the most per minute (null when none has a peak rate).</summary>
    public ReportCallSite? Largest { get; }

    public decimal LargestPerMinute { get; }

    /// <summary>Calls with a peak rate whose count against this limit is unknown (output tokens or loop cap not known): left out.</summary>
    public IReadOnlyList<ReportCallSite> UnknownCalls { get; }

    public int UnknownSites => UnknownCalls.Count;

    /// <summary>
    /// ITPM only: the peak if every call's cacheable prefix were read from the cache (cache reads do not count toward
    /// ITPM on current Claude models). Shown beside the worst case, never checked: a cold cache is the worst case.
    /// </summary>
    public decimal? IfCachedPerMinute { get; }

    public decimal? Percent { get; }

    public HeadroomLevel Level { get; }
}
