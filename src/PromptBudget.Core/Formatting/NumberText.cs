using System;
using System.Globalization;

namespace PromptBudget.Core.Formatting;

/// <summary>
/// How money and counts read everywhere a user sees them: the analyzer's messages, the build's
/// findings and the Markdown and HTML reports. Invariant culture, so a build log reads the same on
/// every machine, and one rule, so the IDE and a report never show one cost two ways.
/// </summary>
public static class NumberText
{
    /// <summary>The significant digits a cost under $1 keeps.</summary>
    private const int SmallCostDigits = 4;

    /// <summary>
    /// Dollars. From $1 up: two decimals with thousands separators (<c>$1.73</c>, <c>$5,000.00</c>).
    /// Under $1: four significant digits, at least two decimals, zeros after the second decimal
    /// dropped (<c>$0.1725</c>, <c>$0.42</c>, <c>$0.0525</c>, <c>$0.00001235</c>). Four digits because a
    /// per-call cost is tokens times a price of about that precision, so the figure matches a hand
    /// check and two prompts that cost differently never print the same; and a nonzero cost never
    /// prints as <c>$0.00</c>. Halves round away from zero; negative amounts keep their sign.
    /// </summary>
    public static string Usd(decimal value)
    {
        var sign = value < 0 ? "-" : "";
        var abs = Math.Abs(value);
        if (abs == 0m)
        {
            return "$0.00";
        }

        if (abs >= 1m)
        {
            return sign + "$" + Math.Round(abs, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);
        }

        // Enough decimals that the first SmallCostDigits significant digits are kept (decimal has 28,
        // so the smallest nonzero amount still shows a digit).
        var decimals = 2;
        var scaled = abs * 100m;
        while (scaled < Pow10(SmallCostDigits - 1) && decimals < 28)
        {
            scaled *= 10m;
            decimals++;
        }

        var text = Math.Round(abs, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        var end = text.Length;
        while (end > dot + 3 && text[end - 1] == '0')
        {
            end--;
        }

        return sign + "$" + text.Substring(0, end);
    }

    /// <summary>Dollars, or <c>unknown</c> when the amount cannot be known (e.g. an unpriced model).</summary>
    public static string Usd(decimal? value) => value is { } v ? Usd(v) : "unknown";

    /// <summary>A count with thousands separators: <c>16,384</c>.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Count(long? value) => value is { } v ? Count(v) : "unknown";

    /// <summary>
    /// A token count as the analyzer and the reports show it: exact <c>1,234</c>; estimated <c>~78</c>, and with the
    /// upper bound its margin gives <c>~78, ≤ 82</c>. <paramref name="unit"/> follows the count (<c>~78 input tokens, ≤ 82</c>).
    /// </summary>
    public static string Tokens(long tokens, long? upperBound, bool exact, string unit = "") =>
        (exact ? "" : "~") + Count(tokens) + unit + (upperBound is { } upper && upper > tokens ? ", ≤ " + Count(upper) : "");

    /// <summary>A count that can have a fraction (calls per request): <c>100,000</c>, <c>1.5</c>.</summary>
    public static string Count(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>1 prompt</c>, <c>3 prompts</c>.</summary>
    public static string Prompts(int count) => count == 1 ? "1 prompt" : Int(count) + " prompts";

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
