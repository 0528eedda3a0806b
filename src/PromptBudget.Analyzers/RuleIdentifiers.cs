namespace PromptBudget.Analyzers;

/// <summary>Every diagnostic id PromptBudget reports, in one place (docs in docs/rules/PBxxxx.md).</summary>
public static class RuleIdentifiers
{
    // PB0xxx: information about a call site.
    public const string CallSiteCost = "PB0001";

    // PB1xxx: one call site over a limit or not knowable.
    public const string InputTokensOverBudget = "PB1001";
    public const string CostPerCallOverBudget = "PB1002";
    public const string MaxOutputNotSet = "PB1003";
    public const string MaxOutputOverBudget = "PB1004";
    public const string MaxOutputOverModelLimit = "PB1005";
    public const string ContextWindowOverflow = "PB1006";
    public const string UnboundedDynamicSegment = "PB1007";
    public const string UnknownModel = "PB1008";
    public const string ModelNotDeterminable = "PB1009";
    public const string ValueOutOfRange = "PB1010";
    public const string PromptFileNotFound = "PB1011";
    public const string ToolLoopAtLibraryDefault = "PB1012";

    // PB2xxx: configuration.
    public const string InvalidConfigurationValue = "PB2001";
    public const string InvalidPriceFile = "PB2002";
    public const string PayloadNotWritten = "PB2003";
    public const string TokenizerUnavailable = "PB2004";
    public const string InvalidPromptFile = "PB2005";
    public const string UsageFileUnreadable = "PB2006";
    public const string RateLimitSettingUnusable = "PB2007";
    public const string UsageFeatureAttributeOnNoSpan = "PB2008";

    // PB3xxx: the MSBuild task (defined in PromptBudget.Build, listed here so every id has one home).
    public const string FeatureBudgetExceeded = "PB3001";
    public const string FeatureMonthlyBudgetExceeded = "PB3002";
    public const string ProjectBudgetExceeded = "PB3003";
    public const string ReportIncomplete = "PB3004";
    public const string CostRegression = "PB3005";
    public const string BaselineUnreadable = "PB3006";
    public const string PricesOutOfDate = "PB3007";
    public const string PerCallBudgetExceeded = "PB3008";
    public const string UsageAboveWorstCase = "PB3009";
    public const string UsageModelDrift = "PB3010";
    public const string RateLimitNeverPasses = "PB3011";
    public const string RateLimitExceededAtPeak = "PB3012";
    public const string RateLimitNearAtPeak = "PB3013";
    public const string UsageMaxOutputFarAboveObserved = "PB3014";
    public const string UsageSpendOverMonthlyBudget = "PB3015";
    public const string UsageSpendNotChecked = "PB3016";
    public const string UsageDataOld = "PB3017";

    // PB9xxx: never reported; keeps the analyzer running for the report (see Rules.PayloadCarrier).
    public const string PayloadCarrier = "PB9000";
}
