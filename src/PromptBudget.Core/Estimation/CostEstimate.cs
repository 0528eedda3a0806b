using System;
using System.Collections.Generic;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Core.Estimation;

/// <summary>
/// The worst case of one call: tokens in, tokens out at most, and what that costs (USD). Costs are
/// null, never zero, when the model or its price is unknown.
/// </summary>
public sealed class CostEstimate
{
    public string Model { get; internal set; } = "";

    /// <summary>The price-table entry the model resolved to; null when unknown.</summary>
    public string? ResolvedModel { get; internal set; }

    public bool ModelKnown => ResolvedModel is not null;

    /// <summary>Nearest known names when the model is unknown.</summary>
    public IReadOnlyList<string> Suggestions { get; internal set; } = System.Array.Empty<string>();

    public TokenizerProfile Tokenizer { get; internal set; } = TokenizerProfile.Generic;

    public TokenEncoding Encoding => Tokenizer.Encoding;

    /// <summary>True when every count is the provider's exact count: never when the tokenizer could not be loaded.</summary>
    public bool Exact => Tokenizer.Exact && TokenizerFailure is null && ToolTokens == 0 && ImageTokens == 0 && Assumptions.Count == 0;

    /// <summary>
    /// Set when the host could not load the tokenizer: the counts are upper bounds (UTF-8 bytes), and no cost
    /// is estimated, so the build's report counts this call as of unknown cost (incomplete).
    /// </summary>
    public Tokenization.TokenizerLoadFailure? TokenizerFailure { get; internal set; }

    /// <summary>Tokens of the text known at compile time.</summary>
    public long StaticTokens { get; internal set; }

    /// <summary>
    /// Chat framing tokens by the provider's rule (<see cref="ChatFraming.Rule"/>): per request, per message, per name.
    /// Negative only for a fit that says so (Gemini: −1 per request).
    /// </summary>
    public long OverheadTokens { get; internal set; }

    /// <summary>The chat framing rule used for <see cref="OverheadTokens"/>.</summary>
    public ChatFraming Framing => Tokenizer.Framing;

    /// <summary>Tokens of dynamic segments with a bound.</summary>
    public long BoundedDynamicTokens { get; internal set; }

    /// <summary>Tokens assumed for unbounded segments (the policy's assumption × their count).</summary>
    public long AssumedUnboundedTokens { get; internal set; }

    public int UnboundedSegments { get; internal set; }

    /// <summary>Tokens of the declared tool definitions (and a provider's hidden tool-use prompt): always an estimate.</summary>
    public long ToolTokens { get; internal set; }

    /// <summary>Tokens of the images, by the provider's image formula at the worst size the code allows.</summary>
    public long ImageTokens { get; internal set; }

    /// <summary>What was assumed for tools and images (formula, size, detail), one line each, for reports.</summary>
    public IReadOnlyList<string> Assumptions { get; internal set; } = System.Array.Empty<string>();

    public int DynamicSegments { get; internal set; }

    /// <summary>
    /// The bound used for each dynamic segment, in message and segment order (null = unbounded): a declared
    /// bound as given, a type's bound as counted with this call's tokenizer.
    /// </summary>
    public IReadOnlyList<long?> SegmentBounds { get; internal set; } = System.Array.Empty<long?>();

    /// <summary>
    /// All input tokens: static + overhead + tools + images + bounded dynamic + assumed unbounded. For an estimated
    /// tokenizer this is the reference fit's count (shown as <c>~N</c>); budgets and costs use <see cref="InputTokensUpperBound"/>.
    /// </summary>
    /// <remarks>Saturates at <see cref="long.MaxValue"/>: parts too large to add never wrap to a small or negative count.</remarks>
    public long InputTokens => SaneRange.Add(
        SaneRange.Add(StaticWithOverhead, SaneRange.Add(BoundedDynamicTokens, AssumedUnboundedTokens)),
        SaneRange.Add(ToolTokens, ImageTokens));

    /// <summary>
    /// Tokens added to <see cref="InputTokens"/> for the tokenizer family's error margin (<see cref="TokenizerProfile.Margin"/>)
    /// on the part it estimated (message text, framing, type-bounded segments, tools); 0 for exact counts, for a tokenizer
    /// that could not be loaded (its byte count is already a bound) and for parts whose size the user or a formula gave
    /// (declared bounds, assumed segment tokens, images).
    /// </summary>
    public long MarginTokens { get; internal set; }

    /// <summary>The worst case of the input: <see cref="InputTokens"/> plus the margin. Budgets, the context window and the cost use it.</summary>
    public long InputTokensUpperBound => SaneRange.Add(InputTokens, MarginTokens);

    /// <summary>True when the input count carries a margin (<c>~N tokens, ≤ M</c>).</summary>
    public bool HasMargin => MarginTokens > 0;

    // A fit's negative framing (Gemini) lowers the text's count, never below zero.
    internal long StaticWithOverhead => OverheadTokens >= 0
        ? SaneRange.Add(StaticTokens, OverheadTokens)
        : Math.Max(0, StaticTokens + OverheadTokens);

    /// <summary>Output tokens at worst (includes reasoning tokens).</summary>
    public long? OutputTokens { get; internal set; }

    public MaxOutputSource OutputSource { get; internal set; }

    /// <summary>Of <see cref="OutputTokens"/>, the tokens billed as reasoning or thinking.</summary>
    public long ReasoningTokens { get; internal set; }

    /// <summary>The model's own output maximum, when known.</summary>
    public long? ModelOutputLimit { get; internal set; }

    /// <summary>The max output set in code is above the model's own maximum (the provider would reject it).</summary>
    public bool MaxOutputExceedsModelLimit { get; internal set; }

    /// <summary>The model's input limit (<c>max_input_tokens</c>).</summary>
    public long? ContextWindow { get; internal set; }

    /// <summary>The input alone is over the model's input limit.</summary>
    public bool InputExceedsContextWindow { get; internal set; }

    /// <summary>Input plus worst-case output can overflow the model's context window.</summary>
    public bool CanOverflowContextWindow { get; internal set; }

    /// <summary>The long-context threshold whose prices applied, or null for base prices.</summary>
    public long? PriceTierAboveTokens { get; internal set; }

    public decimal? InputCostUsd { get; internal set; }

    public decimal? OutputCostUsd { get; internal set; }

    /// <summary>The uncached worst case: all input at the input price plus the worst output.</summary>
    public decimal? WorstCaseCostUsd => InputCostUsd is { } i && OutputCostUsd is { } o ? SaneRange.Add(i, o) : null;

    /// <summary>Tokens of the static prefix a provider can cache (0 when below the model's cache minimum).</summary>
    public long CacheablePrefixTokens { get; internal set; }

    /// <summary>A repeat call whose static prefix is read from the cache; null when the prefix cannot be cached.</summary>
    public decimal? CachedCaseCostUsd { get; internal set; }

    /// <summary>The call that writes the cache, where the provider bills cache writes; null otherwise.</summary>
    public decimal? CacheWriteCaseCostUsd { get; internal set; }

    public string? PriceSource { get; internal set; }
}
