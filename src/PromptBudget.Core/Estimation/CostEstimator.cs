using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Core.Estimation;

/// <summary>Turns a <see cref="PromptShape"/> into the worst-case <see cref="CostEstimate"/> of one call.</summary>
public sealed class CostEstimator
{
    /// <summary>Cache minimum when an entry has a cache-read price but no <c>prompt_cache_min_tokens</c>
    /// (OpenAI, Gemini implicit caching and Anthropic's smaller models all start at 1,024 tokens).</summary>
    public const long DefaultPromptCacheMinTokens = 1024;

    /// <summary>OpenAI caches prefixes in 128-token steps past the first 1,024 (prompt caching guide).</summary>
    public const long OpenAICacheIncrement = 128;

    /// <summary>Texts longer than this are counted each time instead of remembered (hashing them costs about as much as counting).</summary>
    internal const int MaxMemoisedTextLength = 64 * 1024;

    /// <summary>How many distinct texts one estimator remembers; past it, new texts are counted each time.</summary>
    internal const int MaxMemoisedTexts = 200_000;

    private readonly PriceTable _prices;

    // Raw counts per encoding and text. One estimator serves one compilation, whose call sites repeat
    // the same messages (a conversation grown over many calls sends its earlier turns again with each),
    // so each distinct text is tokenized once per compilation.
    private readonly ConcurrentDictionary<(TokenEncoding Encoding, string Text), long> _counts = new();

    public CostEstimator(PriceTable prices) => _prices = prices;

    /// <summary>Texts tokenized so far (not served from memory), for tests and benchmarks.</summary>
    internal long TextsTokenized;

    public CostEstimate Estimate(PromptShape shape) => Estimate(shape, CancellationToken.None);

    /// <summary>As <see cref="Estimate(PromptShape)"/>; counting checks <paramref name="cancellationToken"/>.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public CostEstimate Estimate(PromptShape shape, CancellationToken cancellationToken)
    {
        var lookup = _prices.Lookup(shape.Model);
        var price = lookup.Price;
        var profile = TokenizerProfile.ForModel(price?.Id ?? shape.Model);
        var estimate = new CostEstimate
        {
            Model = shape.Model,
            ResolvedModel = lookup.ResolvedId,
            Suggestions = lookup.Suggestions,
            Tokenizer = profile,
            PriceSource = price?.Source,
        };

        CountInput(shape, price, profile, estimate, cancellationToken, out var prefixTokens);
        ChooseOutput(shape, price, estimate);
        CheckContextWindow(price, estimate);

        // Without the tokenizer the counts are upper bounds: a cost from them would look known and be wrong.
        if (price is not null && estimate.TokenizerFailure is null)
        {
            Price(price, estimate, prefixTokens);
        }

        return estimate;
    }

    /// <summary>
    /// The worst case of one request of a call that runs an automatic tool loop of <paramref name="modelCalls"/> model
    /// calls, each adding <paramref name="toolResultTokens"/> of tool results (see <see cref="RequestWorstCase"/>), priced
    /// as <paramref name="call"/> was. Null when the call's max output is unknown; the cost is null when its price is.
    /// </summary>
    public RequestWorstCase? EstimateRequest(CostEstimate call, int modelCalls, long toolResultTokens)
    {
        if (call.OutputTokens is not { } output || modelCalls < 1)
        {
            return null;
        }

        var tokens = RequestWorstCase.Tokens(call.InputTokensUpperBound, output, toolResultTokens, call.ContextWindow, modelCalls);

        // Priced only where the call itself is (a known price, a tokenizer that loaded): never a cost from upper bounds.
        var price = call.ResolvedModel is null || call.WorstCaseCostUsd is null ? null : _prices.Lookup(call.Model).Price;
        return price is null ? tokens : tokens.Priced(price, call.ReasoningTokens);
    }

    private static string ToolAssumption(TokenizerProfile profile, int tools) =>
        (tools == 1 ? "1 tool" : tools.ToString(System.Globalization.CultureInfo.InvariantCulture) + " tools") + ": " + (profile == TokenizerProfile.OpenAIO200k || profile == TokenizerProfile.OpenAICl100k
            ? "OpenAI cookbook function-definition formula (estimate; nested schemas counted as compact JSON)"
            : profile.Family.StartsWith("claude", StringComparison.Ordinal)
                ? "Anthropic's hidden tool-use system prompt plus each definition's JSON (estimate)"
                : "each definition's JSON (estimate)");

    private void CountInput(PromptShape shape, ModelPrice? price, TokenizerProfile profile, CostEstimate estimate, CancellationToken cancellationToken, out long prefixTokens)
    {
        long staticTokens = 0, bounded = 0, images = 0, typeBounded = 0;
        int unbounded = 0, dynamic = 0, names = 0;
        var assumptions = new List<string>();
        prefixTokens = 0;
        var prefixOpen = true;
        var segmentBounds = new List<long?>();
        foreach (var message in shape.Messages)
        {
            var text = message.StaticText ?? "";
            var tokens = Count(profile, text, estimate, cancellationToken);
            staticTokens = SaneRange.Add(staticTokens, tokens);
            if (message.Name is not null)
            {
                names++;
            }

            if (prefixOpen)
            {
                var prefixLength = message.DynamicSegments.Count == 0 ? text.Length : Math.Min(message.StaticPrefixLength ?? text.Length, text.Length);
                prefixTokens = SaneRange.Add(prefixTokens, SaneRange.Add(profile.Framing.PerMessage,
                    prefixLength == text.Length ? tokens : Count(profile, text.Substring(0, prefixLength), estimate, cancellationToken)));
                prefixOpen = message.DynamicSegments.Count == 0;
            }

            AddSegments(message.DynamicSegments);
            foreach (var image in message.Images)
            {
                if (ImageTokens.WorstCase(image, price?.Id ?? shape.Model) is { } imageTokens)
                {
                    images = SaneRange.Add(images, imageTokens.Tokens);
                    assumptions.Add("image " + image.Source + ": " + imageTokens.Assumption);
                }
                else
                {
                    // No published formula for this model: an image is never free, so it is an unbounded part.
                    dynamic++;
                    unbounded++;
                    assumptions.Add("image " + image.Source + ": no image token formula for " + shape.Model + "; counted as an unbounded part");
                }
            }
        }

        long tools = 0;
        if (shape.Tools.Count > 0)
        {
            foreach (var tool in shape.Tools)
            {
                AddSegments(tool.DynamicSegments);
            }

            tools = ToolDefinitionTokens.Count(shape.Tools, shape.ToolChoice, profile, price?.Id ?? shape.Model, text => Count(profile, text, estimate, cancellationToken));
            assumptions.Add(ToolAssumption(profile, shape.Tools.Count));
        }

        assumptions.AddRange(shape.NotCounted);
        estimate.ToolTokens = tools;
        estimate.ImageTokens = images;
        estimate.Assumptions = assumptions;

        void AddSegments(IReadOnlyList<DynamicSegment> segments)
        {
            foreach (var segment in segments)
            {
                dynamic++;
                var declaredBound = segment.BoundTokens is { } declared && declared >= 0 ? declared : (long?)null;
                var bound = declaredBound ?? TypeBound(profile, segment, estimate, cancellationToken);
                segmentBounds.Add(bound);
                if (declaredBound is null && bound is { } counted)
                {
                    typeBounded = SaneRange.Add(typeBounded, counted);
                }

                if (bound is { } b)
                {
                    bounded = SaneRange.Add(bounded, b);
                }
                else
                {
                    unbounded++;
                }
            }
        }

        estimate.StaticTokens = staticTokens;
        estimate.OverheadTokens = profile.Framing.For(shape.Messages.Count, names);
        estimate.BoundedDynamicTokens = bounded;
        estimate.UnboundedSegments = unbounded;
        estimate.DynamicSegments = dynamic;
        estimate.SegmentBounds = segmentBounds;
        estimate.AssumedUnboundedTokens = SaneRange.Multiply(unbounded, shape.AssumedUnboundedSegmentTokens);

        // The margin covers what this tokenizer estimated: text, framing, type-bounded segments and tools. A bound the user
        // declared or assumed is their number, an image's is the provider's formula, and a byte count is already a bound.
        var estimated = SaneRange.Add(SaneRange.Add(estimate.StaticWithOverhead, typeBounded), estimate.ToolTokens);
        estimate.MarginTokens = estimate.TokenizerFailure is null ? profile.MarginTokens(estimated) : 0;
    }

    // A segment bounded by its type: the most tokens any of its longest printed forms takes with this tokenizer.
    private long? TypeBound(TokenizerProfile profile, DynamicSegment segment, CostEstimate estimate, CancellationToken cancellationToken)
    {
        if (segment.WorstCaseTexts is not { Count: > 0 } texts)
        {
            return null;
        }

        long most = 0;
        foreach (var text in texts)
        {
            most = Math.Max(most, Count(profile, text, estimate, cancellationToken));
        }

        return most;
    }

    private long Count(TokenizerProfile profile, string text, CostEstimate estimate, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (text.Length > MaxMemoisedTextLength)
        {
            Interlocked.Increment(ref TextsTokenized);
            var count = profile.Count(text, cancellationToken);
            estimate.TokenizerFailure ??= count.Failure;
            return count.Tokens;
        }

        var key = (profile.Encoding, text);
        if (_counts.TryGetValue(key, out var raw))
        {
            return profile.Scale(raw);
        }

        Interlocked.Increment(ref TextsTokenized);
        raw = TokenizerAvailability.Count(text, profile.Encoding, cancellationToken, out var failure);
        if (failure is not null)
        {
            // An upper bound from a host that cannot load the tokenizer: never remembered as a count.
            estimate.TokenizerFailure ??= failure;
            return profile.Exact ? raw : profile.Scale(raw);
        }

        if (_counts.Count < MaxMemoisedTexts)
        {
            _counts.TryAdd(key, raw);
        }

        return profile.Scale(raw);
    }

    private static void ChooseOutput(PromptShape shape, ModelPrice? price, CostEstimate estimate)
    {
        var limit = price?.OutputLimit;
        estimate.ModelOutputLimit = limit;
        long? output;
        if (shape.MaxOutputTokens is { } set && set >= 0)
        {
            estimate.OutputSource = MaxOutputSource.Set;
            estimate.MaxOutputExceedsModelLimit = limit is { } l && set > l;

            // The provider rejects a request above the model's maximum; the most a call can bill is that maximum.
            output = limit is { } max ? Math.Min(set, max) : set;
        }
        else if (limit is { } modelMax)
        {
            estimate.OutputSource = MaxOutputSource.ModelMaximum;
            output = modelMax;
        }
        else
        {
            estimate.OutputSource = MaxOutputSource.Unknown;
            output = null;
        }

        // Reasoning and thinking tokens are billed as output. OpenAI counts them inside
        // max_completion_tokens and Anthropic requires budget_tokens < max_tokens, so the budget sits
        // inside the output maximum; a budget above it raises the worst case to the budget.
        if (shape.ReasoningBudgetTokens is { } budget && budget > 0)
        {
            output = output is { } o ? Math.Max(o, budget) : budget;
            estimate.ReasoningTokens = Math.Min(budget, output.Value);
        }
        else if (output is { } o && price is { SupportsReasoning: true, OutputCostPerReasoningToken: { } reasoningPrice }
                 && price.OutputCostPerToken is { } outputPrice && reasoningPrice > outputPrice)
        {
            // No budget set: at worst every output token is a (dearer) reasoning token.
            estimate.ReasoningTokens = o;
        }

        estimate.OutputTokens = output;
    }

    private static void CheckContextWindow(ModelPrice? price, CostEstimate estimate)
    {
        var window = price?.ContextWindow;
        estimate.ContextWindow = window;
        if (window is not { } inputLimit)
        {
            return;
        }

        estimate.InputExceedsContextWindow = estimate.InputTokensUpperBound > inputLimit;

        var total = SharesWindowWithOutput(price!) ? inputLimit : SaneRange.Add(inputLimit, price!.OutputLimit ?? 0);
        estimate.CanOverflowContextWindow = SaneRange.Add(estimate.InputTokensUpperBound, estimate.OutputTokens ?? 0) > total;
    }

    private static void Price(ModelPrice price, CostEstimate estimate, long prefixTokens)
    {
        // The worst case: an estimated count at its upper bound.
        var inputTokens = estimate.InputTokensUpperBound;
        var tier = price.TierFor(inputTokens);
        estimate.PriceTierAboveTokens = tier?.AboveInputTokens;
        var inputPrice = tier?.InputCostPerToken ?? price.InputCostPerToken;
        var outputPrice = tier?.OutputCostPerToken ?? price.OutputCostPerToken;
        var cacheReadPrice = tier?.CacheReadInputTokenCost ?? price.CacheReadInputTokenCost;
        var cacheWritePrice = tier?.CacheCreationInputTokenCost ?? price.CacheCreationInputTokenCost;
        if (inputPrice is not { } input || outputPrice is not { } output || estimate.OutputTokens is not { } outputTokens)
        {
            return;
        }

        var reasoningPrice = price.OutputCostPerReasoningToken ?? output;
        // Saturating: a price file's prices are at most $1 per token (PriceFileParser) and counts saturate at
        // long.MaxValue, so an amount never wraps or throws, whatever the code and files say.
        var outputCost = SaneRange.Add(SaneRange.Cost(outputTokens - estimate.ReasoningTokens, output), SaneRange.Cost(estimate.ReasoningTokens, reasoningPrice));
        estimate.InputCostUsd = SaneRange.Cost(inputTokens, input);
        estimate.OutputCostUsd = outputCost;

        var cached = CacheableTokens(price, Math.Min(prefixTokens, inputTokens));
        estimate.CacheablePrefixTokens = cached;
        if (cached == 0)
        {
            return;
        }

        var rest = inputTokens - cached;
        if (cacheReadPrice is { } read)
        {
            estimate.CachedCaseCostUsd = SaneRange.Add(SaneRange.Add(SaneRange.Cost(cached, read), SaneRange.Cost(rest, input)), outputCost);
        }

        if (cacheWritePrice is { } write)
        {
            estimate.CacheWriteCaseCostUsd = SaneRange.Add(SaneRange.Add(SaneRange.Cost(cached, write), SaneRange.Cost(rest, input)), outputCost);
        }
    }

    private static long CacheableTokens(ModelPrice price, long prefixTokens)
    {
        if (price.CacheReadInputTokenCost is null && price.CacheCreationInputTokenCost is null)
        {
            return 0;
        }

        var minimum = price.PromptCacheMinTokens ?? DefaultPromptCacheMinTokens;
        if (prefixTokens < minimum)
        {
            return 0;
        }

        if (IsOpenAI(price))
        {
            return SaneRange.Add(minimum, (prefixTokens - minimum) / OpenAICacheIncrement * OpenAICacheIncrement);
        }

        return prefixTokens;
    }

    private static bool IsOpenAI(ModelPrice price) =>
        price.Provider is "openai" or "azure" or "azure_ai";

    /// <summary>
    /// Whether the prompt and the max output must fit in <c>max_input_tokens</c> together.
    /// Anthropic: yes, the context window holds the prompt and max_tokens. OpenAI: yes for most
    /// models — LiteLLM's max_input_tokens is the documented context window (gpt-4o 128,000 with up to
    /// 16,384 of output inside it; the API rejects "128000 tokens… requested 136000"), except the
    /// GPT-5 entries listed with 272,000 input and 128,000 output: their documented 400,000-token
    /// window is the two added together. Google: no, Gemini documents separate input and output
    /// token limits. Anything else shares the window, the conservative choice for a worst case.
    /// </summary>
    private static bool SharesWindowWithOutput(ModelPrice price)
    {
        var provider = price.Provider ?? "";
        if (provider.IndexOf("gemini", StringComparison.Ordinal) >= 0 || provider.IndexOf("vertex_ai", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        return !(IsOpenAI(price) && price.MaxInputTokens == Gpt5ListedInputTokens && price.OutputLimit == Gpt5ListedOutputTokens);
    }

    private const long Gpt5ListedInputTokens = 272_000;
    private const long Gpt5ListedOutputTokens = 128_000;
}
