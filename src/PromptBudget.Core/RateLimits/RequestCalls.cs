using PromptBudget.Core.Reporting;

namespace PromptBudget.Core.RateLimits;

/// <summary>How many model requests one request of a feature makes at a call site, and where that number comes from.</summary>
public readonly struct CallsPerRequest
{
    public CallsPerRequest(decimal calls, string source)
    {
        Calls = calls;
        Source = source;
    }

    public decimal Calls { get; }

    /// <summary>Where <see cref="Calls"/> comes from, for the report (every such number is an assumption).</summary>
    public string Source { get; }
}

/// <summary>
/// The one place that says how many model calls one request of a feature makes at a call site. Rate-limit
/// headroom multiplies peak requests by it. Today it is the <c>prompt_budget.calls_per_request</c> weight of the
/// site (1 unless set); an agent loop's iteration cap belongs here too, so every per-request figure agrees.
/// </summary>
public static class RequestCalls
{
    public static CallsPerRequest ModelCallsPerRequest(CallSiteRecord site) =>
        new(site.CallsPerRequest, "prompt_budget.calls_per_request");
}
