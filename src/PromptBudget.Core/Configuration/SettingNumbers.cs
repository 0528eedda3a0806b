using System.Globalization;

namespace PromptBudget.Core.Configuration;

/// <summary>
/// The one way PromptBudget reads a number a user wrote, in .editorconfig keys, MSBuild properties and
/// item metadata alike: invariant culture, a '.' decimal point, no thousands separators. A comma is
/// refused rather than guessed: "0,001" is a thousandth in much of Europe and a thousand in the US, and
/// a budget read a thousand times looser than written is worse than a clear error. '_' may group
/// digits (1_000_000), and an amount may start with '$'.
/// </summary>
public static class SettingNumbers
{
    /// <summary>What every message about a bad amount says is expected.</summary>
    public const string AmountExpected = "a non-negative amount in USD with a '.' decimal point and no thousands separator, e.g. 0.05";

    /// <summary>What every message about a bad plain number (a count per month, a percentage, days) says is expected.</summary>
    public const string NumberExpected = "a non-negative number with a '.' decimal point and no thousands separator, e.g. 30 or 2.5";

    /// <summary>What every message about a bad count says is expected.</summary>
    public const string CountExpected = "a whole, non-negative number with no separator but '_', e.g. 4000 or 4_000";

    /// <summary>What every message about a bad rate (requests per minute) says is expected.</summary>
    public const string RateExpected = "a non-negative number with a '.' decimal point and no thousands separator, e.g. 120 or 0.5";

    private const NumberStyles Decimal = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint;
    private const NumberStyles Whole = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>A non-negative amount ("0.05", "$0.05", "1_000.50"); null when the text is not one.</summary>
    public static decimal? Amount(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = text.Trim();
        if (cleaned.StartsWith("$", System.StringComparison.Ordinal))
        {
            cleaned = cleaned.Substring(1);
        }

        cleaned = Ungroup(cleaned);
        return cleaned.Length > 0 && decimal.TryParse(cleaned, Decimal, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A non-negative rate such as requests per minute ("120", "0.5", "1_200"); no '$'. Null when the text is not one.</summary>
    public static decimal? Rate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = Ungroup(text.Trim());
        return cleaned.Length > 0 && decimal.TryParse(cleaned, Decimal, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A whole, non-negative count ("4000", "4_000"); null when the text is not one.</summary>
    public static long? Count(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = Ungroup(text.Trim());
        return cleaned.Length > 0 && long.TryParse(cleaned, Whole, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // '_' groups digits as in C# literals; it may not start or end the number.
    private static string Ungroup(string text) =>
        text.Length > 0 && text[0] != '_' && text[text.Length - 1] != '_' ? text.Replace("_", "") : text;
}
