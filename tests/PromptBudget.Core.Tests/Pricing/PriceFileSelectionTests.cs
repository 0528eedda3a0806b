using System.IO;
using PromptBudget.Core.Pricing;
using Xunit;

namespace PromptBudget.Core.Tests.Pricing;

/// <summary>The one rule the analyzer and the build task share for which AdditionalFiles are price files.</summary>
public class PriceFileSelectionTests
{
    private static readonly string Project = Path.Combine(Path.GetTempPath(), "Shop");

    [Theory]
    [InlineData("promptbudget.prices.json")]
    [InlineData("PromptBudget.Prices.JSON")]
    [InlineData("config/promptbudget.prices.json")]
    public void A_file_of_that_name_is_a_price_file_in_any_folder_and_case(string relative) =>
        Assert.True(PriceFileSelection.IsPriceFile(Path.Combine(Project, relative), configured: null));

    [Fact]
    public void Another_file_is_a_price_file_only_when_PromptBudgetPriceFile_names_it()
    {
        var prices = Path.Combine(Project, "prices.json");

        Assert.False(PriceFileSelection.IsPriceFile(prices, configured: null));
        Assert.False(PriceFileSelection.IsPriceFile(prices, configured: Path.Combine(Project, "other.json")));
        Assert.True(PriceFileSelection.IsPriceFile(prices, configured: "  " + Path.Combine(Project, "sub", "..", "PRICES.json") + " "));
        Assert.True(PriceFileSelection.IsConfigured(prices, Path.Combine(Project, "sub", "..", "prices.json")));
    }

    [Fact]
    public void A_file_named_like_a_price_file_is_not_the_configured_one()
    {
        var named = Path.Combine(Project, "promptbudget.prices.json");

        Assert.True(PriceFileSelection.IsPriceFile(named, configured: Path.Combine(Project, "prices.json")));
        Assert.False(PriceFileSelection.IsConfigured(named, Path.Combine(Project, "prices.json")));
        Assert.False(PriceFileSelection.IsConfigured(named, "   "));
    }

    [Theory]
    [InlineData("bad\0path.json")]
    [InlineData("")]
    public void A_path_that_cannot_be_made_full_is_not_a_price_file_and_does_not_throw(string configured) =>
        Assert.False(PriceFileSelection.IsPriceFile(Path.Combine(Project, "prices.json"), configured));
}
