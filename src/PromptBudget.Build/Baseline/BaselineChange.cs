using PromptBudget.Build.Model;

namespace PromptBudget.Build.Baseline;

/// <summary>A call site in both reports whose model, input tokens or worst-case cost differ.</summary>
public sealed class BaselineChange
{
    public BaselineChange(BaselineSite before, ReportCallSite after, decimal? costGrowthPercent, decimal? inputTokensGrowthPercent, bool regression)
    {
        Before = before;
        After = after;
        CostGrowthPercent = costGrowthPercent;
        InputTokensGrowthPercent = inputTokensGrowthPercent;
        Regression = regression;
    }

    public BaselineSite Before { get; }

    public ReportCallSite After { get; }

    /// <summary>Growth of the worst-case cost in percent (1 decimal); null when either cost is unknown or it was $0.</summary>
    public decimal? CostGrowthPercent { get; }

    /// <summary>Growth of the input tokens in percent (1 decimal); null when there were none before.</summary>
    public decimal? InputTokensGrowthPercent { get; }

    /// <summary>Cost or input tokens grew by more than the allowed percentage.</summary>
    public bool Regression { get; }
}
