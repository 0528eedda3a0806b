using PromptBudget.Core.Configuration;
using PromptBudget.Core.RateLimits;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Core.Tests.RateLimits;

public class RateLimitCoreTests
{
    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini", true)]
    [InlineData("gpt-4o-mini", "GPT-4o-Mini", true)]
    [InlineData("gpt-4o-mini", "gpt-4o-mini-2024-07-18", false)]
    [InlineData("gpt-4o", "gpt-4o-mini", false)]
    [InlineData("claude-sonnet-4*", "claude-sonnet-4-5", true)]
    [InlineData("claude-sonnet-4*", "claude-sonnet-4", true)]
    [InlineData("claude-sonnet-4*", "anthropic/claude-sonnet-4-6", true)]
    [InlineData("claude-sonnet-4*", "claude-opus-4-1", false)]
    [InlineData("*-mini", "gpt-4.1-mini", true)]
    [InlineData("*-mini", "gpt-4.1-nano", false)]
    [InlineData("claude-*-4*", "claude-haiku-4-5", true)]
    [InlineData("claude-*-4*", "claude-3-5-haiku", false)]
    [InlineData("a*b*a", "aba", true)]
    [InlineData("ab*ba", "aba", false)]
    [InlineData("a*b*a", "aa", false)]
    [InlineData("a*b*a", "abba", true)]
    [InlineData("*", "anything", true)]
    public void A_pattern_matches_names_ignoring_case_and_provider_prefixes(string pattern, string model, bool matches) =>
        Assert.Equal(matches, new ModelPattern(pattern).MatchesAny(new[] { model }));

    [Fact]
    public void A_name_is_not_a_pattern_and_literal_length_leaves_the_wildcards_out()
    {
        Assert.False(new ModelPattern("gpt-4o").IsPattern);
        Assert.True(new ModelPattern("claude-*-4*").IsPattern);
        Assert.Equal(9, new ModelPattern("claude-*-4*").LiteralLength);
    }

    [Theory]
    [InlineData("120", "120")]
    [InlineData("0.5", "0.5")]
    [InlineData(" 1_200 ", "1200")]
    [InlineData("0", "0")]
    public void Rates_are_read_like_every_number(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SettingNumbers.Rate(text));

    [Theory]
    [InlineData("-1")]
    [InlineData("$5")]
    [InlineData("1,5")]
    [InlineData("fast")]
    [InlineData("")]
    public void Signs_currency_commas_and_words_are_not_rates(string text) => Assert.Null(SettingNumbers.Rate(text));

    [Theory]
    [InlineData(80, 100, HeadroomLevel.Ok)]
    [InlineData(80.01, 100, HeadroomLevel.Near)]
    [InlineData(100, 100, HeadroomLevel.Near)]
    [InlineData(100.01, 100, HeadroomLevel.Over)]
    public void Above_80_percent_is_near_and_above_100_over(double used, long limit, HeadroomLevel level) =>
        Assert.Equal(level, Headroom.Level(Headroom.Percent((decimal)used, limit)));

    [Fact]
    public void A_call_counts_input_plus_output_against_TPM_and_reserves_only_a_max_output_the_code_sets()
    {
        var set = CallTokens.Of(new CallSiteRecord { InputTokens = 1_200, MaxOutputTokens = 1_000, MaxOutputSource = "set" });
        Assert.Equal(2_200m, set.Against(RateLimitKind.Tpm));
        Assert.Equal(1_200m, set.Against(RateLimitKind.InputTpm));
        Assert.Equal(1_000m, set.Against(RateLimitKind.OutputTpm));
        Assert.Equal(1m, set.Against(RateLimitKind.Rpm));
        Assert.Equal(1_000L, set.ReservedOutput);

        var modelMaximum = CallTokens.Of(new CallSiteRecord { InputTokens = 1_200, MaxOutputTokens = 16_384, MaxOutputSource = "model-maximum" });
        Assert.Null(modelMaximum.ReservedOutput);
        Assert.Equal(17_584m, modelMaximum.Against(RateLimitKind.Tpm));

        var unknown = CallTokens.Of(new CallSiteRecord { InputTokens = 1_200, MaxOutputTokens = null, MaxOutputSource = "unknown" });
        Assert.Null(unknown.Against(RateLimitKind.Tpm));
        Assert.Null(unknown.Against(RateLimitKind.OutputTpm));
    }

    [Fact]
    public void Model_calls_per_request_are_the_sites_calls_per_request_for_now()
    {
        var calls = RequestCalls.ModelCallsPerRequest(new CallSiteRecord { CallsPerRequest = 3m });
        Assert.Equal(3m, calls.Calls);
        Assert.Equal("prompt_budget.calls_per_request", calls.Source);
    }
}
