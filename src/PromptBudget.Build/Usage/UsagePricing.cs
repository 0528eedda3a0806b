using System;
using System.Collections.Generic;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Build.Usage;

/// <summary>
/// What one span cost, from the price table the estimates use (the embedded prices and the project's price
/// files). The GenAI convention counts cache reads and cache writes inside <c>input_tokens</c> and reasoning
/// inside <c>output_tokens</c>, so: cache reads at the cache-read price, cache writes at the cache-write
/// price (each the input price when the table has none), the rest of the input at the input price, reasoning
/// at the reasoning price (else the output price), the rest of the output at the output price; long-context
/// tiers by the span's input tokens, as for the estimate. The model priced is the one that answered
/// (<c>gen_ai.response.model</c>) when the table knows it, else the one asked for.
/// </summary>
public sealed class UsagePricing
{
    private const int MaxCachedModels = 1024;

    private readonly PriceTable _prices;
    private readonly Dictionary<string, ModelPrice?> _byModel = new(StringComparer.Ordinal);

    public UsagePricing(PriceTable prices) => _prices = prices;

    /// <summary>The date of the prices.</summary>
    public string? Date => _prices.Date;

    /// <summary>The span's cost in USD, or null when neither of its models has an input and output price.</summary>
    public decimal? Cost(UsageSpan span)
    {
        var price = Find(span.ResponseModel) ?? Find(span.RequestModel);
        if (price is null)
        {
            return null;
        }

        var input = Math.Max(0, span.InputTokens ?? 0);
        var tier = price.TierFor(input);
        if ((tier?.InputCostPerToken ?? price.InputCostPerToken) is not { } inputPrice || (tier?.OutputCostPerToken ?? price.OutputCostPerToken) is not { } outputPrice)
        {
            return null;
        }

        var readPrice = tier?.CacheReadInputTokenCost ?? price.CacheReadInputTokenCost ?? inputPrice;
        var writePrice = tier?.CacheCreationInputTokenCost ?? price.CacheCreationInputTokenCost ?? inputPrice;
        var reasoningPrice = price.OutputCostPerReasoningToken ?? outputPrice;

        var read = Math.Min(Math.Max(0, span.CacheReadInputTokens ?? 0), input);
        var write = Math.Min(Math.Max(0, span.CacheCreationInputTokens ?? 0), input - read);
        var reasoning = Math.Max(0, span.ReasoningOutputTokens ?? 0);
        var output = Math.Max(Math.Max(0, span.OutputTokens ?? 0), reasoning);
        return ((input - read - write) * inputPrice) + (read * readPrice) + (write * writePrice)
            + ((output - reasoning) * outputPrice) + (reasoning * reasoningPrice);
    }

    private ModelPrice? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        if (_byModel.TryGetValue(model!, out var price))
        {
            return price;
        }

        price = _prices.Lookup(model!).Price;
        if (_byModel.Count < MaxCachedModels)
        {
            _byModel[model!] = price;
        }

        return price;
    }
}
