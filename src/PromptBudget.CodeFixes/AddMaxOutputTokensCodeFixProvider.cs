using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace PromptBudget.CodeFixes;

/// <summary>
/// PB1003: sets the SDK's own max-output property (<c>MaxOutputTokenCount</c>, <c>MaxOutputTokens</c>,
/// <c>MaxTokens</c>) to the configured <c>prompt_budget.max_output_tokens</c> (else
/// <c>prompt_budget.fix_max_output_tokens</c>, else 1024): in the options object the call already creates,
/// or in a new options argument.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMaxOutputTokensCodeFixProvider)), Shared]
public sealed class AddMaxOutputTokensCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Analyzers.RuleIdentifiers.MaxOutputNotSet);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>
    /// One key for every SDK: fix-all (and <c>dotnet format analyzers</c>) groups fixes by key, so a key per
    /// property name made a solution with two SDKs need one run per SDK.
    /// </summary>
    public const string EquivalenceKey = "PromptBudget.SetMaxOutputTokens";

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("PropertyName", out var property) || property is null
                || !diagnostic.Properties.TryGetValue("OptionsType", out var optionsType) || optionsType is null
                || !diagnostic.Properties.TryGetValue("MaxOutputTokens", out var valueText)
                || !long.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            var title = $"Set {property} = {value.ToString(CultureInfo.InvariantCulture)}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, root, diagnostic, property, optionsType, value, ct), equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, SyntaxNode root, Diagnostic diagnostic, string property, string optionsType, long value, CancellationToken cancellationToken)
    {
        var assignment = AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName(property), LiteralExpression(SyntaxKind.NumericLiteralExpression, value <= int.MaxValue ? Literal((int)value) : Literal(value)));

        // An options object is already created: add the property to its initializer.
        if (diagnostic.AdditionalLocations.Count > 0
            && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(creation, WithAssignment(creation, assignment)));
        }

        // No options: pass a new one, by name so the overload that takes it binds.
        var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (invocation is null || model is null || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return document;
        }

        var optionsSymbol = model.Compilation.GetTypeByMetadataName(optionsType);
        var target = OverloadWithOptions(method, optionsSymbol);
        if (target is null || optionsSymbol is null)
        {
            return document;
        }

        var optionsParameter = target.Parameters.First(p => SymbolEqualityComparer.Default.Equals(p.Type, optionsSymbol) || Inherits(optionsSymbol, p.Type));
        var typeSyntax = ParseTypeName(optionsSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation);
        var newOptions = ObjectCreationExpression(typeSyntax)
            .WithArgumentList(null)
            .WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList<ExpressionSyntax>(assignment)));
        var arguments = WrapExpandedParams(invocation.ArgumentList, method, model, cancellationToken);
        var newArgument = Argument(newOptions).WithNameColon(NameColon(IdentifierName(optionsParameter.Name)));
        var fixedInvocation = invocation.WithArgumentList(arguments.WithArguments(Append(arguments.Arguments, newArgument))).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, fixedInvocation));
    }

    private static BaseObjectCreationExpressionSyntax WithAssignment(BaseObjectCreationExpressionSyntax creation, ExpressionSyntax assignment)
    {
        if (creation.Initializer is { } initializer)
        {
            return creation.WithInitializer(initializer.WithExpressions(Append(initializer.Expressions, assignment)));
        }

        var withInitializer = creation.WithInitializer(InitializerExpression(SyntaxKind.ObjectInitializerExpression, SingletonSeparatedList(assignment)));
        return withInitializer.ArgumentList is { Arguments.Count: 0 } && withInitializer is ObjectCreationExpressionSyntax explicitCreation
            ? explicitCreation.WithArgumentList(null).WithType(explicitCreation.Type.WithoutTrailingTrivia()).WithAdditionalAnnotations(Formatter.Annotation)
            : withInitializer.WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>
    /// Adds <paramref name="item"/> the way the list is already written: when each item starts its own line,
    /// the new one does too, with the last item's indentation (so a multi-line argument list stays multi-line).
    /// </summary>
    private static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode
    {
        if (list.Count == 0 || !list[list.Count - 1].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
        {
            return list.Add(item);
        }

        var last = list[list.Count - 1];
        var nodes = list.ToList();
        var separators = list.GetSeparators().ToList();
        var indented = item.WithLeadingTrivia(last.GetLeadingTrivia());
        if (separators.Count == nodes.Count)
        {
            // `{ A = 1,⏎ }`: a trailing comma; the new item and its own comma go after it, on their own line.
            if (!separators[separators.Count - 1].TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                return list.Add(item);
            }

            nodes.Add(indented);
            separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[separators.Count - 1].TrailingTrivia));
            return SeparatedList(nodes, separators);
        }

        if (last.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            // `{⏎ A = 1⏎ }`: the line break moves after the new comma, and after the new item.
            nodes[nodes.Count - 1] = last.WithTrailingTrivia();
            nodes.Add(indented.WithTrailingTrivia(last.GetTrailingTrivia()));
            separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
            return SeparatedList(nodes, separators);
        }

        if (separators.Count > 0 && separators[separators.Count - 1].TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            // `(⏎ a,⏎ b)`: one item per line, the list closes on the last one's line.
            separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[separators.Count - 1].TrailingTrivia));
            nodes.Add(indented);
            return SeparatedList(nodes, separators);
        }

        return list.Add(item);
    }

    private static IMethodSymbol? OverloadWithOptions(IMethodSymbol method, INamedTypeSymbol? optionsType)
    {
        bool Takes(IMethodSymbol m) => optionsType is not null && m.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, optionsType) || Inherits(optionsType, p.Type));
        if (Takes(method))
        {
            return method;
        }

        return method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(Takes)
            .OrderBy(m => m.Parameters.Length)
            .FirstOrDefault();
    }

    private static bool Inherits(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    // CompleteChat(a, b) binds to a params overload; the overload with options takes a collection instead.
    private static ArgumentListSyntax WrapExpandedParams(ArgumentListSyntax arguments, IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        var last = method.Parameters.LastOrDefault();
        if (last is not { IsParams: true, Type: IArrayTypeSymbol array })
        {
            return arguments;
        }

        var paramsStart = method.Parameters.Length - 1;
        var expanded = arguments.Arguments.Skip(paramsStart).ToList();
        if (expanded.Count == 1 && model.GetTypeInfo(expanded[0].Expression, cancellationToken).Type is IArrayTypeSymbol)
        {
            return arguments;
        }

        var elementType = ParseTypeName(array.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation);
        var arrayCreation = ArrayCreationExpression(ArrayType(elementType, SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression())))))
            .WithInitializer(InitializerExpression(SyntaxKind.ArrayInitializerExpression, SeparatedList(expanded.Select(a => a.Expression.WithoutTrivia()))));
        var kept = arguments.Arguments.Take(paramsStart).ToList();
        kept.Add(Argument(arrayCreation));
        return arguments.WithArguments(SeparatedList(kept));
    }
}
