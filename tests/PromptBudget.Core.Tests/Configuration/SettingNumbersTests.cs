using PromptBudget.Core.Configuration;
using Xunit;

namespace PromptBudget.Core.Tests.Configuration;

public class SettingNumbersTests
{
    [Theory]
    [InlineData("0.05", "0.05")]
    [InlineData(" $0.25 ", "0.25")]
    [InlineData("1_000.5", "1000.5")]
    [InlineData("3", "3")]
    public void Amounts_with_a_decimal_point_are_read(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SettingNumbers.Amount(text));

    [Theory]
    [InlineData("0,001")]
    [InlineData("1,000.5")]
    [InlineData("-0.1")]
    [InlineData("1e-3")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("_5")]
    [InlineData("$")]
    public void Commas_signs_exponents_and_words_are_refused_not_guessed(string text) =>
        Assert.Null(SettingNumbers.Amount(text));

    [Theory]
    [InlineData("4000", 4000L)]
    [InlineData("4_000", 4000L)]
    [InlineData(" 12 ", 12L)]
    public void Counts_are_whole_numbers(string text, long expected) => Assert.Equal(expected, SettingNumbers.Count(text));

    [Theory]
    [InlineData("1,000")]
    [InlineData("1.5")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void Other_counts_are_refused(string text) => Assert.Null(SettingNumbers.Count(text));
}
