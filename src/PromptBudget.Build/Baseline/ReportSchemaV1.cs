using System.Collections.Generic;
using PromptBudget.Core.Json;
using N = PromptBudget.Core.Reporting.CallSiteFieldNames;

namespace PromptBudget.Build.Baseline;

/// <summary>
/// Where a call site of a schema-version-1 promptbudget.json kept the values whose names changed in
/// version 2, so a baseline committed before the change still compares. Every other field had its
/// current name already; <c>priceTierAboveTokens</c> and <c>priceDate</c> were not written and read as unknown.
/// </summary>
internal static class ReportSchemaV1
{
    public const int Version = 1;

    private static readonly Dictionary<string, string> Renamed = new()
    {
        [N.Model] = "model",
        [N.InputTokens] = "inputTokens",
        [N.MaxOutputTokens] = "maxOutputTokens",
        [N.ReasoningTokens] = "reasoningTokens",
        [N.CacheablePrefixTokens] = "cacheablePrefixTokens",
    };

    // Version 1 nested the per-call budgets: "budget": { "maxInputTokens": … }.
    private static readonly Dictionary<string, string> InBudget = new()
    {
        [N.BudgetMaxInputTokens] = "maxInputTokens",
        [N.BudgetMaxOutputTokens] = "maxOutputTokens",
        [N.BudgetMaxCostPerCallUsd] = "maxCostPerCallUsd",
    };

    /// <summary>The value a version-1 call site holds for the field now named <paramref name="name"/>.</summary>
    public static JsonValue? Lookup(JsonValue site, string name)
    {
        if (InBudget.TryGetValue(name, out var budgetName))
        {
            return site.Get("budget")?.Get(budgetName);
        }

        return site.Get(Renamed.TryGetValue(name, out var old) ? old : name);
    }
}
