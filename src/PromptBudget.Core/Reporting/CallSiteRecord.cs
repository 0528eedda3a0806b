using System.Collections.Generic;

namespace PromptBudget.Core.Reporting;

/// <summary>
/// Everything known about one call site, as the analyzer hands it to the MSBuild task: one line
/// of the call-site payload file (<see cref="CallSitePayloadFile"/>), versioned
/// by <see cref="CallSiteRecordJson.SchemaVersion"/>. Its JSON names are in <see cref="CallSiteFieldNames"/>
/// (OpenTelemetry GenAI names where one exists) and every JSON form goes through <see cref="CallSiteFields"/>.
/// </summary>
public sealed class CallSiteRecord
{
    /// <summary>Path of the source file: relative to the project directory in the payload file (forward slashes), else as the compiler saw it.</summary>
    public string File { get; set; } = "";

    /// <summary>1-based line of the call.</summary>
    public int Line { get; set; }

    public int Column { get; set; }

    /// <summary>The containing member (e.g. <c>Support.Bot.AnswerAsync(string)</c>).</summary>
    public string Member { get; set; } = "";

    /// <summary>0-based position of this call among the call sites of the same member, for a stable id.</summary>
    public int Ordinal { get; set; }

    /// <summary>
    /// The mutually exclusive branches of its member the call sits in, outermost first: <c>if#0:1/switch#1:2</c> is
    /// arm 1 (the else) of the member's first <c>if</c>, then arm 2 (the third section) of its second switch
    /// (<c>switch</c> statements and expressions; <c>cond</c> for <c>?:</c>). Calls in different arms of one
    /// branch never run in the same pass, so a per-request total takes the largest arm, not the sum. Null when the
    /// call is in no such branch. Branches inside a loop or a lambda are left out (every arm may run).
    /// </summary>
    public string? Branch { get; set; }

    public string? Feature { get; set; }

    /// <summary>How many times one request of the feature makes this call (weight for feature budgets).</summary>
    public decimal CallsPerRequest { get; set; } = 1m;

    /// <summary>The SDK family that recognised the call (e.g. <c>OpenAI.Chat</c>).</summary>
    public string Sdk { get; set; } = "";

    /// <summary>The model as written or configured; null when it could not be determined.</summary>
    public string? Model { get; set; }

    /// <summary>How the model was found: <c>code</c>, <c>deployment</c>, <c>configuration</c>, <c>default</c> or <c>unknown</c>.</summary>
    public string ModelSource { get; set; } = "code";

    /// <summary>Where a model not written in code came from: the appsettings file(s) and key, or the fallback taken; null for a model in code.</summary>
    public string? ModelSourceDetail { get; set; }

    public string? ResolvedModel { get; set; }

    public string Encoding { get; set; } = "";

    public bool Exact { get; set; }

    public decimal TokenizerFactor { get; set; } = 1m;

    public long StaticTokens { get; set; }

    public long OverheadTokens { get; set; }

    public long BoundedDynamicTokens { get; set; }

    public long AssumedUnboundedTokens { get; set; }

    public long InputTokens { get; set; }

    public int UnboundedSegments { get; set; }

    /// <summary>Tokens of the declared tool definitions (and a provider's hidden tool-use prompt), an estimate.</summary>
    public long ToolTokens { get; set; }

    /// <summary>Tokens of the images at the worst size the code allows.</summary>
    public long ImageTokens { get; set; }

    /// <summary>What was assumed for tools and images (formula, size, detail), <c>; </c>-separated; null when nothing was.</summary>
    public string? Assumptions { get; set; }

    /// <summary>The dynamic segments as written in code, with their bound when known.</summary>
    public List<SegmentRecord> Segments { get; set; } = new();

    /// <summary>Worst-case output tokens (null when they cannot be known).</summary>
    public long? MaxOutputTokens { get; set; }

    /// <summary><c>set</c> (in code), <c>configuration</c> (read from an appsettings file), <c>model-maximum</c> or <c>unknown</c>.</summary>
    public string MaxOutputSource { get; set; } = "unknown";

    /// <summary>For a max output from configuration, the file(s) and key (and the disagreement); for one that cannot be read from configuration, why.</summary>
    public string? MaxOutputSourceDetail { get; set; }

    public long ReasoningTokens { get; set; }

    public long CacheablePrefixTokens { get; set; }

    public long? ContextWindow { get; set; }

    public bool CanOverflowContextWindow { get; set; }

    public long? PriceTierAboveTokens { get; set; }

    public decimal? InputCostUsd { get; set; }

    public decimal? OutputCostUsd { get; set; }

    public decimal? WorstCaseCostUsd { get; set; }

    public decimal? CachedCaseCostUsd { get; set; }

    public decimal? CacheWriteCaseCostUsd { get; set; }

    public string? PriceDate { get; set; }

    /// <summary>A short preview of the prompt's static text (empty when prompts are redacted).</summary>
    public string Preview { get; set; } = "";

    public long? BudgetMaxInputTokens { get; set; }

    public long? BudgetMaxOutputTokens { get; set; }

    public decimal? BudgetMaxCostPerCallUsd { get; set; }

    public List<ViolationRecord> Violations { get; set; } = new();

    /// <summary>A copy whose lists can change without changing this record (their items are shared).</summary>
    public CallSiteRecord Copy()
    {
        var copy = (CallSiteRecord)MemberwiseClone();
        copy.Segments = new List<SegmentRecord>(Segments);
        copy.Violations = new List<ViolationRecord>(Violations);
        return copy;
    }
}

/// <summary>A dynamic segment of a call site's prompt.</summary>
public sealed class SegmentRecord
{
    public string Name { get; set; } = "";

    public long? BoundTokens { get; set; }

    /// <summary>Where the bound comes from: <c>[PromptBound]</c>, <c>PromptBound.Tokens</c>, <c>type int</c>, <c>type double:N2</c>; null when unbounded.</summary>
    public string? BoundSource { get; set; }
}

/// <summary>A broken per-call budget: kind (<c>input-tokens</c>, <c>output-tokens</c>, <c>cost-per-call</c>, <c>unbounded-segment</c>), limit, actual, unit.</summary>
public sealed class ViolationRecord
{
    public string Kind { get; set; } = "";

    public decimal Limit { get; set; }

    public decimal Actual { get; set; }

    public string Unit { get; set; } = "";
}
