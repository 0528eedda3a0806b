using PromptBudget.Core.Reporting;

namespace PromptBudget.Core.RateLimits;

/// <summary>
/// The tokens one call counts against per-minute limits, from its call-site record. Input is the worst case the
/// cost uses (tools, images and bounded parts included; cached input is counted too, since a cold cache is the
/// worst case and a cache write counts toward ITPM). Output is the max output the cost uses (the model's maximum
/// when the code sets none); <see cref="ReservedOutput"/> is only a max output the code sets, which is what the
/// provider reserves when it admits the request.
/// </summary>
public readonly struct CallTokens
{
    private CallTokens(long input, bool inputLowerBound, long? output, long? reservedOutput)
    {
        Input = input;
        InputLowerBound = inputLowerBound;
        Output = output;
        ReservedOutput = reservedOutput;
    }

    public long Input { get; }

    /// <summary>A part of the prompt has no size bound: <see cref="Input"/> leaves it out.</summary>
    public bool InputLowerBound { get; }

    /// <summary>Worst-case output tokens; null when they cannot be known.</summary>
    public long? Output { get; }

    /// <summary>The max output tokens the code sets (the request's <c>max_tokens</c>); null when it sets none.</summary>
    public long? ReservedOutput { get; }

    public static CallTokens Of(CallSiteRecord r) =>
        new(
            r.WorstCaseInputTokens,
            r.UnboundedSegments > 0 && r.AssumedUnboundedTokens == 0,
            r.MaxOutputTokens,
            r.MaxOutputSource == "set" ? r.MaxOutputTokens : null);

    /// <summary>What one call counts against a limit of this kind; null when it cannot be known (output unknown).</summary>
    public decimal? Against(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Rpm => 1m,
        RateLimitKind.Tpm => Output is { } o ? (decimal)Input + o : null,
        RateLimitKind.InputTpm => Input,
        _ => Output,
    };
}
