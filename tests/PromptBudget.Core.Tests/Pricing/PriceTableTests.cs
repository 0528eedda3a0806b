using System.Linq;
using PromptBudget.Core.Pricing;
using Xunit;

namespace PromptBudget.Core.Tests.Pricing;

public class PriceTableTests
{
    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("GPT-4O", "gpt-4o")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o-2024-08-06")]
    [InlineData("gpt-4o-2099-01-01", "gpt-4o")]
    [InlineData("openai/gpt-4o", "gpt-4o")]
    [InlineData("azure/gpt-4.1", "gpt-4.1")]
    [InlineData("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("claude-sonnet-4-5-20991231", "claude-sonnet-4-5")]
    [InlineData("gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [InlineData("vertex_ai/gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("models/gemini-2.5-flash", "gemini-2.5-flash")]
    public void ResolvesDatedPrefixedAndCasedNames(string requested, string resolved)
    {
        var lookup = PriceTable.Default.Lookup(requested);

        Assert.True(lookup.Found);
        Assert.Equal(resolved, lookup.ResolvedId);
    }

    [Fact]
    public void AnUnknownModelIsDistinctWithSuggestionsAndNoPrice()
    {
        var lookup = PriceTable.Default.Lookup("gpt-4o-mnii");

        Assert.False(lookup.Found);
        Assert.Null(lookup.Price);
        Assert.Contains("gpt-4o-mini", lookup.Suggestions);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(300)]
    public void AHugeModelNameGetsNoSuggestionsAndCostsNoEditDistanceWork(int length)
    {
        var table = PriceTable.Build(new[] { EmbeddedPrices.File });

        var lookup = table.Lookup("gpt-" + new string('x', length));

        Assert.False(lookup.Found);
        Assert.Empty(lookup.Suggestions);
        Assert.Equal(0, table.SuggestionCells);
    }

    [Fact]
    public void SuggestionsOnlyCompareNamesOfANearbyLength()
    {
        var table = PriceTable.Build(new[] { EmbeddedPrices.File });

        Assert.Contains("gpt-4o-mini", table.Lookup("gpt-4o-mnii").Suggestions);
        var everyKey = table.Models.Where(m => m.Id.IndexOf('/') < 0).Sum(m => (long)m.Id.Length * "gpt-4o-mnii".Length);
        Assert.InRange(table.SuggestionCells, 1, everyKey / 2);
    }

    [Fact]
    public void TheEmbeddedTableHasEveryRequiredFamilyAndItsDate()
    {
        var ids = PriceTable.Default.Models.Select(m => m.Id).ToList();

        Assert.Equal("2026-07-24", PriceTable.Default.Date);
        Assert.Empty(PriceTable.Default.Errors);
        foreach (var required in new[]
        {
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5", "gpt-5-mini", "gpt-5.1", "gpt-5.4",
            "o1", "o3", "o3-mini", "o4-mini", "gpt-3.5-turbo", "gpt-4", "gpt-4-turbo",
            "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-opus-4-7", "claude-sonnet-5", "claude-3-7-sonnet-20250219",
            "gemini-2.0-flash", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-3-pro-preview", "gemini/gemini-2.5-pro",
        })
        {
            Assert.Contains(required, ids);
        }
    }

    [Fact]
    public void EmbeddedEntriesKeepTheirPrices()
    {
        var price = PriceTable.Default.Lookup("claude-sonnet-4-5").Price!;

        // LiteLLM 2026-07-24.
        Assert.Equal(0.000003m, price.InputCostPerToken);
        Assert.Equal(0.000015m, price.OutputCostPerToken);
        Assert.Equal(0.0000003m, price.CacheReadInputTokenCost);
        Assert.Equal(0.00000375m, price.CacheCreationInputTokenCost);
        Assert.Equal(1024, price.PromptCacheMinTokens);
        var tier = Assert.Single(price.Tiers);
        Assert.Equal(200_000, tier.AboveInputTokens);
        Assert.Equal(0.000006m, tier.InputCostPerToken);
    }

    [Fact]
    public void AUsersFileOverridesFieldByFieldAndAddsModels()
    {
        var user = PriceFileParser.Parse("""
            {
              "gpt-4o": { "input_cost_per_token": 0.000001 },
              "my-finetune": { "input_cost_per_token": 0.00001, "output_cost_per_token": 0.00002, "max_output_tokens": 4096, "litellm_provider": "openai" }
            }
            """, "prices.json");

        var table = PriceTable.WithOverrides(new[] { user });

        var gpt4o = table.Lookup("gpt-4o").Price!;
        Assert.Equal(0.000001m, gpt4o.InputCostPerToken);
        Assert.Equal(0.00001m, gpt4o.OutputCostPerToken);
        Assert.Equal("prices.json", gpt4o.Source);
        Assert.Equal(0.00002m, table.Lookup("my-finetune").Price!.OutputCostPerToken);
        Assert.Equal(0.0000025m, PriceTable.Default.Lookup("gpt-4o").Price!.InputCostPerToken);
    }

    [Fact]
    public void ABadOverrideEntryLeavesTheEmbeddedEntryIntact()
    {
        var user = PriceFileParser.Parse("""{ "gpt-4o": { "input_cost_per_token": -1 } }""", "bad.json");

        var table = PriceTable.WithOverrides(new[] { user });

        Assert.Equal(0.0000025m, table.Lookup("gpt-4o").Price!.InputCostPerToken);
        var error = Assert.Single(table.Errors);
        Assert.Equal("bad.json", error.File);
        Assert.Equal("gpt-4o", error.Entry);
    }
}
