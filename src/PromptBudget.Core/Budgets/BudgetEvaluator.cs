using System.Collections.Generic;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Core.Budgets;

/// <summary>Checks one call's worst case against a <see cref="BudgetPolicy"/>.</summary>
public static class BudgetEvaluator
{
    public static IReadOnlyList<BudgetViolation> Evaluate(CostEstimate estimate, BudgetPolicy policy)
    {
        var violations = new List<BudgetViolation>();
        if (policy.UnboundedSegments == UnboundedSegmentHandling.Violation && estimate.UnboundedSegments > 0)
        {
            violations.Add(new BudgetViolation(BudgetKind.UnboundedSegment, 0, estimate.UnboundedSegments, "segments"));
        }

        // Without the tokenizer the input count is an upper bound, which proves no overrun (PB2004 says so instead).
        // An estimated count is checked at its upper bound: a budget must hold whatever the estimate's error.
        if (policy.MaxInputTokens is { } maxInput && estimate.TokenizerFailure is null && estimate.InputTokensUpperBound > maxInput)
        {
            violations.Add(new BudgetViolation(BudgetKind.InputTokens, maxInput, estimate.InputTokensUpperBound, "tokens"));
        }

        if (policy.MaxOutputTokens is { } maxOutput && estimate.OutputTokens is { } output && output > maxOutput)
        {
            violations.Add(new BudgetViolation(BudgetKind.OutputTokens, maxOutput, output, "tokens"));
        }

        if (policy.MaxCostPerCallUsd is { } maxCost && estimate.WorstCaseCostUsd is { } cost && cost > maxCost)
        {
            violations.Add(new BudgetViolation(BudgetKind.CostPerCall, maxCost, cost, "USD"));
        }

        return violations;
    }
}
