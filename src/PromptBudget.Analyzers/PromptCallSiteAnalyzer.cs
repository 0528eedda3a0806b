using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Diagnostics;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Infrastructure;
using PromptBudget.Analyzers.Payload;
using PromptBudget.Analyzers.PromptFiles;
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
        Rules.ValueOutOfRange,
        Rules.PromptFileNotFound,
        Rules.ToolLoopAtLibraryDefault,
        Rules.PayloadNotWritten,
        Rules.TokenizerUnavailable,
        Rules.InvalidPromptFile,
        Rules.PayloadCarrier);

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PromptBudgetCompilationContext compilationContext)
    {
        // The payload channel is read once here: the payload writer and the prompt files' project directory both use it.
        var channel = PayloadChannel.Find(context.Options, context.CancellationToken);
        var promptFiles = PromptFileAnalysis.Start(context, compilationContext, channel);
        var payload = StartPayload(context, promptFiles, channel);
        var loaders = new PromptFileLoaderCheck(promptFiles?.ProjectDirectoryPath ?? PromptFileAnalysis.ProjectDirectory(context.Options, channel), promptFiles);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, compilationContext, payload, loaders), OperationKind.Invocation);
        context.RegisterOperationAction(c => AnalyzeDynamicInvocation(c, compilationContext, payload), OperationKind.DynamicInvocation);
    }

    // A prompt call bound at run time (a dynamic argument or client) cannot be read: PB1009 says so, PB0001 shows it with
    // no cost, and its record (no model, no cost) makes the report incomplete rather than the call vanish.
    private static void AnalyzeDynamicInvocation(OperationAnalysisContext context, PromptBudgetCompilationContext compilationContext, CallSitePayloadWriter? payload)
    {
        var invocation = (IDynamicInvocationOperation)context.Operation;
        if (DynamicPromptCall.Recognize(invocation, compilationContext.Tracker, context.CancellationToken) is not { } call)
        {
            return;
        }

        var settings = compilationContext.SettingsFor(invocation.Syntax.SyntaxTree);
        var reason = DynamicPromptCall.Reason(call.What);
        var member = context.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var record = DynamicPromptCall.Record(invocation, call.Sdk, reason, member, compilationContext.Prices.Date);
        record.Feature = settings.Feature;
        record.CallsPerRequest = settings.CallsPerRequest;
        record.Branch = BranchPath.Of(invocation.Syntax);
        payload?.Add(invocation.Syntax.SyntaxTree.FilePath, invocation.Syntax.SpanStart, record);

        var location = invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Rules.ModelNotDeterminable, location, call.Sdk, reason));
        context.ReportDiagnostic(Diagnostic.Create(Rules.CallSiteCost, location, call.Sdk, "unknown model", "input not read (dynamic call)", "not counted", "unknown", "not read", NumberText.Usd((decimal?)null)));
    }

    // No LLM SDK: the build's report still needs this compilation's payload to know it is current (empty,
    // or the call sites of its prompt files).
    internal override void AnalyzeCompilationWithoutSdk(CompilationStartAnalysisContext context)
    {
        var channel = PayloadChannel.Find(context.Options, context.CancellationToken);
        StartPayload(context, PromptFileAnalysis.Start(context, null, channel), channel);
    }

    /// <summary>The payload writer of a command-line build (null in the IDE), written at compilation end.</summary>
    // RS1013: the end action is the write of what the caller's operation actions collect (none without an SDK).
#pragma warning disable RS1013
    private static CallSitePayloadWriter? StartPayload(CompilationStartAnalysisContext context, PromptFileAnalysis? promptFiles, PayloadChannel? channel)
#pragma warning restore RS1013
    {
        if (PromptBudgetCompilationContext.IsTurnedOff(context.Options) || channel is null)
        {
            return null;
        }

        var writer = new CallSitePayloadWriter(channel);
        context.RegisterCompilationEndAction(end =>
        {
            promptFiles?.AddRecords(writer, end.CancellationToken);
            if (writer.Write() is { } problem)
            {
                end.ReportDiagnostic(Diagnostic.Create(Rules.PayloadNotWritten, Location.None, writer.PayloadPath, problem));
            }
        });
        return writer;
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, PromptBudgetCompilationContext compilationContext, CallSitePayloadWriter? payload, PromptFileLoaderCheck loaders)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var site = compilationContext.Recognize(invocation, context.CancellationToken);
        if (site is null)
        {
            loaders.Check(invocation, compilationContext, context.ReportDiagnostic, context.CancellationToken);
            return;
        }

        var settings = compilationContext.SettingsFor(invocation.Syntax.SyntaxTree);
        var estimation = CallSiteEstimation.Create(site, settings, compilationContext.Estimator, context.CancellationToken);
        var member = context.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var record = CallSitePayloadBuilder.Build(estimation, settings, member, Ordinal(invocation, compilationContext.Tracker), compilationContext.Prices.Date);
        record.Branch = BranchPath.Of(invocation.Syntax);
        payload?.Add(invocation.Syntax.SyntaxTree.FilePath, invocation.Syntax.SpanStart, record);
        TokenizerFailureReport.ReportOnce(context, compilationContext, estimation);

        Report(context.ReportDiagnostic, estimation, settings);
    }

    /// <summary>The diagnostics of one estimated call site (a call in code or a prompt file).</summary>
    internal static void Report(System.Action<Diagnostic> report, CallSiteEstimation estimation, Configuration.PromptBudgetSettings settings)
    {
        var site = estimation.Site;
        var location = site.Location;
        var e = estimation.Estimate;
        var modelName = estimation.Model.Name ?? "unknown model";

        foreach (var value in estimation.OutOfRangeValues)
        {
            report(Diagnostic.Create(Rules.ValueOutOfRange, location, value.What, NumberText.Count(value.Value), value.Problem, value.Consequence));
        }

        if (!estimation.Model.IsKnown)
        {
            report(Diagnostic.Create(Rules.ModelNotDeterminable, location, site.Sdk, ModelNotDeterminableReason(estimation.Model)));
        }

        report(Diagnostic.Create(
            Rules.CallSiteCost,
            location,
            site.Sdk,
            modelName + estimation.Model.Origin switch { ModelOrigin.Default => ", default model", ModelOrigin.Configuration => ", from configuration", _ => "" },
            NumberText.Tokens(e.InputTokens, e.HasMargin ? e.InputTokensUpperBound : null, e.Exact, " input tokens"),
            e.Exact ? "exact" : "estimated",
            e.OutputTokens is { } output ? NumberText.Count(output) : "unknown",
            e.OutputSource switch { MaxOutputSource.Set => site.MaxOutputDetail is null ? "set" : "set in configuration", MaxOutputSource.ModelMaximum => "model maximum, not set", _ => "not set" },
            NumberText.Usd(e.WorstCaseCostUsd)));

        if (!e.ModelKnown && estimation.Model.IsKnown)
        {
            var suggestions = e.Suggestions.Count == 0 ? "" : "; did you mean " + string.Join(", ", e.Suggestions.Select(s => "'" + s + "'")) + "?";
            report(Diagnostic.Create(Rules.UnknownModel, location, modelName, suggestions));
        }

        if (site.MaxOutputTokens is null && !site.MaxOutputIsDynamic && e.OutputSource == MaxOutputSource.ModelMaximum)
        {
            var fixProperties = ImmutableDictionary<string, string?>.Empty;
            var additional = Enumerable.Empty<Location>();
            if (site.Fix is { OptionsTypeMetadataName.Length: > 0 } fix)
            {
                fixProperties = fixProperties
                    .Add("PropertyName", fix.PropertyName)
                    .Add("OptionsType", fix.OptionsTypeMetadataName)
                    .Add("MaxOutputTokens", (estimation.Policy.MaxOutputTokens ?? settings.FixMaxOutputTokens).ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (fix.OptionsCreation is { } creation)
                {
                    additional = new[] { creation };
                }
            }

            report(Diagnostic.Create(
                Rules.MaxOutputNotSet, location, additional, fixProperties,
                modelName, NumberText.Count(e.OutputTokens ?? 0), NumberText.Usd(e.WorstCaseCostUsd), site.Fix?.PropertyName ?? "a max output token limit"));
        }

        if (e.MaxOutputExceedsModelLimit)
        {
            report(Diagnostic.Create(Rules.MaxOutputOverModelLimit, location, NumberText.Count(site.MaxOutputTokens ?? 0), modelName, NumberText.Count(e.ModelOutputLimit ?? 0), MaxOutputSetting(site)));
        }

        if (e.CanOverflowContextWindow || e.InputExceedsContextWindow)
        {
            report(Diagnostic.Create(Rules.ContextWindowOverflow, location, NumberText.Count(e.InputTokensUpperBound), NumberText.Count(e.OutputTokens ?? 0), modelName, NumberText.Count(e.ContextWindow ?? 0), MaxOutputSetting(site)));
        }

        foreach (var violation in estimation.Violations)
        {
            ReportViolation(report, location, violation, site, modelName);
        }

        ReportLoopAtDefault(report, estimation);
    }

    // PB1012: a loop left at its library's default cap, with one request's worst case there and at a small explicit cap.
    private static void ReportLoopAtDefault(System.Action<Diagnostic> report, CallSiteEstimation estimation)
    {
        if (estimation.Site.Loop is not { Source: Discovery.Loops.LoopCapSource.LibraryDefault } loop || estimation.Request is not { } request || estimation.SmallCapRequest is not { } small)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        var additional = Enumerable.Empty<Location>();
        if (loop.Fix != Discovery.Loops.LoopFixShape.None && loop.FixLocation is { } fixLocation)
        {
            properties = properties.Add("LoopFix", loop.Fix.ToString()).Add("LoopCap", CallSiteEstimation.SmallLoopCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
            additional = new[] { fixLocation };
        }

        var smallCap = loop.SettingName == Discovery.Loops.LoopLibraryDefaults.ExtensionsAISetting
            ? loop.SettingName + " = " + CallSiteEstimation.SmallLoopCap.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "a cap of " + CallSiteEstimation.SmallLoopCap.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + loop.SettingName + ")";
        report(Diagnostic.Create(
            Rules.ToolLoopAtLibraryDefault, estimation.Site.Location, additional, properties,
            NumberText.Count(request.ModelCalls),
            loop.Detail,
            NumberText.Usd(request.CostUsd),
            NumberText.Count(request.InputTokens),
            NumberText.Count(request.OutputTokens),
            NumberText.Count(estimation.ToolResultTokens),
            ToolResultNote(estimation),
            smallCap,
            NumberText.Usd(small.CostUsd)));
    }

    // Why the tool results of a loop are the assumed default: not set, or set to a value PB2001 refuses.
    private static string ToolResultNote(CallSiteEstimation estimation) =>
        !estimation.ToolResultTokensAssumed ? ""
        : estimation.ToolResultTokensRejected is { } bad ? ", assumed: the prompt_budget.tool_result_tokens value '" + bad + "' cannot be used (PB2001), so the default is used"
        : ", assumed: set prompt_budget.tool_result_tokens";

    // What stopped the analyzer: why (a registration, a kernel, a configuration key) or the expression it could not read.
    private static string ModelNotDeterminableReason(ModelReference model) =>
        model.Detail ?? (string.IsNullOrEmpty(model.Expression) ? "the code gives no model" : "'" + model.Expression + "' is not a value the analyzer can read");

    // The SDK's own name for the max-output setting, so the message says what to change.
    private static string MaxOutputSetting(PromptCallSite site) => site.Fix?.PropertyName ?? "the max output tokens";


    private static void ReportViolation(System.Action<Diagnostic> report, Location location, BudgetViolation violation, PromptCallSite site, string model)
    {
        switch (violation.Kind)
        {
            case BudgetKind.InputTokens:
                report(Diagnostic.Create(Rules.InputTokensOverBudget, location, model, NumberText.Count((long)violation.Actual), NumberText.Count((long)violation.Over), NumberText.Count((long)violation.Limit)));
                break;
            case BudgetKind.CostPerCall:
                report(Diagnostic.Create(Rules.CostPerCallOverBudget, location, model, NumberText.Usd(violation.Actual), NumberText.Usd(violation.Over), NumberText.Usd(violation.Limit)));
                break;
            case BudgetKind.OutputTokens:
                report(Diagnostic.Create(Rules.MaxOutputOverBudget, location, model, NumberText.Count((long)violation.Actual), NumberText.Count((long)violation.Over), NumberText.Count((long)violation.Limit), MaxOutputSetting(site)));
                break;
            case BudgetKind.UnboundedSegment:
                // One diagnostic per call, naming the first segments: a prompt built from thousands of parts stays one line.
                var parts = site.AllDynamicParts().Where(p => !p.IsBounded).GroupBy(p => p.Name).Select(g => g.First()).ToList();
                // A part the analyzer stopped at (a virtual helper, a recursive call) says why after its name.
                var names = parts.Select(p => "'" + p.Name + "'" + (p.Why is { } why ? " (" + why + ")" : ""))
                    .Concat(site.Messages.SelectMany(m => m.Images).Where(i => Core.Tokenization.ImageTokens.WorstCase(i.ToInput(), model) is null).Select(i => "'image " + i.Source + "'"))
                    .Distinct().ToList();
                var shown = string.Join(", ", names.Take(3)) + (names.Count > 3 ? $" and {names.Count - 3} more" : "");
                report(Diagnostic.Create(Rules.UnboundedDynamicSegment, location, shown, model, BoundAdvice(parts.Take(3).ToList())));
                break;
        }
    }

    // How to declare a bound for the parts PB1007 names: the attribute where the value is declared (a parameter,
    // field, property or method), PromptBound.Tokens around a value an attribute cannot reach (a local, an
    // expression). Written with the namespace, so the advice compiles as copied, with no using directive.
    internal static string BoundAdvice(IReadOnlyList<Evaluation.DynamicPart> parts)
    {
        var declared = parts.Where(p => p.Origin is Evaluation.SegmentOrigin.Parameter or Evaluation.SegmentOrigin.Field or Evaluation.SegmentOrigin.Property or Evaluation.SegmentOrigin.Method).Select(p => p.Name).ToList();
        var wrapped = parts.Where(p => !declared.Contains(p.Name)).Select(p => p.Name).ToList();
        var advice = new List<string>();
        if (declared.Count > 0)
        {
            advice.Add("add [PromptBudget.PromptBound(n)] where '" + string.Join("', '", declared) + "' " + (declared.Count == 1 ? "is" : "are") + " declared");
        }

        if (wrapped.Count == 1)
        {
            advice.Add("wrap the value: PromptBudget.PromptBound.Tokens(" + wrapped[0] + ", n)");
        }
        else if (wrapped.Count > 1)
        {
            advice.Add("wrap each value: PromptBudget.PromptBound.Tokens(" + wrapped[0] + ", n)");
        }

        return string.Join(", ", advice);
    }

    // The call's position among calls to the same method in its member: stable when lines move.
    private static int Ordinal(IInvocationOperation invocation, Evaluation.ValueTracker tracker)
    {
        return tracker.IndexOf(invocation).InvocationsBefore(invocation.TargetMethod.Name, invocation.Syntax.SpanStart);
    }
}
