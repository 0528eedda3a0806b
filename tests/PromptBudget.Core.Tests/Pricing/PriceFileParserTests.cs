using PromptBudget.Core.Pricing;
using Xunit;

namespace PromptBudget.Core.Tests.Pricing;

public class PriceFileParserTests
{
    [Fact]
    public void NotJsonIsOneErrorNamingTheFileAndLine()
    {
        var file = PriceFileParser.Parse("{\n  \"gpt-4o\": {\n    \"input_cost_per_token\": 1e-6,\n  oops\n}", "my-prices.json");

        var error = Assert.Single(file.Errors);
        Assert.Equal("my-prices.json", error.File);
        Assert.Null(error.Entry);
        Assert.Equal(4, error.Line);
        Assert.Contains("not valid JSON", error.Message);
        Assert.Equal(0, file.EntryCount);
    }

    [Fact]
    public void RootMustBeAnObject()
    {
        var file = PriceFileParser.Parse("[1, 2]", "list.json");

        Assert.Contains("JSON object", Assert.Single(file.Errors).Message);
    }

    [Theory]
    [InlineData("\"input_cost_per_token\": \"abc\"", "input_cost_per_token", "is not a number")]
    [InlineData("\"output_cost_per_token\": -0.5", "output_cost_per_token", "negative")]
    [InlineData("\"max_output_tokens\": 10.5", "max_output_tokens", "whole number")]
    [InlineData("\"input_cost_per_token_above_200k_tokens\": true", "input_cost_per_token_above_200k_tokens", "is not a number")]
    [InlineData("\"input_cost_per_token\": 1e28", "input_cost_per_token", "above the sane limit of $1 per token")]
    [InlineData("\"output_cost_per_token\": 2.5", "output_cost_per_token", "above the sane limit of $1 per token")]
    [InlineData("\"input_cost_per_token\": 1e30", "input_cost_per_token", "out of range")]
    [InlineData("\"max_input_tokens\": 1e12", "max_input_tokens", "above the sane limit of 1,000,000,000 tokens")]
    [InlineData("\"max_output_tokens\": 9223372036854775807", "max_output_tokens", "above the sane limit")]
    public void ABadFieldNamesFileEntryAndFieldAndTheRestStillLoads(string badField, string field, string message)
    {
        var text = "{\n \"good-model\": { \"input_cost_per_token\": 1e-6, \"output_cost_per_token\": 2e-6 },\n \"bad-model\": { " + badField + " }\n}";

        var file = PriceFileParser.Parse(text, "prices.json");
        var table = PriceTable.Build(new[] { file });

        var error = Assert.Single(file.Errors);
        Assert.Equal("prices.json", error.File);
        Assert.Equal("bad-model", error.Entry);
        Assert.Equal(field, error.Field);
        Assert.Equal(3, error.Line);
        Assert.Contains(message, error.Message);
        Assert.True(table.Lookup("good-model").Found);
        Assert.False(table.Lookup("bad-model").Found);
        Assert.Contains("bad-model", error.ToString());
    }

    [Fact]
    public void AnEntryThatIsNotAnObjectIsAnError()
    {
        var file = PriceFileParser.Parse("{ \"m\": 5, \"n\": { \"input_cost_per_token\": 1e-6 } }", "p.json");

        Assert.Equal("m", Assert.Single(file.Errors).Entry);
        Assert.Equal(1, file.EntryCount);
    }

    [Fact]
    public void TierFieldsBecomeTiersAndQualifiedVariantsDoNot()
    {
        var file = PriceFileParser.Parse("""
            { "m": { "input_cost_per_token": 1e-6, "input_cost_per_token_above_128k_tokens": 2e-6,
                     "input_cost_per_token_above_200k_tokens_priority": 9e-6, "cache_creation_input_token_cost_above_1hr": 5e-6 } }
            """, "p.json");

        var price = PriceTable.Build(new[] { file }).Lookup("m").Price!;

        var tier = Assert.Single(price.Tiers);
        Assert.Equal(128_000, tier.AboveInputTokens);
        Assert.Equal(0.000002m, tier.InputCostPerToken);
        Assert.Null(price.TierFor(128_000));
        Assert.Same(tier, price.TierFor(128_001));
    }

    [Fact]
    public void PricesAreExactDecimals()
    {
        var file = PriceFileParser.Parse("""{ "m": { "input_cost_per_token": 1.25e-06, "output_cost_per_token": 0.00001 } }""", "p.json");

        var price = PriceTable.Build(new[] { file }).Lookup("m").Price!;

        Assert.Equal(0.00000125m, price.InputCostPerToken);
        Assert.Equal(0.00001m, price.OutputCostPerToken);
    }
}
