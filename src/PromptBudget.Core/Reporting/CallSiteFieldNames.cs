namespace PromptBudget.Core.Reporting;

/// <summary>
/// The one JSON name of each <see cref="CallSiteRecord"/> value, used by the analyzer's payload, the
/// per-call-site section of promptbudget.json and the baseline reader alike, so a value is never
/// called two things. OpenTelemetry GenAI names are used where one exists; the rest are ours, in camelCase.
/// </summary>
public static class CallSiteFieldNames
{
    public const string File = "file";
    public const string Line = "line";
    public const string Column = "column";
    public const string Member = "member";
    public const string Ordinal = "ordinal";
    public const string Branch = "branch";
    public const string Feature = "feature";
    public const string CallsPerRequest = "callsPerRequest";
    public const string Sdk = "sdk";
    public const string TemplateFormat = "templateFormat";
    public const string LoadedBy = "loadedBy";

    /// <summary>The model as written or configured (<see cref="CallSiteRecord.Model"/>).</summary>
    public const string Model = "gen_ai.request.model";

    public const string ModelSource = "modelSource";
    public const string ModelSourceDetail = "modelSourceDetail";
    public const string ResolvedModel = "resolvedModel";
    public const string Encoding = "encoding";
    public const string Exact = "exact";
    public const string TokenizerFactor = "tokenizerFactor";
    public const string StaticTokens = "staticTokens";
    public const string OverheadTokens = "overheadTokens";
    public const string BoundedDynamicTokens = "boundedDynamicTokens";
    public const string AssumedUnboundedTokens = "assumedUnboundedTokens";

    /// <summary>All input tokens (<see cref="CallSiteRecord.InputTokens"/>): exact, or an estimated tokenizer's fitted count.</summary>
    public const string InputTokens = "gen_ai.usage.input_tokens";

    /// <summary>The upper bound of an estimated input count, with the family's margin (<see cref="CallSiteRecord.InputTokensUpperBound"/>); absent for exact counts.</summary>
    public const string InputTokensUpperBound = "inputTokensUpperBound";

    /// <summary>The tokenizer family's error margin as a fraction (0.025 = 2.5%); absent for exact counts.</summary>
    public const string TokenizerMargin = "tokenizerMargin";

    /// <summary>The chat framing rule the overhead tokens were counted by (<see cref="CallSiteRecord.Framing"/>).</summary>
    public const string Framing = "framing";

    public const string UnboundedSegments = "unboundedSegments";
    public const string Segments = "segments";
    public const string ToolTokens = "toolTokens";
    public const string ImageTokens = "imageTokens";
    public const string Assumptions = "assumptions";

    /// <summary>Worst-case output tokens: the max set in code, else the model's maximum (<see cref="CallSiteRecord.MaxOutputTokens"/>).</summary>
    public const string MaxOutputTokens = "gen_ai.request.max_tokens";

    public const string MaxOutputSource = "maxOutputSource";

    /// <summary>Where a max output read from configuration came from (file and key, or the disagreement), or why it could not be read.</summary>
    public const string MaxOutputSourceDetail = "maxOutputSourceDetail";

    /// <summary>The part of the output tokens billed as reasoning or thinking (<see cref="CallSiteRecord.ReasoningTokens"/>).</summary>
    public const string ReasoningTokens = "gen_ai.usage.reasoning.output_tokens";

    /// <summary>
    /// The static prefix that can be cached (<see cref="CallSiteRecord.CacheablePrefixTokens"/>): the
    /// cached case reads these tokens from the cache. The cache-write case writes the same tokens, so
    /// <c>gen_ai.usage.cache_creation.input_tokens</c> would always hold the same number and is not written.
    /// </summary>
    public const string CacheablePrefixTokens = "gen_ai.usage.cache_read.input_tokens";

    public const string ContextWindow = "contextWindow";
    public const string CanOverflowContextWindow = "canOverflowContextWindow";
    public const string PriceTierAboveTokens = "priceTierAboveTokens";
    public const string InputCostUsd = "inputCostUsd";
    public const string OutputCostUsd = "outputCostUsd";
    public const string WorstCaseCostUsd = "worstCaseCostUsd";
    public const string CachedCaseCostUsd = "cachedCaseCostUsd";
    public const string CacheWriteCaseCostUsd = "cacheWriteCaseCostUsd";
    public const string PriceDate = "priceDate";
    public const string Preview = "preview";
    public const string LoopIterationCap = "loopIterationCap";
    public const string LoopIterationCapSource = "loopIterationCapSource";
    public const string LoopIterationCapDetail = "loopIterationCapDetail";
    public const string ToolResultTokens = "toolResultTokens";
    public const string ToolResultTokensAssumed = "toolResultTokensAssumed";
    public const string RequestModelCalls = "requestModelCalls";
    public const string RequestInputTokens = "requestInputTokens";
    public const string RequestOutputTokens = "requestOutputTokens";
    public const string RequestWorstCaseCostUsd = "requestWorstCaseCostUsd";
    public const string BudgetMaxInputTokens = "budgetMaxInputTokens";
    public const string BudgetMaxOutputTokens = "budgetMaxOutputTokens";
    public const string BudgetMaxCostPerCallUsd = "budgetMaxCostPerCallUsd";
    public const string Violations = "violations";

    /// <summary>Fields of one entry of <see cref="Segments"/>.</summary>
    public static class Segment
    {
        public const string Name = "name";
        public const string BoundTokens = "boundTokens";
        public const string BoundSource = "boundSource";
    }

    /// <summary>Fields of one entry of <see cref="Violations"/>.</summary>
    public static class Violation
    {
        public const string Kind = "kind";
        public const string Limit = "limit";
        public const string Actual = "actual";
        public const string Unit = "unit";
    }
}
