using System;
using System.Collections.Generic;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Core.Estimation;

/// <summary>
/// What one request of a call site can make at worst: how many model calls, the input tokens of each, the
/// output tokens, and what it costs. A plain call is one model call. A call through an automatic tool loop
/// (Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c>, Semantic Kernel's auto-invoked functions) sends
/// up to its iteration cap of model requests, and each one resends the conversation so far and every tool
/// definition: call 1 sends the call's worst-case input; call i+1 sends what call i sent plus the assistant's
/// tool call (at most the max output) plus the tool results (the allowance). No call sends more than the model's
/// context window takes, so from there the input stops growing. Every call can answer with the max output.
/// </summary>
public sealed class RequestWorstCase
{
    /// <summary>
    /// Tokens assumed for the tool results one iteration adds when <c>prompt_budget.tool_result_tokens</c> is not set:
    /// a few short JSON results (a weather report, a database row, an order status). Reports mark it as assumed.
    /// </summary>
    public const long DefaultToolResultTokens = 1000;

    private RequestWorstCase(long firstCallInputTokens, long growthPerCall, long inputCap, int modelCalls, long outputTokensPerCall, decimal? costUsd)
    {
        FirstCallInputTokens = firstCallInputTokens;
        GrowthPerCall = growthPerCall;
        InputCap = inputCap;
        ModelCalls = modelCalls;
        OutputTokensPerCall = outputTokensPerCall;
        CostUsd = costUsd;
    }

    /// <summary>Model calls one request makes at worst (1 for a plain call, the loop's cap for a tool loop).</summary>
    public int ModelCalls { get; }

    /// <summary>The first call's input: the call site's worst-case input, tool definitions included.</summary>
    public long FirstCallInputTokens { get; }

    /// <summary>What each next call sends more: the assistant's tool call (the max output) plus the tool-result allowance.</summary>
    public long GrowthPerCall { get; }

    /// <summary>No call sends more than this: the context window (or the first call's input, when that is larger).</summary>
    public long InputCap { get; }

    /// <summary>The worst-case output of each model call.</summary>
    public long OutputTokensPerCall { get; }

    /// <summary>The request's worst-case cost in USD; null when the model or its price is unknown.</summary>
    public decimal? CostUsd { get; }

    /// <summary>The input tokens of call <paramref name="index"/> (0-based).</summary>
    public long InputOfCall(int index) => Math.Min(SaneRange.Add(FirstCallInputTokens, SaneRange.Multiply(index, GrowthPerCall)), InputCap);

    /// <summary>The largest input of one model call (the last one's): what a per-minute token limit sees at most from one call of the request.</summary>
    public long LargestCallInputTokens => InputOfCall(ModelCalls - 1);

    /// <summary>All input tokens of the request (saturating at <see cref="long.MaxValue"/>).</summary>
    public long InputTokens => Saturate(InputSum(0, ModelCalls));

    /// <summary>All output tokens of the request (saturating).</summary>
    public long OutputTokens => SaneRange.Multiply(ModelCalls, OutputTokensPerCall);

    /// <summary>
    /// The tokens of one request: <paramref name="modelCalls"/> calls, the first sending <paramref name="firstCallInputTokens"/>
    /// (tool definitions included), each next one <paramref name="outputTokensPerCall"/> + <paramref name="toolResultTokens"/> more,
    /// capped at <paramref name="contextWindow"/> (never below the first call's input, which is what the per-call worst case counts).
    /// Computed in closed form, so a cap of <see cref="int.MaxValue"/> costs no more than a cap of 5.
    /// </summary>
    public static RequestWorstCase Tokens(long firstCallInputTokens, long outputTokensPerCall, long toolResultTokens, long? contextWindow, int modelCalls)
    {
        if (modelCalls < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modelCalls), modelCalls, "A request makes at least one model call.");
        }

        var first = Math.Max(0, firstCallInputTokens);
        var output = Math.Max(0, outputTokensPerCall);
        var cap = contextWindow is { } window ? Math.Max(window, first) : long.MaxValue;
        return new RequestWorstCase(first, SaneRange.Add(output, toolResultTokens), cap, modelCalls, output, null);
    }

    /// <summary>These tokens priced with <paramref name="price"/>; see <see cref="Cost"/>.</summary>
    public RequestWorstCase Priced(ModelPrice price, long reasoningTokensPerCall) =>
        new(FirstCallInputTokens, GrowthPerCall, InputCap, ModelCalls, OutputTokensPerCall, Cost(price, reasoningTokensPerCall));

    /// <summary>
    /// The uncached worst case: each call's input at the input price of the tier its own size falls in (a long-context
    /// tier applies to the calls above its threshold only), plus its output at that tier's output price, with
    /// <paramref name="reasoningTokensPerCall"/> of it at the reasoning price — the way <see cref="CostEstimator"/> prices one call.
    /// Null when the price has no input or output price.
    /// </summary>
    public decimal? Cost(ModelPrice price, long reasoningTokensPerCall)
    {
        var reasoning = Math.Min(Math.Max(0, reasoningTokensPerCall), OutputTokensPerCall);

        // The inputs never shrink, so the calls of one tier are a run: cut the calls where a tier's threshold is passed.
        var cuts = new List<int> { 0, ModelCalls };
        foreach (var tier in price.Tiers)
        {
            cuts.Add(CallsAtOrBelow(tier.AboveInputTokens));
        }

        cuts.Sort();
        decimal total = 0;
        try
        {
            for (var k = 0; k + 1 < cuts.Count; k++)
            {
                int from = cuts[k], to = cuts[k + 1];
                if (from >= to)
                {
                    continue;
                }

                var tier = price.TierFor(InputOfCall(from));
                if ((tier?.InputCostPerToken ?? price.InputCostPerToken) is not { } inputPrice
                    || (tier?.OutputCostPerToken ?? price.OutputCostPerToken) is not { } outputPrice)
                {
                    return null;
                }

                var reasoningPrice = price.OutputCostPerReasoningToken ?? outputPrice;
                var perCallOutput = ((OutputTokensPerCall - reasoning) * outputPrice) + (reasoning * reasoningPrice);
                total += (InputSum(from, to) * inputPrice) + ((to - from) * perCallOutput);
            }
        }
        catch (OverflowException)
        {
            return decimal.MaxValue;
        }

        return total;
    }

    // How many calls send at most `threshold` tokens (a prefix: the inputs never shrink).
    private int CallsAtOrBelow(long threshold)
    {
        if (FirstCallInputTokens > threshold)
        {
            return 0;
        }

        if (InputCap <= threshold || GrowthPerCall == 0)
        {
            return ModelCalls;
        }

        var steps = ((decimal)threshold - FirstCallInputTokens) / GrowthPerCall;
        return (int)Math.Min(ModelCalls, decimal.Floor(steps) + 1);
    }

    // The inputs of calls [from, to), exactly: the growing calls by the arithmetic series, then the capped ones.
    private decimal InputSum(int from, int to)
    {
        // Calls before `capped` grow; from `capped` on, each sends the cap.
        var capped = GrowthPerCall == 0 ? (decimal)ModelCalls : Math.Min(ModelCalls, decimal.Ceiling(((decimal)InputCap - FirstCallInputTokens) / GrowthPerCall));
        var growingEnd = Math.Min(to, capped);
        decimal sum = 0;
        if (growingEnd > from)
        {
            var n = growingEnd - from;
            sum += (n * FirstCallInputTokens) + (GrowthPerCall * (from + growingEnd - 1) * n / 2);
        }

        var cappedFrom = Math.Max(from, capped);
        if (to > cappedFrom)
        {
            sum += (to - cappedFrom) * InputCap;
        }

        return sum;
    }

    private static long Saturate(decimal value) => value >= long.MaxValue ? long.MaxValue : (long)value;

    /// <summary>
    /// One request of the call site a record describes: one model call for a plain call; for a tool loop, the
    /// record's cap, tool-result allowance and context window, with the cost the analyzer priced
    /// (<see cref="CallSiteRecord.RequestWorstCaseCostUsd"/>). Null when it cannot be known: a loop whose cap is
    /// unknown, or a call whose max output is unknown.
    /// </summary>
    public static RequestWorstCase? Of(CallSiteRecord record)
    {
        if (record.MaxOutputTokens is not { } output)
        {
            return null;
        }

        if (!record.HasToolLoop)
        {
            return new RequestWorstCase(record.WorstCaseInputTokens, 0, long.MaxValue, 1, output, record.WorstCaseCostUsd);
        }

        if (record.LoopIterationCap is not { } cap || cap < 1)
        {
            return null;
        }

        var tokens = Tokens(record.WorstCaseInputTokens, output, record.ToolResultTokens ?? DefaultToolResultTokens, record.ContextWindow, (int)Math.Min(cap, int.MaxValue));
        return new RequestWorstCase(tokens.FirstCallInputTokens, tokens.GrowthPerCall, tokens.InputCap, tokens.ModelCalls, output, record.RequestWorstCaseCostUsd);
    }
}
