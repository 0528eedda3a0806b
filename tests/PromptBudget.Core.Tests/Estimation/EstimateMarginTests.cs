using System;
using System.Linq;
using PromptBudget.Core.Budgets;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Estimation;

/// <summary>
/// Every estimated count carries its family's margin; the worst case (cost, context window, input budget) uses the
/// upper bound; exact counts have none. Expected numbers are worked out here from the counts and the margins.
/// </summary>
public class EstimateMarginTests
{
    private const string Question = "Where is my parcel? It was due yesterday and the tracking page shows nothing.";
    private readonly CostEstimator _estimator = new(PriceTable.Default);

    private static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    private static long ClaudeText(string text) => Round(TokenizerRegistry.Count(text, TokenEncoding.Claude) * 1.1m);

    [Fact]
    public void AnExactOpenAICountHasNoMargin()
    {
        var e = _estimator.Estimate(new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, Question) }) { MaxOutputTokens = 10 });

        Assert.True(e.Exact);
        Assert.False(e.HasMargin);
        Assert.Equal(0, e.MarginTokens);
        Assert.Equal(e.InputTokens, e.InputTokensUpperBound);
        // gpt-4o: input 2.5e-06, output 1e-05.
        Assert.Equal((e.InputTokens * 0.0000025m) + (10 * 0.00001m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void TheClaudeMarginCoversTextFramingAndTypeBoundsButNotDeclaredBounds()
    {
        var message = new PromptMessage(MessageRole.User, Question, new[]
        {
            new DynamicSegment("orderId", new[] { "-2147483648" }, "int"),
            new DynamicSegment("notes", 500, "[PromptBound(500)]"),
        });

        var e = _estimator.Estimate(new PromptShape("claude-sonnet-4-5", new[] { message }) { MaxOutputTokens = 100 });

        var text = ClaudeText(Question);
        var typeBound = ClaudeText("-2147483648");
        const long framing = 6 + 3;
        Assert.Equal(text + framing + typeBound + 500, e.InputTokens);
        var margin = (long)decimal.Ceiling((text + framing + typeBound) * 0.025m);
        Assert.Equal(margin, e.MarginTokens);
        Assert.Equal(e.InputTokens + margin, e.InputTokensUpperBound);
        // claude-sonnet-4-5: input 3e-06, output 1.5e-05, at the upper bound.
        Assert.Equal((e.InputTokensUpperBound * 0.000003m) + (100 * 0.000015m), e.WorstCaseCostUsd);
    }

    [Fact]
    public void AnInputBudgetIsCheckedAtTheUpperBound()
    {
        var e = _estimator.Estimate(new PromptShape("claude-sonnet-4-5", new[] { new PromptMessage(MessageRole.User, Question) }) { MaxOutputTokens = 100 });
        Assert.True(e.HasMargin);

        // A budget the count meets but its upper bound does not: a violation, at the upper bound.
        var atCount = BudgetEvaluator.Evaluate(e, new BudgetPolicy { MaxInputTokens = e.InputTokens });
        var violation = Assert.Single(atCount, v => v.Kind == BudgetKind.InputTokens);
        Assert.Equal(e.InputTokensUpperBound, violation.Actual);

        Assert.DoesNotContain(BudgetEvaluator.Evaluate(e, new BudgetPolicy { MaxInputTokens = e.InputTokensUpperBound }), v => v.Kind == BudgetKind.InputTokens);
    }

    [Fact]
    public void GeminisNegativeFramingIsTheFitsAndItsMarginIsTwoPercent()
    {
        var e = _estimator.Estimate(new PromptShape("gemini-2.5-pro", new[] { new PromptMessage(MessageRole.User, Question) }) { MaxOutputTokens = 100 });

        var text = Round(TokenizerRegistry.Count(Question, TokenEncoding.O200kBase) * 1.08m);
        Assert.Equal(-1, e.OverheadTokens);
        Assert.Equal(text - 1, e.InputTokens);
        Assert.Equal(text - 1 + (long)decimal.Ceiling((text - 1) * 0.02m), e.InputTokensUpperBound);
        Assert.Same(ChatFraming.Gemini, e.Framing);
    }

    [Fact]
    public void OpusFourSevenIsTheClaudeCountTimesOnePointThreeFiveWithATwelvePercentMargin()
    {
        var e = _estimator.Estimate(new PromptShape("claude-opus-4-7", new[] { new PromptMessage(MessageRole.User, Question) }) { MaxOutputTokens = 100 });

        var text = Round(TokenizerRegistry.Count(Question, TokenEncoding.Claude) * 1.485m);
        Assert.Equal(text + 9, e.InputTokens);
        Assert.Equal(text + 9 + (long)decimal.Ceiling((text + 9) * 0.12m), e.InputTokensUpperBound);
    }

    [Fact]
    public void AnImagesFormulaIsNotGivenTheTokenizersMargin()
    {
        var message = new PromptMessage(MessageRole.User, Question) { Images = new[] { new ImageInput("photo") } };

        var e = _estimator.Estimate(new PromptShape("claude-sonnet-4-5", new[] { message }) { MaxOutputTokens = 100 });

        Assert.True(e.ImageTokens > 0);
        Assert.Equal((long)decimal.Ceiling((ClaudeText(Question) + 9) * 0.025m), e.MarginTokens);
    }
}
