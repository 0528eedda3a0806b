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
/// headroom multiplies peak requests by it. A plain call makes <c>prompt_budget.calls_per_request</c> calls (1
/// unless set); a call through an automatic tool loop makes that many times the loop's iteration cap, so every
/// per-request figure (cost, requests per minute, tokens per minute) counts the same model calls.
/// </summary>
public static class RequestCalls
{
    public static CallsPerRequest ModelCallsPerRequest(CallSiteRecord site)
    {
        if (site.HasToolLoop && site.LoopIterationCap is { } cap && cap >= 1)
        {
            var source = site.CallsPerRequest == 1m
                ? $"tool loop cap {cap} ({site.LoopIterationCapSource})"
                : $"tool loop cap {cap} ({site.LoopIterationCapSource}) × prompt_budget.calls_per_request";
            return new(site.CallsPerRequest * cap, source);
        }

        return new(site.CallsPerRequest, site.HasToolLoop ? "tool loop cap unknown: counted as one call" : "prompt_budget.calls_per_request");
    }
}
