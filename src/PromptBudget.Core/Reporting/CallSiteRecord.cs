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

    /// <summary>A prompt file's template language (<c>semantic-kernel</c>, <c>handlebars</c>, <c>liquid</c>, <c>jinja2</c>, <c>mustache</c>); null for a call in code.</summary>
    public string? TemplateFormat { get; set; }

    /// <summary>A prompt file's C# loaders (<c>Program.cs:14 (path 'Prompts/x.prompty')</c>, separated by "; "); null when no code loads it in view.</summary>
    public string? LoadedBy { get; set; }

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

    /// <summary>All input tokens: exact, or for an estimated tokenizer the reference fit's count (<c>~N</c>).</summary>
    public long InputTokens { get; set; }

    /// <summary>
    /// The upper bound of an estimated input count (the count plus the tokenizer family's margin), which the worst-case
    /// cost and the input budget use; null for exact counts and estimates without a margin.
    /// </summary>
    public long? InputTokensUpperBound { get; set; }

    /// <summary>The tokenizer family's error margin as a fraction (0.025 = 2.5%); null for exact counts.</summary>
    public decimal? TokenizerMargin { get; set; }

    /// <summary>The chat framing rule used for <see cref="OverheadTokens"/> (e.g. <c>openai-cookbook: …</c>); null in older payloads.</summary>
    public string? Framing { get; set; }

    /// <summary>The input tokens of the worst case: the upper bound of an estimate, else the count.</summary>
    public long WorstCaseInputTokens => InputTokensUpperBound is { } upper && upper > InputTokens ? upper : InputTokens;

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

    /// <summary>
    /// The iteration cap of the automatic tool loop the call runs through (Microsoft.Extensions.AI's
    /// <c>MaximumIterationsPerRequest</c>, Semantic Kernel's auto-invoke attempts): the most model calls one request makes.
    /// Null for a plain call, and for a loop whose cap cannot be known (then <see cref="LoopIterationCapSource"/> is <c>unknown</c>).
    /// </summary>
    public long? LoopIterationCap { get; set; }

    /// <summary>Where the cap comes from: <c>literal</c>, <c>configuration</c>, <c>library-default</c> or <c>unknown</c>; null for a plain call.</summary>
    public string? LoopIterationCapSource { get; set; }

    /// <summary>What sets the cap, in words: the setting and file, or the library and the version the project references.</summary>
    public string? LoopIterationCapDetail { get; set; }

    /// <summary>Tokens of tool results each loop iteration adds to the conversation (<c>prompt_budget.tool_result_tokens</c>).</summary>
    public long? ToolResultTokens { get; set; }

    /// <summary>True when <see cref="ToolResultTokens"/> is PromptBudget's default, not a value the project set.</summary>
    public bool ToolResultTokensAssumed { get; set; }

    /// <summary>Model calls one request of the call makes at worst (the loop's cap; 1 for a plain call).</summary>
    public long? RequestModelCalls { get; set; }

    /// <summary>All input tokens of one request at worst, every model call of the loop added up.</summary>
    public long? RequestInputTokens { get; set; }

    /// <summary>All output tokens of one request at worst.</summary>
    public long? RequestOutputTokens { get; set; }

    /// <summary>The worst case of one request: every model call of the loop (see <see cref="Estimation.RequestWorstCase"/>); null when unknown.</summary>
    public decimal? RequestWorstCaseCostUsd { get; set; }

    /// <summary>True when the call runs through an automatic tool loop (its cap may still be unknown).</summary>
    public bool HasToolLoop => LoopIterationCapSource is not null;

    /// <summary>
    /// The worst case of one request of this call: the loop's for a tool loop (null when its cap is unknown),
    /// else the per-call worst case.
    /// </summary>
    public decimal? WorstCasePerRequestUsd => HasToolLoop ? RequestWorstCaseCostUsd : WorstCaseCostUsd;

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
