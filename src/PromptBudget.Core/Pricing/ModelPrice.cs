using System.Collections.Generic;

namespace PromptBudget.Core.Pricing;

/// <summary>One model's entry of a LiteLLM-format price file (prices in USD per token).</summary>
public sealed class ModelPrice
{
    public ModelPrice(string id) => Id = id;

    /// <summary>The key of the entry, as written in the price file.</summary>
    public string Id { get; }

    public string? Provider { get; internal set; }

    public string? Mode { get; internal set; }

    public decimal? InputCostPerToken { get; internal set; }

    public decimal? OutputCostPerToken { get; internal set; }

    public decimal? CacheReadInputTokenCost { get; internal set; }

    public decimal? CacheCreationInputTokenCost { get; internal set; }

    public decimal? OutputCostPerReasoningToken { get; internal set; }

    public long? MaxInputTokens { get; internal set; }

    public long? MaxOutputTokens { get; internal set; }

    public long? MaxTokens { get; internal set; }

    public long? PromptCacheMinTokens { get; internal set; }

    public bool SupportsReasoning { get; internal set; }

    public bool SupportsPromptCaching { get; internal set; }

    /// <summary>Long-context tiers, ascending by threshold.</summary>
    public IReadOnlyList<PriceTier> Tiers { get; internal set; } = System.Array.Empty<PriceTier>();

    /// <summary>Where the entry came from: the embedded table or a user's file path.</summary>
    public string Source { get; internal set; } = "";

    /// <summary>The model's own output limit: <c>max_output_tokens</c>, else the legacy <c>max_tokens</c>.</summary>
    public long? OutputLimit => MaxOutputTokens ?? MaxTokens;

    /// <summary>The context window: <c>max_input_tokens</c>, else the legacy <c>max_tokens</c>.</summary>
    public long? ContextWindow => MaxInputTokens ?? MaxTokens;

    /// <summary>The tier that applies to a request of <paramref name="inputTokens"/>, or null for base prices.</summary>
    public PriceTier? TierFor(long inputTokens)
    {
        PriceTier? chosen = null;
        foreach (var tier in Tiers)
        {
            if (inputTokens > tier.AboveInputTokens)
            {
                chosen = tier;
            }
        }

        return chosen;
    }
}
