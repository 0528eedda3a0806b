using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Diagnostics;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Infrastructure;
using PromptBudget.Analyzers.Payload;
using PromptBudget.Core.Budgets;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Analyzers;

/// <summary>
/// Finds each call that sends a prompt to a model and reports its tokens and worst-case cost
/// (PB0001) and the per-call problems (PB1xxx). The rules share one analysis because they share
/// its expensive part: following the values and tokenizing the prompt, once per call site.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptCallSiteAnalyzer : PromptBudgetAnalyzerBase
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Rules.CallSiteCost,
        Rules.InputTokensOverBudget,
        Rules.CostPerCallOverBudget,
        Rules.MaxOutputNotSet,
        Rules.MaxOutputOverBudget,
        Rules.MaxOutputOverModelLimit,
        Rules.ContextWindowOverflow,
        Rules.UnboundedDynamicSegment,
        Rules.UnknownModel,
        Rules.ModelNotDeterminable,
        Rules.PayloadNotWritten,
        Rules.PayloadCarrier);

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PromptBudgetCompilationContext compilationContext)
    {
        var payload = StartPayload(context);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, compilationContext, payload), OperationKind.Invocation);
    }

    // No LLM SDK: the build's report still needs this compilation's (empty) payload to know it is current.
    internal override void AnalyzeCompilationWithoutSdk(CompilationStartAnalysisContext context) => StartPayload(context);

    /// <summary>The payload writer of a command-line build (null in the IDE), written at compilation end.</summary>
    // RS1013: the end action is the write of what the caller's operation actions collect (none without an SDK).
#pragma warning disable RS1013
    private static CallSitePayloadWriter? StartPayload(CompilationStartAnalysisContext context)
#pragma warning restore RS1013
    {
        if (PromptBudgetCompilationContext.IsTurnedOff(context.Options) || PayloadChannel.Find(context.Options, context.CancellationToken) is not { } channel)
        {
            return null;
        }

        var writer = new CallSitePayloadWriter(channel);
        context.RegisterCompilationEndAction(end =>
        {
            if (writer.Write() is { } problem)
            {
                end.ReportDiagnostic(Diagnostic.Create(Rules.PayloadNotWritten, Location.None, writer.PayloadPath, problem));
            }
        });
        return writer;
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, PromptBudgetCompilationContext compilationContext, CallSitePayloadWriter? payload)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var site = compilationContext.Recognize(invocation, context.CancellationToken);
        if (site is null)
        {
            return;
        }

        var settings = compilationContext.SettingsFor(invocation.Syntax.SyntaxTree);
        var estimation = CallSiteEstimation.Create(site, settings, compilationContext.Estimator);
        var member = context.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var record = CallSitePayloadBuilder.Build(estimation, settings, member, Ordinal(invocation, compilationContext.Tracker), compilationContext.Prices.Date);
        payload?.Add(invocation.Syntax.SyntaxTree.FilePath, invocation.Syntax.SpanStart, record);

        Report(context, estimation);
    }

    private static void Report(OperationAnalysisContext context, CallSiteEstimation estimation)
    {
        var site = estimation.Site;
        var location = site.Location;
        var e = estimation.Estimate;
        var modelName = estimation.Model.Name ?? "unknown model";

        if (!estimation.Model.IsKnown)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.ModelNotDeterminable, location, site.Sdk, ModelNotDeterminableReason(estimation.Model)));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rules.CallSiteCost,
            location,
            site.Sdk,
            modelName + estimation.Model.Origin switch { ModelOrigin.Default => ", default model", ModelOrigin.Configuration => ", from configuration", _ => "" },
            NumberText.Count(e.InputTokens),
            e.Exact ? "exact" : "estimated",
            e.OutputTokens is { } output ? NumberText.Count(output) : "unknown",
            e.OutputSource switch { MaxOutputSource.Set => "set", MaxOutputSource.ModelMaximum => "model maximum, not set", _ => "not set" },
            NumberText.Usd(e.WorstCaseCostUsd)));

        if (!e.ModelKnown && estimation.Model.IsKnown)
        {
            var suggestions = e.Suggestions.Count == 0 ? "" : "; did you mean " + string.Join(", ", e.Suggestions.Select(s => "'" + s + "'")) + "?";
            context.ReportDiagnostic(Diagnostic.Create(Rules.UnknownModel, location, modelName, suggestions));
        }

        if (site.MaxOutputTokens is null && !site.MaxOutputIsDynamic && e.OutputSource == MaxOutputSource.ModelMaximum)
        {
            var fixProperties = ImmutableDictionary<string, string?>.Empty;
            var additional = Enumerable.Empty<Location>();
            if (site.Fix is { } fix)
            {
                fixProperties = fixProperties
                    .Add("PropertyName", fix.PropertyName)
                    .Add("OptionsType", fix.OptionsTypeMetadataName)
                    .Add("MaxOutputTokens", (estimation.Policy.MaxOutputTokens ?? SettingsFixValue(context, site)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (fix.OptionsCreation is { } creation)
                {
                    additional = new[] { creation };
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rules.MaxOutputNotSet, location, additional, fixProperties,
                modelName, NumberText.Count(e.OutputTokens ?? 0), NumberText.Usd(e.WorstCaseCostUsd), site.Fix?.PropertyName ?? "a max output token limit"));
        }

        if (e.MaxOutputExceedsModelLimit)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.MaxOutputOverModelLimit, location, NumberText.Count(site.MaxOutputTokens ?? 0), modelName, NumberText.Count(e.ModelOutputLimit ?? 0), MaxOutputSetting(site)));
        }

        if (e.CanOverflowContextWindow || e.InputExceedsContextWindow)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.ContextWindowOverflow, location, NumberText.Count(e.InputTokens), NumberText.Count(e.OutputTokens ?? 0), modelName, NumberText.Count(e.ContextWindow ?? 0), MaxOutputSetting(site)));
        }

        foreach (var violation in estimation.Violations)
        {
            ReportViolation(context, location, violation, site, modelName);
        }
    }

    // What stopped the analyzer: why (a registration, a kernel, a configuration key) or the expression it could not read.
    private static string ModelNotDeterminableReason(ModelReference model) =>
        model.Detail ?? (string.IsNullOrEmpty(model.Expression) ? "the code gives no model" : "'" + model.Expression + "' is not a value the analyzer can read");

    // The SDK's own name for the max-output setting, so the message says what to change.
    private static string MaxOutputSetting(PromptCallSite site) => site.Fix?.PropertyName ?? "the max output tokens";

    private static long SettingsFixValue(OperationAnalysisContext context, PromptCallSite site) =>
        context.Options.AnalyzerConfigOptionsProvider.GetOptions(site.Operation.Syntax.SyntaxTree)
            .TryGetValue(Configuration.SettingKeys.FixMaxOutputTokens.EditorConfigKey, out var text)
        && long.TryParse(text, out var value) && value > 0
            ? value
            : Configuration.PromptBudgetSettings.DocumentedFixMaxOutputTokens;

    private static void ReportViolation(OperationAnalysisContext context, Location location, BudgetViolation violation, PromptCallSite site, string model)
    {
        switch (violation.Kind)
        {
            case BudgetKind.InputTokens:
                context.ReportDiagnostic(Diagnostic.Create(Rules.InputTokensOverBudget, location, model, NumberText.Count((long)violation.Actual), NumberText.Count((long)violation.Over), NumberText.Count((long)violation.Limit)));
                break;
            case BudgetKind.CostPerCall:
                context.ReportDiagnostic(Diagnostic.Create(Rules.CostPerCallOverBudget, location, model, NumberText.Usd(violation.Actual), NumberText.Usd(violation.Over), NumberText.Usd(violation.Limit)));
                break;
            case BudgetKind.OutputTokens:
                context.ReportDiagnostic(Diagnostic.Create(Rules.MaxOutputOverBudget, location, model, NumberText.Count((long)violation.Actual), NumberText.Count((long)violation.Over), NumberText.Count((long)violation.Limit), MaxOutputSetting(site)));
                break;
            case BudgetKind.UnboundedSegment:
                // One diagnostic per call, naming the first segments: a prompt built from thousands of parts stays one line.
                var names = site.Messages.SelectMany(m => m.Text.DynamicParts).Where(p => p.BoundTokens is null).Select(p => p.Name).Distinct().ToList();
                var shown = string.Join("', '", names.Take(3)) + (names.Count > 3 ? $"' and {names.Count - 3} more" : "'");
                context.ReportDiagnostic(Diagnostic.Create(Rules.UnboundedDynamicSegment, location, "'" + shown, model));
                break;
        }
    }

    // The call's position among calls to the same method in its member: stable when lines move.
    private static int Ordinal(IInvocationOperation invocation, Evaluation.ValueTracker tracker)
    {
        return tracker.IndexOf(invocation).InvocationsBefore(invocation.TargetMethod.Name, invocation.Syntax.SpanStart);
    }
}
