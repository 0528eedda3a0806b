using System.Collections;
using System.Reflection;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Tests.Shared;

/// <summary>
/// A call-site record with every property set to something other than its default, so a round trip
/// that drops or mangles any one field shows. Linked into the Core and Build test projects.
/// </summary>
public static class FullCallSiteRecord
{
    public static CallSiteRecord Create() => new()
    {
        File = "Bot/Answer.cs",
        Line = 41,
        Column = 23,
        Member = "Support.Bot.AnswerAsync(string)",
        Ordinal = 2,
        Branch = "if#0:1/switch#1:2",
        Feature = "support-bot",
        CallsPerRequest = 1.5m,
        Sdk = "OpenAI.Chat",
        TemplateFormat = "handlebars",
        LoadedBy = "Program.cs:14 (path 'Prompts/story.prompt.yaml')",
        Model = "prod-chat",
        ModelSource = "alias",
        ModelSourceDetail = "appsettings.json: AI:Model",
        ResolvedModel = "gpt-4o",
        Encoding = "o200k_base",
        Exact = true,
        TokenizerFactor = 1.3m,
        StaticTokens = 1000,
        OverheadTokens = 7,
        BoundedDynamicTokens = 200,
        AssumedUnboundedTokens = 27,
        InputTokens = 1234,
        InputTokensUpperBound = 1265,
        TokenizerMargin = 0.025m,
        Framing = "ai-tokenizer 1.0.6 claude fit: 6 per request + (2 + role) per message",
        UnboundedSegments = 1,
        ToolTokens = 68,
        ImageTokens = 765,
        Assumptions = "1 tool: OpenAI cookbook function-definition formula",
        Segments = { new SegmentRecord { Name = "question", BoundTokens = 200, BoundSource = "[PromptBound]" }, new SegmentRecord { Name = "history" } },
        MaxOutputTokens = 16384,
        MaxOutputSource = "model-maximum",
        MaxOutputSourceDetail = "configuration key 'AI:MaxTokens' is set in no appsettings*.json file of the project",
        ReasoningTokens = 512,
        CacheablePrefixTokens = 1024,
        ContextWindow = 128000,
        CanOverflowContextWindow = true,
        PriceTierAboveTokens = 200000,
        InputCostUsd = 0.003085m,
        OutputCostUsd = 0.16384m,
        WorstCaseCostUsd = 0.166925m,
        CachedCaseCostUsd = 0.165645m,
        CacheWriteCaseCostUsd = 0.1682m,
        PriceDate = "2026-07-24",
        Preview = "You are a \"helpful\" <support> bot & more",
        LoopIterationCap = 40,
        LoopIterationCapSource = "library-default",
        LoopIterationCapDetail = "FunctionInvokingChatClient.MaximumIterationsPerRequest default of Microsoft.Extensions.AI 10.11.0.0",
        ToolResultTokens = 1000,
        ToolResultTokensAssumed = true,
        RequestModelCalls = 40,
        RequestInputTokens = 21_000_000,
        RequestOutputTokens = 655_360,
        RequestWorstCaseCostUsd = 59.0536m,
        BudgetMaxInputTokens = 1000,
        BudgetMaxOutputTokens = 4000,
        BudgetMaxCostPerCallUsd = 0.05m,
        Violations = { new ViolationRecord { Kind = "cost-per-call", Limit = 0.05m, Actual = 0.166925m, Unit = "usd" } },
    };

    /// <summary>Fails naming each property of <paramref name="record"/> that still has the value of a new record.</summary>
    public static void AssertNoDefaults(CallSiteRecord record)
    {
        var fresh = new CallSiteRecord();
        foreach (var property in typeof(CallSiteRecord).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(record);
            var isDefault = value is IList list ? list.Count == 0 : Equals(value, property.GetValue(fresh));
            Assert.False(isDefault, $"{property.Name} has its default value: was it written and read?");
        }
    }
}
