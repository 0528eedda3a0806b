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
            InputTokensUpperBound = e.HasMargin ? e.InputTokensUpperBound : null,
            TokenizerMargin = e.Tokenizer.Margin > 0 && e.TokenizerFailure is null ? e.Tokenizer.Margin : null,
            Framing = e.Framing.Rule,
            UnboundedSegments = e.UnboundedSegments,
            ToolTokens = e.ToolTokens,
            ImageTokens = e.ImageTokens,
            Assumptions = e.Assumptions.Count == 0 ? null : string.Join("; ", e.Assumptions),
            MaxOutputTokens = e.OutputTokens ?? site.MaxOutputTokens,
            MaxOutputSource = e.OutputSource switch
            {
                MaxOutputSource.Set => site.MaxOutputDetail is null ? "set" : "configuration",
                MaxOutputSource.ModelMaximum => "model-maximum",
                _ => site.MaxOutputTokens is null ? "unknown" : "set",
            },
            MaxOutputSourceDetail = site.MaxOutputDetail,
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

        if (site.Loop is { } loop)
        {
            record.LoopIterationCap = loop.Cap;
            record.LoopIterationCapSource = loop.SourceName;
            record.LoopIterationCapDetail = loop.Detail;
            record.ToolResultTokens = estimation.ToolResultTokens;
            record.ToolResultTokensAssumed = settings.ToolResultTokens is null;
            if (estimation.Request is { } request)
            {
                record.RequestModelCalls = request.ModelCalls;
                record.RequestInputTokens = request.InputTokens;
                record.RequestOutputTokens = request.OutputTokens;
                record.RequestWorstCaseCostUsd = request.CostUsd;
            }
        }

        // The bound each part was counted with: a declared bound as written, a type's bound as counted with this model's tokenizer.
        var index = 0;
        foreach (var part in site.AllDynamicParts())
        {
            var bound = index < e.SegmentBounds.Count ? e.SegmentBounds[index] : part.BoundTokens;
            record.Segments.Add(new SegmentRecord { Name = part.Name, BoundTokens = bound, BoundSource = bound is null ? null : part.BoundSource });
            index++;
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

    /// <summary>
    /// The prompt as a reader would recognise it: the known text with each dynamic part shown by name in
    /// braces (<c>Translate the following text into {language}: {text}</c>), built only up to the preview's
    /// length, so a 10 MB literal costs no more than a short one.
    /// </summary>
    internal static string Preview(PromptCallSite site)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var message in site.Messages)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            foreach (var part in message.Text.Parts)
            {
                var piece = part switch
                {
                    Evaluation.LiteralPart literal => literal.Text,
                    Evaluation.DynamicPart dynamic => "{" + dynamic.Name + "}",
                    _ => "",
                };
                builder.Append(piece, 0, System.Math.Min(piece.Length, (PreviewLength * 2) - System.Math.Min(builder.Length, PreviewLength * 2)));
                if (builder.Length >= PreviewLength * 2)
                {
                    break;
                }
            }

            if (builder.Length >= PreviewLength * 2)
            {
                break;
            }
        }

        var text = System.Text.RegularExpressions.Regex.Replace(builder.ToString(), "\\s+", " ").Trim();
        return Evaluation.SegmentName.Shorten(text, PreviewLength);
    }
}
