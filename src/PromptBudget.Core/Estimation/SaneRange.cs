using System;

namespace PromptBudget.Core.Estimation;

/// <summary>
/// The range a token count or a price can sanely have, and arithmetic that cannot wrap. A value outside
/// the range (a negative token count, a bound above 10^9 tokens, a price above $1 per token) is a
/// mistake in code, settings or a price file: it is reported (PB1010, PB2001, PB2002) and not used.
/// Sums and products of token counts saturate at <see cref="long.MaxValue"/> instead of wrapping, and
/// amounts saturate at <see cref="decimal.MaxValue"/> instead of throwing, so no input can turn a worst
/// case negative or small.
/// </summary>
public static class SaneRange
{
    /// <summary>The largest token count a setting, a bound or a max output may state (10^9; the largest context windows are ~10^7).</summary>
    public const long MaxTokens = 1_000_000_000;

    /// <summary>The largest price per token a price file may state ($1; the dearest listed models cost ~$0.0006).</summary>
    public const decimal MaxUsdPerToken = 1m;

    public static bool IsSaneTokenCount(long tokens) => tokens >= 0 && tokens <= MaxTokens;

    /// <summary>Why <paramref name="tokens"/> is not a usable token count, or null when it is.</summary>
    public static string? TokenCountProblem(long tokens) => tokens < 0
        ? "a token count cannot be negative"
        : tokens > MaxTokens ? "above the sane limit of 1,000,000,000 tokens" : null;

    /// <summary>a + b, saturating at <see cref="long.MaxValue"/> (both are expected non-negative; negatives count as 0).</summary>
    public static long Add(long a, long b)
    {
        a = Math.Max(0, a);
        b = Math.Max(0, b);
        return a > long.MaxValue - b ? long.MaxValue : a + b;
    }

    /// <summary>a × b, saturating at <see cref="long.MaxValue"/> (negatives count as 0).</summary>
    public static long Multiply(long a, long b)
    {
        a = Math.Max(0, a);
        b = Math.Max(0, b);
        return a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
    }

    /// <summary>tokens × price, saturating at <see cref="decimal.MaxValue"/> (a token count is at most ~9.2e18, so this only saturates with an absurd price).</summary>
    public static decimal Cost(long tokens, decimal pricePerToken)
    {
        try
        {
            return Math.Max(0, tokens) * pricePerToken;
        }
        catch (OverflowException)
        {
            return pricePerToken < 0 ? decimal.MinValue : decimal.MaxValue;
        }
    }

    /// <summary>a + b for amounts, saturating instead of throwing.</summary>
    public static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a > 0 ? decimal.MaxValue : decimal.MinValue;
        }
    }
}
