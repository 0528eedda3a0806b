using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Tests.Infrastructure;

/// <summary>Call-site payloads as the analyzer would write them, with only what a test cares about changed.</summary>
public static class Sites
{
    public static CallSiteRecord Record(
        string file = "Bot/Answer.cs",
        int line = 41,
        string member = "Support.Bot.AnswerAsync(string)",
        int ordinal = 0,
        string? feature = "support-bot",
        decimal? worstCaseCostUsd = 0.10m,
        long inputTokens = 1200,
        string? model = "gpt-4o",
        string preview = "You are a helpful support bot.",
        decimal callsPerRequest = 1m)
    {
        var hasModel = model is not null;
        return new CallSiteRecord
        {
            File = file,
            Line = line,
            Column = 9,
            Member = member,
            Ordinal = ordinal,
            Feature = feature,
            CallsPerRequest = callsPerRequest,
            Sdk = "OpenAI.Chat",
            Model = model,
            ModelSource = hasModel ? "code" : "unknown",
            ResolvedModel = hasModel && worstCaseCostUsd is not null ? model : null,
            Encoding = "o200k_base",
            Exact = true,
            StaticTokens = inputTokens - 7,
            OverheadTokens = 7,
            InputTokens = inputTokens,
            MaxOutputTokens = 1000,
            MaxOutputSource = "set",
            CacheablePrefixTokens = 0,
            ContextWindow = 128000,
            InputCostUsd = worstCaseCostUsd is null ? null : worstCaseCostUsd / 2,
            OutputCostUsd = worstCaseCostUsd is null ? null : worstCaseCostUsd / 2,
            WorstCaseCostUsd = worstCaseCostUsd,
            CachedCaseCostUsd = worstCaseCostUsd is null ? null : worstCaseCostUsd * 0.75m,
            PriceDate = "2026-07-24",
            Preview = preview,
        };
    }
}
