using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Estimation;

/// <summary>
/// Worst-case cost, checked against numbers computed here by hand from the LiteLLM price file of
/// 2026-07-24 (prices per token written out below), not from Core's own price lookup.
/// </summary>
public class CostEstimatorTests
{
    private const string System = "You are a careful assistant.";
    private readonly CostEstimator _estimator = new(PriceTable.Default);

    // One system message with known text and one user message that is a bounded dynamic segment.
    private static PromptShape Shape(string model, long userTokens, long? maxOutput = null, long? reasoning = null) =>
        new(model, new[]
        {
            new PromptMessage(MessageRole.System, System),
            new PromptMessage(MessageRole.User, "", new[] { new DynamicSegment("question", userTokens) }) { StaticPrefixLength = 0 },
        })
        {
            MaxOutputTokens = maxOutput,
            ReasoningBudgetTokens = reasoning,
        };

    private static long O200k(string text) => TokenizerRegistry.Count(text, TokenEncoding.O200kBase);

    // 2 messages × (3 + 1 for the role) + 3 reply priming (OpenAI cookbook).
    private const long Overhead = 11;

    // 6 per request + 2 messages × (2 + 1 for the role) (ai-tokenizer 1.0.6's Claude fit).
    private const long ClaudeOverhead = 12;

    private static long ClaudeRaw(string text) => TokenizerRegistry.Count(text, TokenEncoding.Claude);

    private static long ClaudeContent(string text) => (long)global::System.Math.Round(ClaudeRaw(text) * 1.1m, global::System.MidpointRounding.AwayFromZero);

    [Fact]
    public void ACancelledEstimateThrowsWhileCounting()
    {
        using var cancelled = new global::System.Threading.CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<global::System.OperationCanceledException>(() => _estimator.Estimate(Shape("gpt-4o", userTokens: 10), cancelled.Token));
    }

    [Fact]
    public void SpecialTokenTextInAPromptIsCountedAsPlainText()
    {
        var shape = new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "<|endoftext|>") });

        Assert.Equal(7, _estimator.Estimate(shape).StaticTokens);
    }

    [Fact]
    public void Gpt4oWithMaxOutputSet()
    {
        var e = _estimator.Estimate(Shape("gpt-4o", userTokens: 500, maxOutput: 800));

        var input = O200k(System) + 500 + Overhead;
        Assert.Equal(input, e.InputTokens);
        Assert.True(e.Exact);
        Assert.Equal(TokenEncoding.O200kBase, e.Encoding);
        Assert.Equal(MaxOutputSource.Set, e.OutputSource);
        Assert.Equal(800, e.OutputTokens);
        Assert.Equal((input * 0.0000025m) + (800 * 0.00001m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void Gpt4oWithoutMaxOutputUsesTheModelMaximum()
    {
        var e = _estimator.Estimate(Shape("gpt-4o", userTokens: 100));

        Assert.Equal(MaxOutputSource.ModelMaximum, e.OutputSource);
        Assert.Equal(16384, e.OutputTokens);
        Assert.Equal((e.InputTokens * 0.0000025m) + (16384 * 0.00001m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void Gpt5ReasoningModelUnsetOutputCostsItsFull128kOutput()
    {
        var e = _estimator.Estimate(Shape("gpt-5", userTokens: 1000));

        // gpt-5: input 1.25e-06, output 1e-05, max output 128,000.
        Assert.Equal(128000, e.OutputTokens);
        Assert.Equal((e.InputTokens * 0.00000125m) + (128000 * 0.00001m), e.WorstCaseCostUsd);
        Assert.True(e.WorstCaseCostUsd > 1.28m);
    }

    [Fact]
    public void O3ReasoningBudgetIsBilledAsOutputInsideMaxOutput()
    {
        var e = _estimator.Estimate(Shape("o3", userTokens: 200, maxOutput: 5000, reasoning: 4000));

        // o3: input 2e-06, output 8e-06; reasoning tokens are output tokens.
        Assert.Equal(5000, e.OutputTokens);
        Assert.Equal(4000, e.ReasoningTokens);
        Assert.Equal((e.InputTokens * 0.000002m) + (5000 * 0.000008m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void AReasoningBudgetAboveTheMaxOutputRaisesTheWorstCase()
    {
        var e = _estimator.Estimate(Shape("gemini-2.5-flash", userTokens: 10, maxOutput: 1000, reasoning: 3000));

        // gemini-2.5-flash: output 2.5e-06 and output_cost_per_reasoning_token 2.5e-06.
        Assert.Equal(3000, e.OutputTokens);
        Assert.Equal(3000, e.ReasoningTokens);
        Assert.Equal(3000 * 0.0000025m, e.OutputCostUsd);
    }

    [Fact]
    public void ClaudeSonnet45CachedAndCacheWriteCases()
    {
        // A system prompt long enough to cache (prompt_cache_min_tokens 1024), then a dynamic user part.
        var longSystem = string.Concat(global::System.Linq.Enumerable.Repeat("Follow the support policy carefully. ", 200));
        var shape = new PromptShape("claude-sonnet-4-5", new[]
        {
            new PromptMessage(MessageRole.System, longSystem),
            new PromptMessage(MessageRole.User, "", new[] { new DynamicSegment("q", 300) }) { StaticPrefixLength = 0 },
        })
        { MaxOutputTokens = 1000 };

        var e = _estimator.Estimate(shape);

        // Claude: the legacy Claude vocabulary × 1.1, rounded; framing 6 per request + 3 per message (ai-tokenizer 1.0.6).
        var systemTokens = ClaudeContent(longSystem);
        Assert.False(e.Exact);
        Assert.Equal(systemTokens + 300 + ClaudeOverhead, e.InputTokens);
        // The margin (2.5%) covers the estimated text and framing, not the declared bound of 300.
        var upper = e.InputTokens + (long)decimal.Ceiling((systemTokens + ClaudeOverhead) * 0.025m);
        Assert.Equal(upper, e.InputTokensUpperBound);
        // The cacheable prefix: the system message with its framing and role (2 + 1), and the next message's.
        Assert.Equal(systemTokens + 3 + 3, e.CacheablePrefixTokens);
        var cached = e.CacheablePrefixTokens;
        var rest = upper - cached;
        // claude-sonnet-4-5: input 3e-06, output 1.5e-05, cache read 3e-07, cache write 3.75e-06; the worst case at the upper bound.
        Assert.Equal((upper * 0.000003m) + (1000 * 0.000015m), e.WorstCaseCostUsd);
        Assert.Equal((cached * 0.0000003m) + (rest * 0.000003m) + (1000 * 0.000015m), e.CachedCaseCostUsd);
        Assert.Equal((cached * 0.00000375m) + (rest * 0.000003m) + (1000 * 0.000015m), e.CacheWriteCaseCostUsd);
    }

    [Fact]
    public void AShortPrefixIsNotCached()
    {
        var e = _estimator.Estimate(Shape("claude-sonnet-4-5", userTokens: 50, maxOutput: 100));

        Assert.Equal(0, e.CacheablePrefixTokens);
        Assert.Null(e.CachedCaseCostUsd);
    }

    [Fact]
    public void OpenAICachesInSteps128PastTheFirst1024()
    {
        var text = string.Concat(global::System.Linq.Enumerable.Repeat("word ", 1500));
        var shape = new PromptShape("gpt-4o", new[]
        {
            new PromptMessage(MessageRole.System, text),
            new PromptMessage(MessageRole.User, "", new[] { new DynamicSegment("q", 10) }) { StaticPrefixLength = 0 },
        })
        { MaxOutputTokens = 10 };

        var e = _estimator.Estimate(shape);

        var prefix = O200k(text) + 3 + 3;
        Assert.Equal(1024 + ((prefix - 1024) / 128 * 128), e.CacheablePrefixTokens);
        Assert.Equal(0, (e.CacheablePrefixTokens - 1024) % 128);
        // gpt-4o cache read 1.25e-06; OpenAI bills no cache write.
        Assert.Null(e.CacheWriteCaseCostUsd);
        Assert.Equal((e.CacheablePrefixTokens * 0.00000125m) + ((e.InputTokens - e.CacheablePrefixTokens) * 0.0000025m) + (10 * 0.00001m), e.CachedCaseCostUsd);
    }

    [Fact]
    public void ClaudeSonnet45Above200kUsesTheLongContextTier()
    {
        var e = _estimator.Estimate(Shape("claude-sonnet-4-5", userTokens: 210_000, maxOutput: 4000));

        Assert.Equal(200_000, e.PriceTierAboveTokens);
        // above 200k: input 6e-06, output 2.25e-05, at the upper bound.
        Assert.Equal((e.InputTokensUpperBound * 0.000006m) + (4000 * 0.0000225m), e.WorstCaseCostUsd);
        // Anthropic: prompt and max_tokens share the 200k window.
        Assert.True(e.InputExceedsContextWindow);
        Assert.True(e.CanOverflowContextWindow);
    }

    [Fact]
    public void Gemini25ProAbove200kTier()
    {
        var e = _estimator.Estimate(Shape("gemini-2.5-pro", userTokens: 250_000, maxOutput: 1000));

        Assert.False(e.Exact);
        Assert.Equal(1.08m, e.Tokenizer.Factor);
        // Gemini: o200k × 1.08 rounded, framing −1 per request and 0 per message; the margin (2%) on the text and framing.
        var systemTokens = (long)global::System.Math.Round(O200k(System) * 1.08m, global::System.MidpointRounding.AwayFromZero);
        Assert.Equal(systemTokens + 250_000 - 1, e.InputTokens);
        Assert.Equal(e.InputTokens + (long)decimal.Ceiling((systemTokens - 1) * 0.02m), e.InputTokensUpperBound);
        // above 200k: input 2.5e-06, output 1.5e-05, at the upper bound.
        Assert.Equal((e.InputTokensUpperBound * 0.0000025m) + (1000 * 0.000015m), e.WorstCaseCostUsd);
        Assert.False(e.CanOverflowContextWindow);
    }

    [Fact]
    public void Gpt54Above272kTier()
    {
        var e = _estimator.Estimate(Shape("gpt-5.4", userTokens: 300_000, maxOutput: 2000));

        Assert.Equal(272_000, e.PriceTierAboveTokens);
        // gpt-5.4 above 272k: input 5e-06, output 2.25e-05.
        Assert.Equal((e.InputTokens * 0.000005m) + (2000 * 0.0000225m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void Gpt54Below272kUsesBasePrices()
    {
        var e = _estimator.Estimate(Shape("gpt-5.4", userTokens: 1000, maxOutput: 2000));

        Assert.Null(e.PriceTierAboveTokens);
        Assert.Equal((e.InputTokens * 0.0000025m) + (2000 * 0.000015m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void ClaudeOpus47UsesTheNewTokenizerFactor()
    {
        var e = _estimator.Estimate(Shape("claude-opus-4-7", userTokens: 0, maxOutput: 100));

        // The Claude count × 1.35 (Anthropic's upper figure for the new tokenizer): 1.1 × 1.35 = 1.485, margin 12%.
        var systemTokens = (long)global::System.Math.Round(ClaudeRaw(System) * 1.485m, global::System.MidpointRounding.AwayFromZero);
        Assert.Equal(systemTokens + ClaudeOverhead, e.InputTokens);
        var upper = e.InputTokens + (long)decimal.Ceiling((systemTokens + ClaudeOverhead) * 0.12m);
        Assert.Equal(upper, e.InputTokensUpperBound);
        // claude-opus-4-7: input 5e-06, output 2.5e-05.
        Assert.Equal((upper * 0.000005m) + (100 * 0.000025m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void Gpt4UsesCl100k()
    {
        var e = _estimator.Estimate(Shape("gpt-4", userTokens: 10, maxOutput: 10));

        Assert.Equal(TokenEncoding.Cl100kBase, e.Encoding);
        Assert.Equal(TokenizerRegistry.Count(System, TokenEncoding.Cl100kBase) + 10 + Overhead, e.InputTokens);
        // gpt-4: input 3e-05, output 6e-05.
        Assert.Equal((e.InputTokens * 0.00003m) + (10 * 0.00006m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void UnknownModelHasNoCostNeverZero()
    {
        var e = _estimator.Estimate(Shape("gpt-4o-mnii", userTokens: 10, maxOutput: 10));

        Assert.False(e.ModelKnown);
        Assert.Null(e.WorstCaseCostUsd);
        Assert.Null(e.InputCostUsd);
        Assert.Contains("gpt-4o-mini", e.Suggestions);
        Assert.True(e.InputTokens > 0);
    }

    [Fact]
    public void MaxOutputAboveTheModelLimitIsFlaggedAndClamped()
    {
        var e = _estimator.Estimate(Shape("gpt-4o", userTokens: 10, maxOutput: 50_000));

        Assert.True(e.MaxOutputExceedsModelLimit);
        Assert.Equal(16384, e.OutputTokens);
        Assert.Equal(16384, e.ModelOutputLimit);
    }

    [Fact]
    public void Gpt4oPromptAndMaxOutputShareTheContextWindow()
    {
        // gpt-4o: a 128,000-token window that holds the prompt and the completion.
        var e = _estimator.Estimate(Shape("gpt-4o", userTokens: 120_000, maxOutput: 16_000));

        Assert.False(e.InputExceedsContextWindow);
        Assert.True(e.CanOverflowContextWindow);
        Assert.False(_estimator.Estimate(Shape("gpt-4o", userTokens: 100_000, maxOutput: 16_000)).CanOverflowContextWindow);
    }

    [Fact]
    public void Gpt5OutputHasItsOwnAllowanceBesideThe272kInput()
    {
        // gpt-5: listed as 272,000 input + 128,000 output, the documented 400,000-token window.
        var fits = _estimator.Estimate(Shape("gpt-5", userTokens: 260_000, maxOutput: 128_000));
        var tooLong = _estimator.Estimate(Shape("gpt-5", userTokens: 280_000, maxOutput: 1_000));

        Assert.False(fits.CanOverflowContextWindow);
        Assert.True(tooLong.InputExceedsContextWindow);
    }

    [Fact]
    public void UnboundedSegmentsAreCountedAndAssumedOnlyWhenAsked()
    {
        var shape = new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "Hi ", new[] { new DynamicSegment("x") }) })
        { MaxOutputTokens = 1, AssumedUnboundedSegmentTokens = 0 };
        var withAssumption = new PromptShape(shape.Model, shape.Messages) { MaxOutputTokens = 1, AssumedUnboundedSegmentTokens = 250 };

        var plain = _estimator.Estimate(shape);
        var assumed = _estimator.Estimate(withAssumption);

        Assert.Equal(1, plain.UnboundedSegments);
        Assert.Equal(0, plain.AssumedUnboundedTokens);
        Assert.Equal(plain.InputTokens + 250, assumed.InputTokens);
    }
}
