using PromptBudget.Build.Reports;
using Xunit;

namespace PromptBudget.Build.Tests;

public class NumbersTests
{
    [Theory]
    [InlineData("0.42", "$0.42")]
    [InlineData("0.17", "$0.17")]
    [InlineData("0.175", "$0.175")]
    [InlineData("0.0025", "$0.0025")]
    [InlineData("0.000123456", "$0.000123")]
    [InlineData("0", "$0.00")]
    [InlineData("5000", "$5,000.00")]
    [InlineData("42000.5", "$42,000.50")]
    [InlineData("1.005", "$1.01")]
    public void Dollars_read_well_and_never_round_a_small_cost_to_zero(string value, string expected) =>
        Assert.Equal(expected, Numbers.Usd(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Counts_have_thousands_separators() => Assert.Equal("100,000", Numbers.Count(100000m));
}
