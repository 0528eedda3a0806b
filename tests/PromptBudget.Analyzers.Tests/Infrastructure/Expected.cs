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

    /// <summary>Claude and Gemini: each message's o200k count scaled up by the family's factor, plus the same framing.</summary>
    public static long EstimatedInputTokens(decimal factor, params string[] messages)
    {
        long total = 3;
        foreach (var message in messages)
        {
            total += 4 + (long)decimal.Ceiling(TokenizerRegistry.Count(message, TokenEncoding.O200kBase) * factor);
        }

        return total;
    }

    public static string Tokens(long tokens) => tokens.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The amount as messages print it. These tests check the amount; how an amount reads is checked
    /// with literal strings in the Core tests (NumberTextTests), so the one formatter is used here.
    /// </summary>
    public static string Usd(decimal value) => NumberText.Usd(value);
}
