using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptBudget.Analyzers.Infrastructure;

/// <summary>
/// The shared start of every PromptBudget analyzer: concurrent, generated code skipped, and a
/// per-compilation context built once — or nothing registered at all when no LLM SDK is referenced.
/// </summary>
public abstract class PromptBudgetAnalyzerBase : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var compilationContext = PromptBudgetCompilationContext.TryCreate(start.Compilation, start.Options, start.CancellationToken);
            if (compilationContext is not null)
            {
                AnalyzeCompilation(start, compilationContext);
            }
            else
            {
                AnalyzeCompilationWithoutSdk(start);
            }
        });
    }

    internal abstract void AnalyzeCompilation(CompilationStartAnalysisContext context, PromptBudgetCompilationContext compilationContext);

    /// <summary>A compilation with no LLM SDK (or PromptBudget turned off): nothing to analyse; by default nothing is registered.</summary>
#pragma warning disable RS1012 // an override may register; the base registers nothing on purpose
    internal virtual void AnalyzeCompilationWithoutSdk(CompilationStartAnalysisContext context)
    {
    }
#pragma warning restore RS1012
}
