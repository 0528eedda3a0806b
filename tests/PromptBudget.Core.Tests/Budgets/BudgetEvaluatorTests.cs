using PromptBudget.Core.Budgets;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using Xunit;

namespace PromptBudget.Core.Tests.Budgets;

public class BudgetEvaluatorTests
{
    private static CostEstimate Estimate(long userTokens, long maxOutput, bool unbounded = false, long assumed = 0) =>
        new CostEstimator(PriceTable.Default).Estimate(new PromptShape("gpt-4o", new[]
        {
            new PromptMessage(MessageRole.User, "", new[] { unbounded ? new DynamicSegment("x") : new DynamicSegment("x", userTokens) }),
        })
        { MaxOutputTokens = maxOutput, AssumedUnboundedSegmentTokens = assumed });

    [Fact]
    public void NothingIsReportedUnderEveryLimit()
    {
        var e = Estimate(100, 100);

        Assert.Empty(BudgetEvaluator.Evaluate(e, new BudgetPolicy { MaxInputTokens = 1000, MaxOutputTokens = 1000, MaxCostPerCallUsd = 1m }));
    }

    [Fact]
    public void EachLimitReportsLimitActualAndUnit()
    {
        var e = Estimate(2000, 3000);
        var violations = BudgetEvaluator.Evaluate(e, new BudgetPolicy { MaxInputTokens = 1000, MaxOutputTokens = 500, MaxCostPerCallUsd = 0.01m });

        Assert.Collection(
            violations,
            v => { Assert.Equal(BudgetKind.InputTokens, v.Kind); Assert.Equal(1000, v.Limit); Assert.Equal(e.InputTokens, v.Actual); Assert.Equal("tokens", v.Unit); },
            v => { Assert.Equal(BudgetKind.OutputTokens, v.Kind); Assert.Equal(500, v.Limit); Assert.Equal(3000, v.Actual); Assert.Equal("tokens", v.Unit); },
            v => { Assert.Equal(BudgetKind.CostPerCall, v.Kind); Assert.Equal(0.01m, v.Limit); Assert.Equal(e.WorstCaseCostUsd!.Value, v.Actual); Assert.Equal("USD", v.Unit); });
        Assert.Equal(e.InputTokens - 1000, violations[0].Over);
    }

    [Fact]
    public void UnboundedSegmentsAreAViolationUnlessAnAssumptionIsConfigured()
    {
        var unbounded = Estimate(0, 10, unbounded: true);
        var assumed = Estimate(0, 10, unbounded: true, assumed: 400);

        var violation = Assert.Single(BudgetEvaluator.Evaluate(unbounded, new BudgetPolicy()));
        Assert.Equal(BudgetKind.UnboundedSegment, violation.Kind);
        Assert.Equal("segments", violation.Unit);
        Assert.Empty(BudgetEvaluator.Evaluate(assumed, new BudgetPolicy { UnboundedSegments = UnboundedSegmentHandling.AssumeTokens, AssumedSegmentTokens = 400 }));
        Assert.Equal(unbounded.InputTokens + 400, assumed.InputTokens);
    }
}
