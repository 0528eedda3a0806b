using PromptBudget.Build.Model;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>One stated limit of a pool against the peak worst case of the calls it covers.</summary>
public sealed class RateLimitUse
{
    public RateLimitUse(RateLimitKind kind, long limit, decimal? peakPerMinute, bool lowerBound, ReportCallSite? largest, decimal largestPerMinute, int unknownSites, decimal? ifCachedPerMinute)
    {
        Kind = kind;
        Limit = limit;
        PeakPerMinute = peakPerMinute;
        LowerBound = lowerBound;
        Largest = largest;
        LargestPerMinute = largestPerMinute;
        UnknownSites = unknownSites;
        IfCachedPerMinute = ifCachedPerMinute;
        Percent = peakPerMinute is { } peak ? Headroom.Percent(peak, limit) : null;
        Level = Percent is { } percent ? Headroom.Level(percent) : HeadroomLevel.Ok;
    }

    public RateLimitKind Kind { get; }

    public long Limit { get; }

    /// <summary>Requests or tokens per minute at the stated peak, worst case; null when no call of the pool has a peak rate.</summary>
    public decimal? PeakPerMinute { get; }

    /// <summary>Some traffic or tokens are left out (no peak rate, unknown output, a part of unknown size): the figure is at least this.</summary>
    public bool LowerBound { get; }

    /// <summary>The call adding the most per minute (null when none has a peak rate).</summary>
    public ReportCallSite? Largest { get; }

    public decimal LargestPerMinute { get; }

    /// <summary>Calls whose count against this limit is unknown (their output tokens are not known): left out.</summary>
    public int UnknownSites { get; }

    /// <summary>
    /// ITPM only: the peak if every call's cacheable prefix were read from the cache (cache reads do not count toward
    /// ITPM on current Claude models). Shown beside the worst case, never checked: a cold cache is the worst case.
    /// </summary>
    public decimal? IfCachedPerMinute { get; }

    public decimal? Percent { get; }

    public HeadroomLevel Level { get; }
}
