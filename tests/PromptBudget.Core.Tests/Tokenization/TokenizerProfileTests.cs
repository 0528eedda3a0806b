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
    [InlineData("claude-sonnet-4-5", 1.30)]
    [InlineData("claude-3-7-sonnet-20250219", 1.30)]
    [InlineData("anthropic/claude-haiku-4-5", 1.30)]
    [InlineData("claude-opus-4-6", 1.30)]
    [InlineData("claude-opus-4-7", 1.76)]
    [InlineData("claude-sonnet-5", 1.76)]
    [InlineData("gemini-2.5-pro", 1.08)]
    [InlineData("gemini/gemini-3-flash-preview", 1.08)]
    [InlineData("xai/grok-4", 1.35)]
    public void OtherFamiliesAreConservativeEstimates(string model, double factor)
    {
        var profile = TokenizerProfile.ForModel(model);
        Assert.False(profile.Exact);
        Assert.Equal((decimal)factor, profile.Factor);
        Assert.False(string.IsNullOrWhiteSpace(profile.Basis));
    }

    [Fact]
    public void AnEstimateIsTheO200kCountScaledAndRoundedUp()
    {
        const string text = "Estimate me, please: 12345 tokens or so.";
        var o200k = TokenizerRegistry.Count(text, TokenEncoding.O200kBase);

        var count = TokenizerProfile.ForModel("claude-sonnet-4-5").Count(text);

        Assert.Equal((long)decimal.Ceiling(o200k * 1.30m), count.Tokens);
        Assert.False(count.Exact);
        Assert.Contains("estimated", count.ToString());
    }

    [Theory]
    [InlineData("claude-99999999999")]
    [InlineData("claude-opus-99999999999-1")]
    [InlineData("anthropic/claude-sonnet-4-99999999999")]
    public void AVersionTooLongForAnIntIsTheConservativeNewTokenizerNotAnOverflow(string model)
    {
        var profile = TokenizerProfile.ForModel(model);

        Assert.False(profile.Exact);
        Assert.True(profile.Factor >= 1.30m);
    }
}
