using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Analyzers.Diagnostics;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Infrastructure;
using PromptBudget.Analyzers.PromptFiles;

// RS1013: the compilation-start action is the shared one that bails out when no LLM SDK is referenced.
#pragma warning disable RS1013

namespace PromptBudget.Analyzers;

/// <summary>
/// Reports PromptBudget settings and price files that cannot be used (PB2001, PB2002), once per
/// compilation, naming the key or the file. The setting is ignored; everything else still works.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PromptBudgetConfigurationAnalyzer : PromptBudgetAnalyzerBase
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.InvalidConfigurationValue, Rules.InvalidPriceFile);

    internal override void AnalyzeCompilation(CompilationStartAnalysisContext context, PromptBudgetCompilationContext compilationContext)
    {
        context.RegisterCompilationEndAction(end =>
        {
            foreach (var tree in end.Compilation.SyntaxTrees)
            {
                compilationContext.SettingsFor(tree);
            }

            // A key set only in an .editorconfig section that matches prompt files ([Prompts/**]) is read for them alone.
            foreach (var entry in PromptFileSet.Find(end.Options))
            {
                compilationContext.SettingsFor(entry.Prompt);
            }

            foreach (var error in compilationContext.SettingErrors().OrderBy(e => e.Key).ThenBy(e => e.Value))
            {
                end.ReportDiagnostic(Diagnostic.Create(Rules.InvalidConfigurationValue, Location.None, error.Key, error.Value, error.Reason));
            }

            foreach (var problem in compilationContext.PriceFileProblems)
            {
                end.ReportDiagnostic(Diagnostic.Create(Rules.InvalidPriceFile, Location.None, problem));
            }

            foreach (var error in compilationContext.Prices.Errors)
            {
                var line = System.Math.Max(0, error.Line - 1);
                var location = Location.Create(error.File, default(TextSpan), new LinePositionSpan(new LinePosition(line, 0), new LinePosition(line, 0)));
                end.ReportDiagnostic(Diagnostic.Create(Rules.InvalidPriceFile, location, error.ToString()));
            }
        });
    }

    // No LLM SDK, but prompt files are call sites of their own: their settings are checked the same way.
    internal override void AnalyzeCompilationWithoutSdk(CompilationStartAnalysisContext context)
    {
        if (PromptBudgetCompilationContext.IsTurnedOff(context.Options) || PromptFileSet.Find(context.Options) is not { Count: > 0 } entries)
        {
            return;
        }

        context.RegisterCompilationEndAction(end =>
        {
            var global = end.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var errors = entries
                .SelectMany(e => SettingsReader.Read(end.Options.AnalyzerConfigOptionsProvider.GetOptions(e.Prompt), global).Errors)
                .GroupBy(e => (e.Key, e.Value)).Select(g => g.First());
            foreach (var error in errors.OrderBy(e => e.Key).ThenBy(e => e.Value))
            {
                end.ReportDiagnostic(Diagnostic.Create(Rules.InvalidConfigurationValue, Location.None, error.Key, error.Value, error.Reason));
            }
        });
    }
}
