namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Tokens a chat request adds around the message texts. Constants from OpenAI's cookbook
/// "How to count tokens with tiktoken" (num_tokens_from_messages, for gpt-3.5-turbo-0613, gpt-4 and
/// later, including gpt-4o): every message costs 3 tokens of framing plus the tokens of its role name (the
/// cookbook encodes every value of the message, the role included: "system", "user", "assistant", "developer"
/// and "tool" are one token each in o200k_base and cl100k_base), a <c>name</c> adds 1, and every reply is primed
/// with &lt;|start|&gt;assistant&lt;|message|&gt; (3 tokens). The cookbook's examples confirm it against the API
/// (129 tokens for its six-message example, 101 for its two messages with one tool on gpt-4o).
/// Providers that do not publish their framing are given the same constants, counted as an estimate.
/// </summary>
public static class ChatFormatOverhead
{
    public const int TokensPerMessage = 3;

    /// <summary>The role name's own token (every role is one token in both encodings).</summary>
    public const int TokensPerRole = 1;

    /// <summary>Framing and role of one message.</summary>
    public const int TokensPerMessageWithRole = TokensPerMessage + TokensPerRole;
    public const int TokensPerName = 1;
    public const int ReplyPrimingTokens = 3;
}
