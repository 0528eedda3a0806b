using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

public class TokenizerProfileTests
{
    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4o-mini-2024-07-18")]
    [InlineData("gpt-4.1-mini")]
    [InlineData("gpt-5.1")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini")]
    [InlineData("openai/gpt-4o")]
    [InlineData("azure/gpt-4.1")]
    public void OpenAIModernModelsAreExactO200k(string model)
    {
        var profile = TokenizerProfile.ForModel(model);
        Assert.Equal(TokenEncoding.O200kBase, profile.Encoding);
        Assert.True(profile.Exact);
        Assert.Equal(1m, profile.Factor);
    }

    [Theory]
    [InlineData("gpt-4")]
    [InlineData("gpt-4-turbo")]
    [InlineData("gpt-3.5-turbo")]
    public void OlderOpenAIModelsAreExactCl100k(string model)
    {
        var profile = TokenizerProfile.ForModel(model);
        Assert.Equal(TokenEncoding.Cl100kBase, profile.Encoding);
        Assert.True(profile.Exact);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", TokenEncoding.Claude, 1.1, 0.025)]
    [InlineData("claude-3-7-sonnet-20250219", TokenEncoding.Claude, 1.1, 0.025)]
    [InlineData("anthropic/claude-haiku-4-5", TokenEncoding.Claude, 1.1, 0.025)]
    [InlineData("claude-opus-4-6", TokenEncoding.Claude, 1.1, 0.025)]
    [InlineData("claude-opus-4-7", TokenEncoding.Claude, 1.485, 0.12)]
    [InlineData("claude-sonnet-5", TokenEncoding.Claude, 1.485, 0.12)]
    [InlineData("gemini-2.5-pro", TokenEncoding.O200kBase, 1.08, 0.02)]
    [InlineData("gemini/gemini-3-flash-preview", TokenEncoding.O200kBase, 1.08, 0.02)]
    [InlineData("gemini-2.5-flash-preview-09-2025", TokenEncoding.O200kBase, 1.11, 0.085)]
    [InlineData("gemini-2.5-flash-lite-preview-09-2025", TokenEncoding.O200kBase, 1.11, 0.085)]
    [InlineData("xai/grok-4", TokenEncoding.O200kBase, 1.35, 0)]
    public void OtherFamiliesAreEstimatesWithTheReferenceFitAndMargin(string model, TokenEncoding encoding, double factor, double margin)
    {
        var profile = TokenizerProfile.ForModel(model);
        Assert.False(profile.Exact);
        Assert.Equal(encoding, profile.Encoding);
        Assert.Equal((decimal)factor, profile.Factor);
        Assert.Equal((decimal)margin, profile.Margin);
        Assert.False(string.IsNullOrWhiteSpace(profile.Basis));
    }

    [Fact]
    public void ExactProfilesHaveNoMargin()
    {
        Assert.Equal(0m, TokenizerProfile.OpenAIO200k.Margin);
        Assert.Equal(0m, TokenizerProfile.OpenAICl100k.Margin);
        Assert.Equal(0, TokenizerProfile.OpenAIO200k.MarginTokens(1000));
    }

    [Fact]
    public void AClaudeEstimateIsTheClaudeVocabularyCountTimesTheFitRounded()
    {
        const string text = "Estimate me, please: 12345 tokens or so.";
        var claude = TokenizerRegistry.Count(text, TokenEncoding.Claude);

        var count = TokenizerProfile.ForModel("claude-sonnet-4-5").Count(text);

        Assert.Equal((long)System.Math.Round(claude * 1.1m, System.MidpointRounding.AwayFromZero), count.Tokens);
        Assert.Equal(TokenEncoding.Claude, count.Encoding);
        Assert.False(count.Exact);
        Assert.Contains("estimated", count.ToString());
    }

    /// <summary>Halves round up, as ai-tokenizer's Math.round does: 5 × 1.1 = 5.5 → 6, 15 × 1.1 = 16.5 → 17; 4 × 1.1 = 4.4 → 4.</summary>
    [Theory]
    [InlineData(5, 6)]
    [InlineData(15, 17)]
    [InlineData(4, 4)]
    [InlineData(0, 0)]
    public void TheFitRoundsHalvesUp(long raw, long expected) => Assert.Equal(expected, TokenizerProfile.Claude.Scale(raw));

    /// <summary>The margin rounds up: 2.5% of 100 is 2.5 → 3, of 40 is exactly 1; Gemini's 2% of 51 is 1.02 → 2.</summary>
    [Fact]
    public void TheMarginRoundsUp()
    {
        Assert.Equal(3, TokenizerProfile.Claude.MarginTokens(100));
        Assert.Equal(1, TokenizerProfile.Claude.MarginTokens(40));
        Assert.Equal(2, TokenizerProfile.Gemini.MarginTokens(51));
        Assert.Equal(0, TokenizerProfile.Claude.MarginTokens(0));
        Assert.Equal(0, TokenizerProfile.Generic.MarginTokens(1000));
    }

    [Theory]
    [InlineData("claude-99999999999")]
    [InlineData("claude-opus-99999999999-1")]
    [InlineData("anthropic/claude-sonnet-4-99999999999")]
    public void AVersionTooLongForAnIntIsTheConservativeNewTokenizerNotAnOverflow(string model)
    {
        var profile = TokenizerProfile.ForModel(model);

        Assert.False(profile.Exact);
        Assert.Equal(TokenEncoding.Claude, profile.Encoding);
        Assert.True(profile.Factor >= 1.1m);
    }
}
