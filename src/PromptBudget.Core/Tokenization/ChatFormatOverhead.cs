namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Tokens a chat request adds around the message texts. Constants from OpenAI's cookbook
/// "How to count tokens with tiktoken" (num_tokens_from_messages, for gpt-3.5-turbo-0613, gpt-4 and
/// later, including gpt-4o): every message costs 3 tokens (&lt;|start|&gt;{role}&lt;|message|&gt; … &lt;|end|&gt;), a
/// <c>name</c> adds 1, and every reply is primed with &lt;|start|&gt;assistant&lt;|message|&gt; (3 tokens).
/// Providers that do not publish their framing are given the same constants, counted as an estimate.
/// </summary>
public static class ChatFormatOverhead
{
    public const int TokensPerMessage = 3;
    public const int TokensPerName = 1;
    public const int ReplyPrimingTokens = 3;

    /// <summary>The framing tokens of a request with <paramref name="messages"/> messages, <paramref name="names"/> of them named.</summary>
    public static long For(int messages, int names) =>
        messages == 0 ? 0 : (messages * (long)TokensPerMessage) + (names * (long)TokensPerName) + ReplyPrimingTokens;
}
