using System.Globalization;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>
/// Expected numbers for PB0001 messages, computed in the test from prices written out by hand
/// (LiteLLM file of 2026-07-24) and from token counts that the Core tests check against tiktoken.
/// </summary>
public static class Expected
{
    /// <summary>OpenAI's framing: 3 tokens per message and 1 for its role, plus 3 for the reply priming.</summary>
    public static long OpenAIInputTokens(params string[] messages)
    {
        long total = 3;
        foreach (var message in messages)
        {
            total += 4 + TokenizerRegistry.Count(message, TokenEncoding.O200kBase);
        }

        return total;
    }

    /// <summary>
    /// Claude 3.x–4.6 (ai-tokenizer 1.0.6's fit): each message's count in the legacy Claude vocabulary × 1.1, rounded
    /// half up, plus 2 per message and 1 for its role, plus 6 per request. The Core tests check the vocabulary's counts
    /// and the fit against ai-tokenizer itself.
    /// </summary>
    public static long ClaudeInputTokens(params string[] messages)
    {
        long total = 6;
        foreach (var message in messages)
        {
            total += 3 + Round(TokenizerRegistry.Count(message, TokenEncoding.Claude) * 1.1m);
        }

        return total;
    }

    /// <summary>Gemini 2.x/3 (ai-tokenizer 1.0.6's fit): each message's o200k count × 1.08, rounded half up, 0 per message, −1 per request.</summary>
    public static long GeminiInputTokens(params string[] messages)
    {
        long total = -1;
        foreach (var message in messages)
        {
            total += Round(TokenizerRegistry.Count(message, TokenEncoding.O200kBase) * 1.08m);
        }

        return System.Math.Max(0, total);
    }

    /// <summary>A model of no known family: each message's o200k count × 1.35, rounded half up, with OpenAI's framing.</summary>
    public static long GenericInputTokens(params string[] messages)
    {
        long total = 3;
        foreach (var message in messages)
        {
            total += 4 + Round(TokenizerRegistry.Count(message, TokenEncoding.O200kBase) * 1.35m);
        }

        return total;
    }

    /// <summary>The upper bound of an estimate whose every token was estimated: the count plus the margin, rounded up.</summary>
    public static long UpperBound(long estimated, decimal margin) => estimated + (long)decimal.Ceiling(estimated * margin);

    /// <summary>PB0001's input part for an exact count: <c>1,234 input tokens</c>.</summary>
    public static string InputTokens(long tokens) => Tokens(tokens) + " input tokens";

    /// <summary>PB0001's input part for an estimate: <c>~78 input tokens, ≤ 82</c>, or <c>~78 input tokens</c> without a margin.</summary>
    public static string EstimatedInputTokens(long tokens, long upper) =>
        "~" + Tokens(tokens) + " input tokens" + (upper > tokens ? ", ≤ " + Tokens(upper) : "");

    private static long Round(decimal value) => (long)System.Math.Round(value, System.MidpointRounding.AwayFromZero);

    public static string Tokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The amount as messages print it. These tests check the amount; how an amount reads is checked
    /// with literal strings in the Core tests (NumberTextTests), so the one formatter is used here.
    /// </summary>
    public static string Usd(decimal value) => NumberText.Usd(value);
}
