using System.Globalization;

namespace PromptBudget.Analyzers.Infrastructure;

/// <summary>How numbers read in messages: "3,412" tokens, "$0.1725".</summary>
internal static class Formatting
{
    public static string Tokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    public static string Usd(decimal? amount)
    {
        if (amount is not { } value)
        {
            return "unknown";
        }

        var format = value >= 0.01m || value == 0 ? "0.00##" : "0.00####";
        return "$" + value.ToString(format, CultureInfo.InvariantCulture);
    }
}
