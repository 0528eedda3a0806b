using System.Linq;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Core.Budgets;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Reporting;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Analyzers.Diagnostics;

/// <summary>Turns an estimated call site into the PB0001 payload the MSBuild task reads.</summary>
internal static class CallSitePayloadBuilder
{
    private const int PreviewLength = 80;

    public static CallSiteRecord Build(CallSiteEstimation estimation, PromptBudgetSettings settings, string member, int ordinal, string? priceDate)
    {
        var site = estimation.Site;
        var e = estimation.Estimate;
        var span = site.Location.GetLineSpan();
        var record = new CallSiteRecord
        {
            File = span.Path ?? "",
            Line = span.StartLinePosition.Line + 1,
            Column = span.StartLinePosition.Character + 1,
            Member = member,
            Ordinal = ordinal,
            Feature = settings.Feature,
            CallsPerRequest = settings.CallsPerRequest,
            Sdk = site.Sdk,
            Model = estimation.Model.Name,
            ModelSource = estimation.Model.Origin switch
            {
                ModelOrigin.Code => "code",
                ModelOrigin.Deployment => "deployment",
                ModelOrigin.Configuration => "configuration",
                ModelOrigin.Default => "default",
                _ => "unknown",
            },
            ModelSourceDetail = estimation.Model.Detail,
            ResolvedModel = e.ResolvedModel,
            Encoding = e.Encoding.Name(),
            Exact = e.Exact,
            TokenizerFactor = e.Tokenizer.Factor,
            StaticTokens = e.StaticTokens,
            OverheadTokens = e.OverheadTokens,
            BoundedDynamicTokens = e.BoundedDynamicTokens,
            AssumedUnboundedTokens = e.AssumedUnboundedTokens,
            InputTokens = e.InputTokens,
            UnboundedSegments = e.UnboundedSegments,
            MaxOutputTokens = e.OutputTokens ?? site.MaxOutputTokens,
            MaxOutputSource = e.OutputSource switch
            {
                MaxOutputSource.Set => "set",
                MaxOutputSource.ModelMaximum => "model-maximum",
                _ => site.MaxOutputTokens is null ? "unknown" : "set",
            },
            ReasoningTokens = e.ReasoningTokens,
            CacheablePrefixTokens = e.CacheablePrefixTokens,
            ContextWindow = e.ContextWindow,
            CanOverflowContextWindow = e.CanOverflowContextWindow,
            PriceTierAboveTokens = e.PriceTierAboveTokens,
            InputCostUsd = e.InputCostUsd,
            OutputCostUsd = e.OutputCostUsd,
            WorstCaseCostUsd = e.WorstCaseCostUsd,
            CachedCaseCostUsd = e.CachedCaseCostUsd,
            CacheWriteCaseCostUsd = e.CacheWriteCaseCostUsd,
            PriceDate = priceDate,
            Preview = settings.RedactPrompts ? "" : Preview(site),
            BudgetMaxInputTokens = estimation.Policy.MaxInputTokens,
            BudgetMaxOutputTokens = estimation.Policy.MaxOutputTokens,
            BudgetMaxCostPerCallUsd = estimation.Policy.MaxCostPerCallUsd,
        };

        foreach (var part in site.Messages.SelectMany(m => m.Text.DynamicParts))
        {
            record.Segments.Add(new SegmentRecord { Name = part.Name, BoundTokens = part.BoundTokens });
        }

        foreach (var violation in estimation.Violations)
        {
            record.Violations.Add(new ViolationRecord { Kind = KindName(violation.Kind), Limit = violation.Limit, Actual = violation.Actual, Unit = violation.Unit });
        }

        return record;
    }

    public static string KindName(BudgetKind kind) => kind switch
    {
        BudgetKind.InputTokens => "input-tokens",
        BudgetKind.OutputTokens => "output-tokens",
        BudgetKind.CostPerCall => "cost-per-call",
        _ => "unbounded-segment",
    };

    private static string Preview(PromptCallSite site)
    {
        var text = string.Join(" ", site.Messages.Select(m => m.Text.StaticText)).Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.Length <= PreviewLength ? text : text.Substring(0, PreviewLength - 1) + "…";
    }
}
