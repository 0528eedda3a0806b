using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Diagnostics;
using PromptBudget.Analyzers.Infrastructure;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>
/// PB1011 at a Semantic Kernel loader call whose prompt file cannot be found: its path cannot be read, or no
/// prompt file of the compilation matches it. A call that is found adds nothing here: the file is the call site.
/// The method name is tested first, so the other invocations of a compilation cost one string comparison.
/// </summary>
internal sealed class PromptFileLoaderCheck
{
    private readonly string? _projectDirectory;
    private readonly IReadOnlyList<PromptFileEntry> _entries;

    /// <param name="projectDirectory">Where relative paths in code start (see <see cref="PromptFileAnalysis.ProjectDirectory"/>).</param>
    /// <param name="promptFiles">The compilation's prompt files; null when it has none.</param>
    public PromptFileLoaderCheck(string? projectDirectory, PromptFileAnalysis? promptFiles)
    {
        _projectDirectory = string.IsNullOrEmpty(projectDirectory) ? null : projectDirectory;
        _entries = promptFiles?.Entries ?? Array.Empty<PromptFileEntry>();
    }

    public void Check(IInvocationOperation invocation, PromptBudgetCompilationContext compilationContext, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (!PromptFileLoader.IsCandidateName(invocation.TargetMethod.Name)
            || PromptFileLoader.TryRead(invocation, compilationContext.RecognitionContext(cancellationToken)) is not { InlineText: false } loader)
        {
            return;
        }

        var location = invocation.Syntax.GetLocation();
        if (loader.Reference is not { } reference)
        {
            report(Diagnostic.Create(Rules.PromptFileNotFound, location, loader.Problem ?? "its path cannot be read"));
            return;
        }

        var (files, _) = reference.Resolve(_entries, _projectDirectory);
        if (files.Count == 0)
        {
            var what = reference.Kind switch
            {
                PromptFileReferenceKind.PromptDirectory => "no prompt directory (<Function>/skprompt.txt) under '" + reference.Text + "'",
                PromptFileReferenceKind.YamlDirectory => "no *.prompt.yaml or PromptBudgetPromptFile .yaml file in '" + reference.Text + "'",
                PromptFileReferenceKind.Resource => "no embedded resource or prompt file named '" + reference.Text + "'",
                _ => "no prompt file at '" + reference.Text + "'",
            };
            report(Diagnostic.Create(Rules.PromptFileNotFound, location, what + " among the project's AdditionalFiles; add it with <PromptBudgetPromptFile Include=\"...\" /> or as an EmbeddedResource"));
        }
    }
}
