namespace PromptBudget.Core.RateLimits;

/// <summary>
/// A provider's per-minute limits for a model or a pool of models, as the user stated them (a
/// <c>PromptBudgetRateLimit</c> item). OpenAI (and Azure OpenAI) limit requests and tokens per minute: RPM and
/// TPM, TPM counting input and output together. Anthropic limits requests, input tokens and output tokens per
/// minute separately: RPM, ITPM and OTPM. A null limit is not stated and not checked.
/// </summary>
public sealed class RateLimit
{
    public RateLimit(ModelPattern models, long? requestsPerMinute, long? tokensPerMinute, long? inputTokensPerMinute, long? outputTokensPerMinute)
    {
        Models = models;
        RequestsPerMinute = requestsPerMinute;
        TokensPerMinute = tokensPerMinute;
        InputTokensPerMinute = inputTokensPerMinute;
        OutputTokensPerMinute = outputTokensPerMinute;
    }

    public ModelPattern Models { get; }

    /// <summary>RPM (<c>Rpm</c>).</summary>
    public long? RequestsPerMinute { get; }

    /// <summary>TPM, input plus output (<c>Tpm</c>).</summary>
    public long? TokensPerMinute { get; }

    /// <summary>ITPM (<c>InputTpm</c>).</summary>
    public long? InputTokensPerMinute { get; }

    /// <summary>OTPM (<c>OutputTpm</c>).</summary>
    public long? OutputTokensPerMinute { get; }

    public bool HasAny => RequestsPerMinute is not null || TokensPerMinute is not null || InputTokensPerMinute is not null || OutputTokensPerMinute is not null;
}
