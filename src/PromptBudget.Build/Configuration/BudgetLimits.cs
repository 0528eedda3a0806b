namespace PromptBudget.Build.Configuration;

/// <summary>
/// The limits of a feature (a <c>PromptBudgetFeature</c> item) or of the whole project. A null limit
/// is not checked.
/// </summary>
public sealed class BudgetLimits
{
    public BudgetLimits(string name, decimal? maxCostPerRequestUsd, decimal? callsPerMonth, decimal? maxMonthlyCostUsd)
    {
        Name = name;
        MaxCostPerRequestUsd = maxCostPerRequestUsd;
        CallsPerMonth = callsPerMonth;
        MaxMonthlyCostUsd = maxMonthlyCostUsd;
    }

    public static BudgetLimits None(string name) => new(name, null, null, null);

    public string Name { get; }

    public decimal? MaxCostPerRequestUsd { get; }

    public decimal? CallsPerMonth { get; }

    public decimal? MaxMonthlyCostUsd { get; }

    public bool HasAny => MaxCostPerRequestUsd is not null || CallsPerMonth is not null || MaxMonthlyCostUsd is not null;
}
