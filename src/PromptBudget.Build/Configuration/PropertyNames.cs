namespace PromptBudget.Build.Configuration;

/// <summary>
/// The MSBuild names a user sets, as messages tell them to: the project budget properties and the
/// <c>PromptBudgetFeature</c> item's metadata. The targets pass these to the task's inputs.
/// </summary>
public static class PropertyNames
{
    public const string ProjectMaxCostPerRequestUsd = "PromptBudgetProjectMaxCostPerRequest";

    public const string ProjectCallsPerMonth = "PromptBudgetProjectCallsPerMonth";

    public const string ProjectMaxMonthlyCostUsd = "PromptBudgetProjectMaxMonthlyCost";

    public const string FailOn = "PromptBudgetFailOn";

    public const string MaxGrowthPercent = "PromptBudgetMaxGrowthPercent";

    public const string Baseline = "PromptBudgetBaseline";

    public const string MaxPriceAgeDays = "PromptBudgetMaxPriceAgeDays";

    public const string UsageFiles = "PromptBudgetUsageFiles";

    public const string UsageFeatureAttribute = "PromptBudgetUsageFeatureAttribute";

    public const string MaxUsageAgeDays = "PromptBudgetMaxUsageAgeDays";

    public const string FeatureItem = "PromptBudgetFeature";

    public const string FeatureMaxCostPerRequestUsd = "MaxCostPerRequestUsd";

    public const string FeatureCallsPerMonth = "CallsPerMonth";

    public const string FeatureMaxMonthlyCostUsd = "MaxMonthlyCostUsd";
}
