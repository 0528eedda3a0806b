namespace PromptBudget.Core.Pricing;

/// <summary>
/// Prices that apply to a whole request once its input passes <see cref="AboveInputTokens"/>
/// (LiteLLM's <c>*_above_200k_tokens</c> family). A null price falls back to the base price.
/// </summary>
public sealed class PriceTier
{
    public PriceTier(long aboveInputTokens) => AboveInputTokens = aboveInputTokens;

    public long AboveInputTokens { get; }

    public decimal? InputCostPerToken { get; internal set; }

    public decimal? OutputCostPerToken { get; internal set; }

    public decimal? CacheReadInputTokenCost { get; internal set; }

    public decimal? CacheCreationInputTokenCost { get; internal set; }
}
