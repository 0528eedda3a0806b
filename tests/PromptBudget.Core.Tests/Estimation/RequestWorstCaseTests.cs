using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Core.Tests.Estimation;

/// <summary>
/// The worst case of one request through a tool loop, against sums worked out by hand below (each call's input
/// written out), with a price file made here so the numbers do not depend on the embedded prices.
/// </summary>
public class RequestWorstCaseTests
{
    // Base: $1 / $4 per million in / out; above 4,000 input tokens: $2 / $8. Window 6,000 input tokens.
    private static readonly ModelPrice LoopModel = PriceTable.Build(new[]
    {
        PriceFileParser.Parse("""
            {
              "loop-test": {
                "litellm_provider": "openai", "mode": "chat",
                "input_cost_per_token": 0.000001, "output_cost_per_token": 0.000004,
                "input_cost_per_token_above_4k_tokens": 0.000002, "output_cost_per_token_above_4k_tokens": 0.000008,
                "max_input_tokens": 6000, "max_output_tokens": 500
              }
            }
            """, "loop-prices.json"),
    }).Lookup("loop-test").Price!;

    [Fact]
    public void FiveCallsGrowByTheToolCallAndResultStopAtTheWindowAndPriceEachCallAtItsOwnTier()
    {
        // First input 1,000; each call adds 500 (the tool call, at most the max output) + 1,000 (tool results).
        var request = RequestWorstCase.Tokens(firstCallInputTokens: 1000, outputTokensPerCall: 500, toolResultTokens: 1000, contextWindow: 6000, modelCalls: 5).Priced(LoopModel, 0);

        // Inputs: 1,000, 2,500, 4,000, 5,500, and 7,000 capped at the 6,000 window.
        Assert.Equal(new long[] { 1000, 2500, 4000, 5500, 6000 }, new[] { 0, 1, 2, 3, 4 }.Select(request.InputOfCall));
        Assert.Equal(5, request.ModelCalls);
        Assert.Equal(19_000, request.InputTokens);
        Assert.Equal(2_500, request.OutputTokens);
        Assert.Equal(6_000, request.LargestCallInputTokens);

        // Calls 1–3 (≤ 4,000 in) at base prices: 7,500 × $0.000001 + 3 × 500 × $0.000004 = $0.0075 + $0.006.
        // Calls 4–5 (> 4,000 in) at the tier: 11,500 × $0.000002 + 2 × 500 × $0.000008 = $0.023 + $0.008.
        Assert.Equal(0.0445m, request.CostUsd);
    }

    [Fact]
    public void WithoutAWindowTheInputKeepsGrowing()
    {
        var request = RequestWorstCase.Tokens(1000, 500, 1000, contextWindow: null, modelCalls: 3);

        // 1,000 + 2,500 + 4,000.
        Assert.Equal(7_500, request.InputTokens);
        Assert.Equal(4_000, request.LargestCallInputTokens);
    }

    [Fact]
    public void AFirstCallAboveTheWindowIsNotCutBelowWhatThePerCallWorstCaseCounts()
    {
        var request = RequestWorstCase.Tokens(8000, 500, 1000, contextWindow: 6000, modelCalls: 2);

        Assert.Equal(16_000, request.InputTokens);
    }

    [Fact]
    public void OneModelCallCostsWhatTheEstimatorSaysOneCallCosts()
    {
        var estimator = new CostEstimator(PriceTable.Default);
        var call = estimator.Estimate(new PromptShape("gpt-4o-mini", new[] { new PromptMessage(MessageRole.User, "Where is my order?") }) { MaxOutputTokens = 300 });

        var one = estimator.EstimateRequest(call, modelCalls: 1, toolResultTokens: 1000)!;
        var three = estimator.EstimateRequest(call, modelCalls: 3, toolResultTokens: 1000)!;

        Assert.Equal(call.WorstCaseCostUsd, one.CostUsd);

        // gpt-4o-mini: $0.00000015 in, $0.0000006 out. Inputs n, n + 1,300, n + 2,600; 3 × 300 out.
        var n = call.InputTokens;
        Assert.Equal((((3 * n) + 3900) * 0.00000015m) + (900 * 0.0000006m), three.CostUsd);
    }

    [Fact]
    public void AnUnknownModelHasTokensButNoCost()
    {
        var estimator = new CostEstimator(PriceTable.Default);
        var call = estimator.Estimate(new PromptShape("no-such-model", new[] { new PromptMessage(MessageRole.User, "Hi") }) { MaxOutputTokens = 100 });

        var request = estimator.EstimateRequest(call, 4, 1000)!;

        Assert.Equal(4, request.ModelCalls);
        Assert.Null(request.CostUsd);
    }

    [Fact]
    public void AHugeCapIsComputedInClosedFormAndSaturatesInsteadOfOverflowing()
    {
        var request = RequestWorstCase.Tokens(1000, 500, 1000, contextWindow: 6000, modelCalls: int.MaxValue).Priced(LoopModel, 0);

        // 1,000 + 2,500 + 4,000 + 5,500, then 6,000 for each of the other int.MaxValue − 4 calls.
        Assert.Equal(13_000 + ((long)(int.MaxValue - 4) * 6000), request.InputTokens);
        Assert.Equal(6_000, request.LargestCallInputTokens);
        Assert.True(request.CostUsd > 1_000_000m);
    }

    [Fact]
    public void ARecordWithoutALoopIsOneCallAndALoopWithAnUnknownCapIsUnknown()
    {
        var plain = new CallSiteRecord { InputTokens = 1200, MaxOutputTokens = 400, WorstCaseCostUsd = 0.01m };
        var unknownCap = new CallSiteRecord { InputTokens = 1200, MaxOutputTokens = 400, LoopIterationCapSource = "unknown" };
        var loop = new CallSiteRecord
        {
            InputTokens = 1000, MaxOutputTokens = 500, ContextWindow = 6000, LoopIterationCap = 5, LoopIterationCapSource = "library-default",
            ToolResultTokens = 1000, RequestWorstCaseCostUsd = 0.0445m,
        };

        var one = RequestWorstCase.Of(plain)!;
        Assert.Equal(1, one.ModelCalls);
        Assert.Equal(1200, one.InputTokens);
        Assert.Equal(0.01m, one.CostUsd);
        Assert.Null(RequestWorstCase.Of(unknownCap));
        Assert.Null(unknownCap.WorstCasePerRequestUsd);

        var five = RequestWorstCase.Of(loop)!;
        Assert.Equal(19_000, five.InputTokens);
        Assert.Equal(0.0445m, five.CostUsd);
        Assert.Equal(0.0445m, loop.WorstCasePerRequestUsd);
    }
}
