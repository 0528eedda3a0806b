namespace PromptBudget.Build.RateLimits;

/// <summary>A rate-limit or peak-traffic input that cannot be used (PB2007): which item, which attribute, and why.</summary>
public sealed class RateLimitProblem
{
    public RateLimitProblem(string item, string? attribute, string detail)
    {
        Item = item;
        Attribute = attribute;
        Detail = detail;
    }

    /// <summary>The item or property: <c>PromptBudgetRateLimit 'gpt-4o-mini'</c>, <c>PromptBudgetProjectPeakRequestsPerMinute</c>.</summary>
    public string Item { get; }

    /// <summary>The item's metadata the problem is in; null when it is about the item as a whole.</summary>
    public string? Attribute { get; }

    /// <summary>What is wrong and what happens because of it, as a sentence.</summary>
    public string Detail { get; }
}
