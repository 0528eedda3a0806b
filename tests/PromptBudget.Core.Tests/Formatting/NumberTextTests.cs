using System.Globalization;
using PromptBudget.Core.Formatting;
using Xunit;

namespace PromptBudget.Core.Tests.Formatting;

public class NumberTextTests
{
    [Theory]
    [InlineData("0.1725", "$0.1725")] // PB1003's gpt-4o example: the IDE and the reports print this, not $0.173
    [InlineData("0.17253", "$0.1725")]
    [InlineData("0.16384", "$0.1638")]
    [InlineData("0.42", "$0.42")]
    [InlineData("0.17", "$0.17")]
    [InlineData("0.0525", "$0.0525")]
    [InlineData("0.005", "$0.005")]
    [InlineData("0.000123456", "$0.0001235")]
    [InlineData("0.00000000001", "$0.00000000001")]
    [InlineData("0.99996", "$1.00")]
    [InlineData("0", "$0.00")]
    [InlineData("1", "$1.00")]
    [InlineData("1.005", "$1.01")]
    [InlineData("1.7253", "$1.73")]
    [InlineData("5000", "$5,000.00")]
    [InlineData("42000.5", "$42,000.50")]
    [InlineData("-0.1725", "-$0.1725")]
    public void Dollars_keep_four_significant_digits_under_one_dollar_and_cents_above(string value, string expected) =>
        Assert.Equal(expected, NumberText.Usd(decimal.Parse(value, CultureInfo.InvariantCulture)));

    [Fact]
    public void The_smallest_nonzero_amount_is_not_zero() =>
        Assert.NotEqual("$0.00", NumberText.Usd(0.0000000000000000000000000001m));

    [Fact]
    public void Unknown_amounts_and_counts_say_so()
    {
        Assert.Equal("unknown", NumberText.Usd(null));
        Assert.Equal("unknown", NumberText.Count((long?)null));
    }

    [Fact]
    public void Counts_have_thousands_separators_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("100,000", NumberText.Count(100000L));
            Assert.Equal("1.5", NumberText.Count(1.5m));
            Assert.Equal("$5,000.00", NumberText.Usd(5000m));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(1234L, null, true, " input tokens", "1,234 input tokens")]
    [InlineData(78L, 82L, false, " input tokens", "~78 input tokens, ≤ 82")]
    [InlineData(78L, 82L, false, "", "~78, ≤ 82")]
    [InlineData(12345L, 12654L, false, "", "~12,345, ≤ 12,654")]
    [InlineData(78L, 78L, false, "", "~78")]
    [InlineData(78L, null, false, "", "~78")]
    public void Token_counts_show_an_estimate_and_its_upper_bound(long tokens, long? upper, bool exact, string unit, string expected) =>
        Assert.Equal(expected, NumberText.Tokens(tokens, upper, exact, unit));
}
