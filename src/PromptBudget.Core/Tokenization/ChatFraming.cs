namespace PromptBudget.Core.Tokenization;

/// <summary>
/// The tokens a provider adds around the message texts of one request: once per request, once per message
/// (its framing and its role name), once per participant name. Each provider's rule is written in
/// <see cref="Rule"/>, which the reports show.
/// </summary>
public sealed class ChatFraming
{
    /// <summary>
    /// OpenAI (exact): the cookbook's <c>num_tokens_from_messages</c>, see <see cref="ChatFormatOverhead"/>:
    /// 3 per message plus the role's token, 1 per name, 3 priming the reply.
    /// </summary>
    public static readonly ChatFraming OpenAI = new(
        ChatFormatOverhead.ReplyPrimingTokens, ChatFormatOverhead.TokensPerMessageWithRole, ChatFormatOverhead.TokensPerName,
        "openai-cookbook: 3 per request + (3 + role) per message + 1 per name");

    /// <summary>
    /// Claude 3.x–4.x: ai-tokenizer 1.0.6's fit against Anthropic's API (src/models.json, every anthropic/* model:
    /// <c>baseOverhead</c> 6, <c>perMessage</c> 2, and its <c>count()</c> adds the role's tokens, 1 for every role in
    /// the Claude vocabulary). Anthropic has no participant names.
    /// </summary>
    public static readonly ChatFraming Claude = new(6, 2 + ChatFormatOverhead.TokensPerRole, 0,
        "ai-tokenizer 1.0.6 claude fit: 6 per request + (2 + role) per message");

    /// <summary>
    /// Gemini 2.0, 2.5 and 3: ai-tokenizer 1.0.6's fit against Google's API (google/gemini-2.0-flash, -2.5-flash,
    /// -2.5-flash-lite, -2.5-pro, -3-pro-preview: <c>baseOverhead</c> −1, <c>perMessage</c> −1, plus the role's
    /// o200k token): −1 per request and 0 per message. A fit, not a framing Google publishes.
    /// </summary>
    public static readonly ChatFraming Gemini = new(-1, -1 + ChatFormatOverhead.TokensPerRole, 0,
        "ai-tokenizer 1.0.6 gemini fit: -1 per request + (-1 + role) per message");

    /// <summary>Gemini 2.5 Flash and Flash-Lite previews of 09-2025: ai-tokenizer 1.0.6's separate fit (<c>baseOverhead</c> 0, <c>perMessage</c> 0).</summary>
    public static readonly ChatFraming GeminiPreview092025 = new(0, ChatFormatOverhead.TokensPerRole, 0,
        "ai-tokenizer 1.0.6 gemini-2.5 preview-09-2025 fit: 0 per request + (0 + role) per message");

    /// <summary>Any other model: OpenAI's constants, as an estimate (no published framing).</summary>
    public static readonly ChatFraming OpenAIAsEstimate = new(
        ChatFormatOverhead.ReplyPrimingTokens, ChatFormatOverhead.TokensPerMessageWithRole, ChatFormatOverhead.TokensPerName,
        "openai-cookbook constants as an estimate: 3 per request + (3 + role) per message + 1 per name");

    private ChatFraming(int perRequest, int perMessage, int perName, string rule)
    {
        PerRequest = perRequest;
        PerMessage = perMessage;
        PerName = perName;
        Rule = rule;
    }

    /// <summary>Tokens once per request with at least one message (may be negative in a fit).</summary>
    public int PerRequest { get; }

    /// <summary>Tokens per message, its role name included.</summary>
    public int PerMessage { get; }

    public int PerName { get; }

    /// <summary>The rule, for reports (e.g. <c>ai-tokenizer 1.0.6 claude fit: 6 per request + (2 + role) per message</c>).</summary>
    public string Rule { get; }

    /// <summary>The framing tokens of a request with <paramref name="messages"/> messages, <paramref name="names"/> of them named.</summary>
    public long For(int messages, int names) =>
        messages == 0 ? 0 : PerRequest + (messages * (long)PerMessage) + (names * (long)PerName);
}
