using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Estimation;

/// <summary>
/// Numbers no code, setting or price file can turn into a small, negative or exception-throwing worst case:
/// token arithmetic saturates, amounts saturate, a value outside the sane range is not used.
/// </summary>
public class SaneArithmeticTests
{
    private readonly CostEstimator _estimator = new(PriceTable.Default);

    private static PromptShape Bounded(params long[] bounds) => new("gpt-4o", new[]
    {
        new PromptMessage(MessageRole.User, "Hi", bounds.Select((b, i) => new DynamicSegment("part" + i, b)).ToList()) { StaticPrefixLength = 2 },
    })
    {
        MaxOutputTokens = 10,
    };

    [Fact]
    public void FourBoundsOfLongMaxValueSaturateInsteadOfWrappingToTwoTokens()
    {
        var e = _estimator.Estimate(Bounded(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue));

        Assert.Equal(long.MaxValue, e.BoundedDynamicTokens);
        Assert.Equal(long.MaxValue, e.InputTokens);
        Assert.True(e.WorstCaseCostUsd > 1_000_000_000m);
        Assert.True(e.InputExceedsContextWindow);
    }

    [Fact]
    public void AnAssumedSegmentSizeOfLongMaxValueNeverMakesTheInputNegative()
    {
        var shape = new PromptShape("gpt-4o", new[]
        {
            new PromptMessage(MessageRole.User, "", new[] { new DynamicSegment("a"), new DynamicSegment("b") }) { StaticPrefixLength = 0 },
        })
        {
            MaxOutputTokens = 10,
            AssumedUnboundedSegmentTokens = long.MaxValue,
        };

        var e = _estimator.Estimate(shape);

        Assert.Equal(long.MaxValue, e.AssumedUnboundedTokens);
        Assert.Equal(long.MaxValue, e.InputTokens);
        Assert.True(e.WorstCaseCostUsd > 0);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData((long)int.MinValue)]
    [InlineData(long.MinValue)]
    public void ANegativeMaxOutputIsNotUsedAndNeverGivesANegativeCost(long maxOutput)
    {
        var e = _estimator.Estimate(new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "Hi") }) { MaxOutputTokens = maxOutput });

        Assert.Equal(MaxOutputSource.ModelMaximum, e.OutputSource);
        Assert.Equal(16_384, e.OutputTokens);
        Assert.True(e.WorstCaseCostUsd > 0);
    }

    [Fact]
    public void AmountsSaturateInsteadOfThrowing()
    {
        Assert.Equal(decimal.MaxValue, SaneRange.Cost(long.MaxValue, 1e28m));
        Assert.Equal(decimal.MaxValue, SaneRange.Add(decimal.MaxValue, 1m));
        Assert.Equal(long.MaxValue, SaneRange.Add(long.MaxValue, 1));
        Assert.Equal(long.MaxValue, SaneRange.Multiply(3, long.MaxValue / 2));
        Assert.Equal(0, SaneRange.Add(-5, -7));
    }

    [Fact]
    public void EachDistinctTextIsTokenizedOncePerEstimator()
    {
        var estimator = new CostEstimator(PriceTable.Default);
        var history = Enumerable.Range(0, 50).Select(i => new PromptMessage(MessageRole.User, "Turn number " + i + " of the conversation.")).ToList();

        for (var calls = 1; calls <= history.Count; calls++)
        {
            var e = estimator.Estimate(new PromptShape("gpt-4o", history.Take(calls).ToList()) { MaxOutputTokens = 10 });
            Assert.Equal(history.Take(calls).Sum(m => TokenizerRegistry.Count(m.StaticText, TokenEncoding.O200kBase)), e.StaticTokens);
        }

        Assert.Equal(50, estimator.TextsTokenized);
    }

    [Fact]
    public void RememberedCountsAreScaledForEachModel()
    {
        var estimator = new CostEstimator(PriceTable.Default);
        var shape = new[] { new PromptMessage(MessageRole.User, "Summarise the attached report in three bullet points.") };

        var gpt = estimator.Estimate(new PromptShape("gpt-4o", shape) { MaxOutputTokens = 10 });
        var gemini = estimator.Estimate(new PromptShape("gemini-2.5-pro", shape) { MaxOutputTokens = 10 });

        // One o200k count serves both: Gemini's is o200k × 1.08, rounded half up.
        Assert.Equal((long)System.Math.Round(gpt.StaticTokens * 1.08m, System.MidpointRounding.AwayFromZero), gemini.StaticTokens);
        Assert.Equal(1, estimator.TextsTokenized);

        // Claude counts with its own vocabulary: one more text tokenized, then remembered too.
        var claude = estimator.Estimate(new PromptShape("claude-sonnet-4-5", shape) { MaxOutputTokens = 10 });
        _ = estimator.Estimate(new PromptShape("claude-haiku-4-5", shape) { MaxOutputTokens = 10 });
        Assert.Equal((long)System.Math.Round(TokenizerRegistry.Count(shape[0].StaticText, TokenEncoding.Claude) * 1.1m, System.MidpointRounding.AwayFromZero), claude.StaticTokens);
        Assert.Equal(2, estimator.TextsTokenized);
    }
}
