using System.Collections.Generic;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>What the reports' "Rate limits" section shows: one pool per limit item that covers a call, and the items that cover none.</summary>
public sealed class RateLimitReport
{
    public RateLimitReport(IReadOnlyList<RateLimitPool> pools, IReadOnlyList<RateLimit> unmatched, PeakRates peaks)
    {
        Pools = pools;
        Unmatched = unmatched;
        Peaks = peaks;
    }

    /// <summary>Sorted by the item's Include.</summary>
    public IReadOnlyList<RateLimitPool> Pools { get; }

    /// <summary>Limit items whose model or pattern matches no call of this project.</summary>
    public IReadOnlyList<RateLimit> Unmatched { get; }

    public PeakRates Peaks { get; }
}
