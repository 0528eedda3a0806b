namespace PromptBudget.Core.RateLimits;

/// <summary>The four per-minute limits, in the order reports show them.</summary>
public enum RateLimitKind
{
    /// <summary>Requests per minute.</summary>
    Rpm,

    /// <summary>Tokens per minute, input plus output (OpenAI).</summary>
    Tpm,

    /// <summary>Input tokens per minute (Anthropic ITPM).</summary>
    InputTpm,

    /// <summary>Output tokens per minute (Anthropic OTPM).</summary>
    OutputTpm,
}

/// <summary>Names and values of <see cref="RateLimitKind"/>.</summary>
public static class RateLimitKinds
{
    public static readonly RateLimitKind[] All = { RateLimitKind.Rpm, RateLimitKind.Tpm, RateLimitKind.InputTpm, RateLimitKind.OutputTpm };

    /// <summary>The item's metadata name: <c>Rpm</c>, <c>Tpm</c>, <c>InputTpm</c>, <c>OutputTpm</c>.</summary>
    public static string Attribute(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Rpm => "Rpm",
        RateLimitKind.Tpm => "Tpm",
        RateLimitKind.InputTpm => "InputTpm",
        _ => "OutputTpm",
    };

    /// <summary>The provider dashboards' abbreviation: RPM, TPM, ITPM, OTPM.</summary>
    public static string Label(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Rpm => "RPM",
        RateLimitKind.Tpm => "TPM",
        RateLimitKind.InputTpm => "ITPM",
        _ => "OTPM",
    };

    /// <summary>What is counted against it, in words: "requests per minute", "input tokens per minute".</summary>
    public static string Counted(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Rpm => "requests per minute",
        RateLimitKind.Tpm => "tokens per minute (input + output)",
        RateLimitKind.InputTpm => "input tokens per minute",
        _ => "output tokens per minute",
    };

    public static long? Of(RateLimit limit, RateLimitKind kind) => kind switch
    {
        RateLimitKind.Rpm => limit.RequestsPerMinute,
        RateLimitKind.Tpm => limit.TokensPerMinute,
        RateLimitKind.InputTpm => limit.InputTokensPerMinute,
        _ => limit.OutputTokensPerMinute,
    };
}
