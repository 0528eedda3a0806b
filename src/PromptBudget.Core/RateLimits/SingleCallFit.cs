using System.Collections.Generic;

namespace PromptBudget.Core.RateLimits;

/// <summary>
/// Whether one call can pass a per-minute limit at all. OpenAI admits a request against TPM with an estimate that
/// includes its max output tokens; Anthropic reserves max_tokens against OTPM when a request starts and counts its
/// input (cache writes included) against ITPM. A request above the limit by itself is refused every time,
/// whatever the traffic. Only a max output the code sets is counted as reserved: with none set, what the provider
/// reserves is not known here, so the check counts the input alone rather than fail a build on a guess.
/// </summary>
public static class SingleCallFit
{
    public static IEnumerable<RateLimitKind> NeverPassed(RateLimit limit, CallTokens call)
    {
        if (limit.TokensPerMinute is { } tpm && call.Input + (call.ReservedOutput ?? 0) > tpm)
        {
            yield return RateLimitKind.Tpm;
        }

        if (limit.InputTokensPerMinute is { } itpm && call.Input > itpm)
        {
            yield return RateLimitKind.InputTpm;
        }

        if (limit.OutputTokensPerMinute is { } otpm && call.ReservedOutput is { } reserved && reserved > otpm)
        {
            yield return RateLimitKind.OutputTpm;
        }
    }
}
