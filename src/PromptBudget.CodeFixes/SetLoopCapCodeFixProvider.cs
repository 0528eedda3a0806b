using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptBudget.CodeFixes;

/// <summary>
/// PB1012: sets Microsoft.Extensions.AI's <c>MaximumIterationsPerRequest</c> explicitly where the loop is made, which may
/// be another file than the call (a registration in Program.cs): <c>UseFunctionInvocation()</c> gets
/// <c>configure: c =&gt; c.MaximumIterationsPerRequest = 5</c>, <c>new FunctionInvokingChatClient(inner)</c> gets
/// <c>{ MaximumIterationsPerRequest = 5 }</c>. Semantic Kernel has no such setting, so its loops get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetLoopCapCodeFixProvider)), Shared]
public sealed class SetLoopCapCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "PromptBudget.SetMaximumIterationsPerRequest";

    private const string Setting = "MaximumIterationsPerRequest";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Analyzers.RuleIdentifiers.ToolLoopAtLibraryDefault);

    // Several calls share one pipeline and so one place to fix: a batch fix would edit it once per call.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("LoopFix", out var shape) || shape is null
                || !diagnostic.Properties.TryGetValue("LoopCap", out var capText)
                || !int.TryParse(capText, NumberStyles.None, CultureInfo.InvariantCulture, out var cap)
                || diagnostic.AdditionalLocations.Count == 0
                || context.Document.Project.Solution.GetDocument(diagnostic.AdditionalLocations[0].SourceTree) is not { } target)
            {
                continue;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            context.RegisterCodeFix(
                CodeAction.Create($"Set {Setting} = {cap.ToString(CultureInfo.InvariantCulture)}", ct => FixAsync(target, span, shape, cap, ct), equivalenceKey: EquivalenceKey),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> FixAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string shape, int cap, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(span, getInnermostNodeForTie: true);
        var value = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(cap));
        SyntaxNode? fixedRoot = null;
        switch (shape)
        {
            case "ConfigureArgument" when node?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } use:
                // configure: c => c.MaximumIterationsPerRequest = 5 (named: the logger factory before it is optional).
                var callback = SimpleLambdaExpression(Parameter(Identifier("c")),
                    AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
                        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("c"), IdentifierName(Setting)), value));
                var argument = Argument(callback).WithNameColon(NameColon(IdentifierName("configure")));
                fixedRoot = root!.ReplaceNode(use, use.WithArgumentList(use.ArgumentList.AddArguments(argument)).WithAdditionalAnnotations(Formatter.Annotation));
                break;
            case "ObjectInitializer" when node?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(Setting), value);
                var initializer = creation.Initializer is { } existing
                    ? existing.WithExpressions(existing.Expressions.Add(assignment))
                    : InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(assignment));
                fixedRoot = root!.ReplaceNode(creation, creation.WithInitializer(initializer).WithAdditionalAnnotations(Formatter.Annotation));
                break;
        }

        if (fixedRoot is null)
        {
            return document.Project.Solution;
        }

        var formatted = await Formatter.FormatAsync(document.WithSyntaxRoot(fixedRoot), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return formatted.Project.Solution;
    }
}
