namespace PromptBudget.Build.Findings;

/// <summary>The diagnostics of the MSBuild task (docs/rules/PB3xxx.md).</summary>
public static class FindingCodes
{
    /// <summary>A feature's worst case per request is over its budget.</summary>
    public const string FeatureBudgetExceeded = "PB3001";

    /// <summary>A feature's projected monthly worst case is over its budget.</summary>
    public const string FeatureMonthlyBudgetExceeded = "PB3002";

    /// <summary>The project's worst case per request or per month is over its budget.</summary>
    public const string ProjectBudgetExceeded = "PB3003";

    /// <summary>The report is incomplete: the analyzer's call-site file missing, stale or unreadable, a budget setting that cannot be used.</summary>
    public const string ReportIncomplete = "PB3004";

    /// <summary>A call site's worst case or input tokens grew past the allowed percentage since the baseline.</summary>
    public const string Regression = "PB3005";

    /// <summary>The baseline report cannot be read.</summary>
    public const string BaselineUnreadable = "PB3006";

    /// <summary>The prices the costs come from are older than the allowed age.</summary>
    public const string PricesOutOfDate = "PB3007";

    /// <summary>A call site is over a per-call budget (max_input_tokens, max_output_tokens, max_cost_per_call), or the budget cannot be checked.</summary>
    public const string PerCallBudgetExceeded = "PB3008";

    /// <summary>Spans of a usage file used more input or output tokens at a call site than its static worst case.</summary>
    public const string UsageAboveWorstCase = "PB3009";

    /// <summary>Spans of a usage file report a model the code does not name (configuration drift).</summary>
    public const string UsageModelDrift = "PB3010";

    /// <summary>A call can never pass a stated rate limit: its input and max output alone are above the limit per minute.</summary>
    public const string RateLimitNeverPasses = "PB3011";

    /// <summary>At the stated peak traffic, the worst case of a model or pool is above a rate limit (over 100%).</summary>
    public const string RateLimitExceededAtPeak = "PB3012";

    /// <summary>At the stated peak traffic, the worst case of a model or pool uses more than 80% of a rate limit.</summary>
    public const string RateLimitNearAtPeak = "PB3013";

    /// <summary>A rate-limit item or a peak rate cannot be used, matches no call, or cannot be checked.</summary>
    public const string RateLimitSettingUnusable = "PB2007";

    /// <summary>A call's max output tokens are far above what its observed responses use (a suggested value).</summary>
    public const string UsageMaxOutputFarAboveObserved = "PB3014";

    /// <summary>The observed spend, projected over a month, is over a feature's or the project's monthly budget.</summary>
    public const string UsageSpendOverMonthlyBudget = "PB3015";

    /// <summary>A usage file (PromptBudgetUsageFiles) or a line of it cannot be read.</summary>
    public const string UsageFileUnreadable = "PB2006";

    /// <summary>PromptBudgetUsageFeatureAttribute names an attribute that no span with usage carries: no span can match by feature.</summary>
    public const string UsageFeatureAttributeOnNoSpan = "PB2008";

    /// <summary>A monthly budget is not checked against the usage files' observed spend (no span times, under an hour, no span of the feature).</summary>
    public const string UsageSpendNotChecked = "PB3016";

    /// <summary>A usage file's newest span is older than the allowed age: the comparison is made from old traffic.</summary>
    public const string UsageDataOld = "PB3017";
}
