using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>The assumed peak traffic of one feature in a pool, and where it was set.</summary>
public sealed class PeakAssumption
{
    public PeakAssumption(string feature, decimal requestsPerMinute, string source)
    {
        Feature = feature;
        RequestsPerMinute = requestsPerMinute;
        Source = source;
    }

    public string Feature { get; }

    public decimal RequestsPerMinute { get; }

    public string Source { get; }
}

/// <summary>A model or a pool of models (one <c>PromptBudgetRateLimit</c> item), the calls it covers and the use of each stated limit.</summary>
public sealed class RateLimitPool
{
    public RateLimitPool(RateLimit limit, IReadOnlyList<ReportCallSite> sites, IReadOnlyList<RateLimitUse> uses, IReadOnlyList<PeakAssumption> peaks, IReadOnlyList<string> featuresWithoutPeak)
    {
        Limit = limit;
        Sites = sites;
        Uses = uses;
        Peaks = peaks;
        FeaturesWithoutPeak = featuresWithoutPeak;
        NeverPassing = sites.Where(s => SingleCallFit.NeverPassed(limit, CallTokens.Of(s.Record)).Any()).ToList();
        Models = sites.Select(s => s.ModelName).Distinct(System.StringComparer.OrdinalIgnoreCase).OrderBy(m => m, System.StringComparer.Ordinal).ToList();
    }

    public RateLimit Limit { get; }

    /// <summary>As written in the item: <c>gpt-4o-mini</c>, <c>claude-sonnet-4*</c>.</summary>
    public string Name => Limit.Models.Text;

    /// <summary>In report order.</summary>
    public IReadOnlyList<ReportCallSite> Sites { get; }

    /// <summary>The models of its calls, sorted.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>The stated limits, in the order RPM, TPM, ITPM, OTPM.</summary>
    public IReadOnlyList<RateLimitUse> Uses { get; }

    /// <summary>The peak rate of each feature of its calls that has one (assumed numbers), by feature name.</summary>
    public IReadOnlyList<PeakAssumption> Peaks { get; }

    /// <summary>Features of its calls that have no peak rate (and the project none either): left out of the headroom.</summary>
    public IReadOnlyList<string> FeaturesWithoutPeak { get; }

    /// <summary>Its calls that can never pass a limit by themselves (PB3011).</summary>
    public IReadOnlyList<ReportCallSite> NeverPassing { get; }

    public RateLimitUse? Use(RateLimitKind kind) => Uses.FirstOrDefault(u => u.Kind == kind);

    /// <summary>The worst level of its limits; over when a call can never pass.</summary>
    public HeadroomLevel Level => NeverPassing.Count > 0 ? HeadroomLevel.Over : Uses.Select(u => u.Level).DefaultIfEmpty(HeadroomLevel.Ok).Max();
}
