namespace PromptBudget.Build.RateLimits;

/// <summary>The MSBuild names of the rate-limit inputs, as messages tell users to set them.</summary>
public static class RateLimitNames
{
    public const string Item = "PromptBudgetRateLimit";

    public const string PeakRequestsPerMinute = "PeakRequestsPerMinute";

    public const string ProjectPeakRequestsPerMinute = "PromptBudgetProjectPeakRequestsPerMinute";

    /// <summary>How a <c>PromptBudgetRateLimit</c> item reads in a message.</summary>
    public static string Of(string include) => $"{Item} '{include}'";
}
