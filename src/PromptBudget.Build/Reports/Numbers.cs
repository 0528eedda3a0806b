using System;
using System.Globalization;

namespace PromptBudget.Build.Reports;

/// <summary>How amounts and counts read in messages and reports (invariant culture, so the same everywhere).</summary>
public static class Numbers
{
    /// <summary>
    /// Dollars: two decimals from $1 up (<c>$5,000.00</c>); below that, three significant digits and at
    /// least two decimals (<c>$0.42</c>, <c>$0.175</c>, <c>$0.00123</c>), so small per-call costs do not read as $0.
    /// </summary>
    public static string Usd(decimal value)
    {
        var sign = value < 0 ? "-" : "";
        var abs = Math.Abs(value);
        if (abs >= 1m)
        {
            return sign + "$" + abs.ToString("#,0.00", CultureInfo.InvariantCulture);
        }

        if (abs == 0m)
        {
            return "$0.00";
        }

        var decimals = 2;
        var scaled = abs * 100m;
        while (scaled < 100m && decimals < 8)
        {
            scaled *= 10m;
            decimals++;
        }

        var rounded = Math.Round(abs, decimals, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
        // Trim zeros beyond the second decimal: 0.250 → 0.25, 0.00120 → 0.0012.
        var dot = text.IndexOf('.');
        var end = text.Length;
        while (end > dot + 3 && text[end - 1] == '0')
        {
            end--;
        }

        return sign + "$" + text.Substring(0, end);
    }

    public static string Usd(decimal? value) => value is { } v ? Usd(v) : "unknown";

    /// <summary>A count with thousands separators: <c>100,000</c>; fractions kept (<c>1.5</c>).</summary>
    public static string Count(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Count(long? value) => value is { } v ? Count(v) : "unknown";

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 prompt", "3 prompts".</summary>
    public static string Prompts(int count) => count == 1 ? "1 prompt" : Int(count) + " prompts";
}
