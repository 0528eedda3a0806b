using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Follows a value back to where it was made, the way a reader would: through conversions, locals
/// with one reaching assignment, readonly fields (and private fields only constructors assign) and
/// get-only properties set by an initializer or a constructor. Everything else stops the trail. One instance per compilation; thread-safe.
/// </summary>
internal sealed class ValueTracker
{
    private const int MaxHops = 8;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, IOperation?> _memberDefinitions = new(SymbolEqualityComparer.Default);
    // Keyed weakly by the method body's root operation, which belongs to this compilation: an index goes when its tree does.
    private readonly ConditionalWeakTableCache<IOperation, MethodBodyIndex> _indexes = new();
    private readonly ConcurrentDictionary<IFieldSymbol, bool> _constructorOnlyFields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _returnedValues = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, HelperReturn> _helperReturns = new(SymbolEqualityComparer.Default);

    public ValueTracker(Compilation compilation) => _compilation = compilation;

    /// <summary>Strips conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The operation that made the value, or the operation itself when the trail stops.</summary>
    public IOperation Definition(IOperation operation, CancellationToken cancellationToken)
    {
        var current = Unwrap(operation);
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var next = DefinitionStep(current, cancellationToken);
            if (next is null)
            {
                return current;
            }

            current = Unwrap(next);
        }

        return current;
    }

    /// <summary>One step back: the single value assigned to a local, readonly field or get-only property.</summary>
    public IOperation? DefinitionStep(IOperation operation, CancellationToken cancellationToken) => operation switch
    {
        ILocalReferenceOperation local => SingleLocalWrite(local, cancellationToken),
        IFieldReferenceOperation field when field.Field.IsReadOnly || field.Field.IsConst || IsWrittenOnlyInConstructors(field.Field, cancellationToken) => MemberDefinition(field.Field, cancellationToken),
        IPropertyReferenceOperation property when property.Property.SetMethod is null && property.Arguments.Length == 0 => MemberDefinition(property.Property, cancellationToken),
        _ => null,
    };

    /// <summary>The symbol a reference reads (local, field, property or parameter), if any.</summary>
    public static ISymbol? ReferencedSymbol(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation l => l.Local,
        IFieldReferenceOperation f => f.Field,
        IPropertyReferenceOperation p => p.Property,
        IParameterReferenceOperation p => p.Parameter,
        _ => null,
    };

    /// <summary>
    /// Invocations and property assignments made on the same local, field or property as
    /// <paramref name="reference"/>, in the method that holds <paramref name="site"/>, before it.
    /// </summary>
    public IEnumerable<IOperation> UsesBefore(IOperation reference, IOperation site)
    {
        var symbol = ReferencedSymbol(reference);
        return symbol is null
            ? Enumerable.Empty<IOperation>()
            : IndexOf(site).UsesBefore(symbol, site.Syntax.SpanStart);
    }

    /// <summary>The index of the method body that holds <paramref name="operation"/>, built once on first use.</summary>
    public MethodBodyIndex IndexOf(IOperation operation) => _indexes.GetOrAdd(Root(operation), root => new MethodBodyIndex(root));

    /// <summary>The indexes of the constructors of the type that declares <paramref name="member"/> (where a field or property is set up).</summary>
    public IEnumerable<MethodBodyIndex> ConstructorIndexes(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var constructor in member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (Operation(reference.GetSyntax(cancellationToken), cancellationToken) is { } body)
                {
                    yield return IndexOf(body);
                }
            }
        }
    }

    /// <summary>
    /// The body of a method of this compilation (the declaration that has one, for a partial method), cached per method so that
    /// its <see cref="IndexOf"/> is built once; null for a method declared elsewhere or with no body.
    /// </summary>
    public IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        _bodies.GetOrAdd(method.OriginalDefinition, m =>
        {
            foreach (var reference in m.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is BaseMethodDeclarationSyntax { Body: null, ExpressionBody: null } or LocalFunctionStatementSyntax { Body: null, ExpressionBody: null })
                {
                    continue;
                }

                if (Operation(syntax, cancellationToken) is { } body)
                {
                    return body;
                }
            }

            return null;
        });

    public static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private IOperation? SingleLocalWrite(ILocalReferenceOperation reference, CancellationToken cancellationToken)
    {
        var writes = IndexOf(reference).LocalWrites;
        cancellationToken.ThrowIfCancellationRequested();
        return writes.TryGetValue(reference.Local, out var list) && list.Count == 1 ? list[0] : null;
    }

    /// <summary>
    /// A private field that is not readonly but that nothing assigns outside the type's constructors
    /// (<c>private IChatClient _client;</c> set once in the constructor) is followed like a readonly
    /// one. Found by name in the type's own syntax: a write in any other member, an increment or a
    /// <c>ref</c>/<c>out</c> use stops it (a same-named local elsewhere only makes it more careful).
    /// </summary>
    private bool IsWrittenOnlyInConstructors(IFieldSymbol field, CancellationToken cancellationToken) =>
        field.DeclaredAccessibility == Accessibility.Private && !field.IsImplicitlyDeclared
        && _constructorOnlyFields.GetOrAdd(field, f => !IsWrittenOutsideConstructors(f, cancellationToken));

    private static bool IsWrittenOutsideConstructors(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != field.Name || !IsWrite(name))
                {
                    continue;
                }

                var constructor = name.FirstAncestorOrSelf<ConstructorDeclarationSyntax>();
                var inOwnConstructors = constructor is not null
                    && constructor.Modifiers.Any(m => m.ValueText == "static") == field.IsStatic
                    && name.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is null
                    && name.FirstAncestorOrSelf<LocalFunctionStatementSyntax>() is null;
                if (!inOwnConstructors)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // `x = …`, `this.x = …`, `x += …`, `x++`, `ref x`, `out x`.
    private static bool IsWrite(IdentifierNameSyntax name)
    {
        SyntaxNode target = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        return target.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == target,
            PrefixUnaryExpressionSyntax unary => IsIncrementOrDecrement(unary.OperatorToken),
            PostfixUnaryExpressionSyntax unary => IsIncrementOrDecrement(unary.OperatorToken),
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) && !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.InKeyword),
            _ => false,
        };
    }

    private static bool IsIncrementOrDecrement(SyntaxToken token) =>
        token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.PlusPlusToken) || token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.MinusMinusToken);

    private IOperation? MemberDefinition(ISymbol member, CancellationToken cancellationToken) =>
        _memberDefinitions.GetOrAdd(member, m => FindMemberDefinition(m, cancellationToken));

    private IOperation? FindMemberDefinition(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var values = new List<IOperation>();
        switch (syntax)
        {
            case VariableDeclaratorSyntax { Initializer: { } initializer }:
                AddOperation(values, initializer.Value, cancellationToken);
                break;
            case PropertyDeclarationSyntax { Initializer: { } initializer }:
                AddOperation(values, initializer.Value, cancellationToken);
                break;
            case PropertyDeclarationSyntax { ExpressionBody: { } body }:
                AddOperation(values, body.Expression, cancellationToken);
                return values.Count == 1 ? values[0] : null;
            case PropertyDeclarationSyntax { AccessorList: { } accessors }
                when accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null):
                // A property with a body computes its value: only a lone `return <expr>;` is followed.
                var getter = accessors.Accessors.FirstOrDefault(a => a.Keyword.Text == "get");
                if (getter?.ExpressionBody is { } arrow)
                {
                    AddOperation(values, arrow.Expression, cancellationToken);
                }
                else if (getter?.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax { Expression: { } returned })
                {
                    AddOperation(values, returned, cancellationToken);
                }

                return values.Count == 1 ? values[0] : null;
        }

        // Readonly fields and get-only auto-properties may also be set in the type's constructors.
        foreach (var constructor in member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var body = Operation(reference.GetSyntax(cancellationToken), cancellationToken);
                if (body is null)
                {
                    continue;
                }

                foreach (var assignment in body.Descendants().OfType<ISimpleAssignmentOperation>())
                {
                    var target = assignment.Target switch
                    {
                        IFieldReferenceOperation f => (ISymbol)f.Field,
                        IPropertyReferenceOperation p => p.Property,
                        _ => null,
                    };
                    if (SymbolEqualityComparer.Default.Equals(target, member))
                    {
                        values.Add(assignment.Value);
                    }
                }
            }
        }

        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>
    /// The value <paramref name="call"/> gets from a method of this compilation that returns one thing: an expression body
    /// or a single <c>return</c> (a factory that makes an agent or a client). Null for a method that can be overridden or is
    /// declared elsewhere, or that returns from more than one place. Not part of <see cref="Definition"/>: only the callers
    /// that want to look into a factory ask for it.
    /// </summary>
    public IOperation? ReturnedValue(IInvocationOperation call, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod.OriginalDefinition;
        return method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1
            ? null
            : _returnedValues.GetOrAdd(method, m => FindReturnedValue(m, cancellationToken));
    }

    /// <summary>
    /// What a method of this compilation returns, for the string evaluator to follow a prompt built by a helper
    /// (<c>GetSummaryPrompt(input)</c>): the expression body or the single <c>return</c>'s value, and which of its
    /// parameters the body writes (those are not replaced by the call's arguments). When it cannot be followed,
    /// <see cref="HelperReturn.WhyNot"/> says why (for PB1007), or is null for a method with nothing to read (declared elsewhere).
    /// </summary>
    public HelperReturn HelperReturnOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        _helperReturns.GetOrAdd(method.OriginalDefinition, m => FindHelperReturn(m, cancellationToken));

    private HelperReturn FindHelperReturn(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.IsExtern || method.IsPartialDefinition
            || !_compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree))
        {
            return HelperReturn.None(null);
        }

        if (method.ContainingType?.TypeKind == TypeKind.Interface || method.IsAbstract)
        {
            return HelperReturn.None("an abstract or interface method: the implementation that runs is not known here");
        }

        if ((method.IsVirtual || method.IsOverride) && !method.IsSealed && method.ContainingType?.IsSealed != true)
        {
            return HelperReturn.None("a virtual method: an override may return other text, so it is not followed");
        }

        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var (expressionBody, body) = syntax switch
        {
            MethodDeclarationSyntax declaration => (declaration.ExpressionBody, (SyntaxNode?)declaration.Body),
            LocalFunctionStatementSyntax local => (local.ExpressionBody, local.Body),
            _ => (null, null),
        };
        IOperation? returned = null;
        if (expressionBody is not null)
        {
            returned = Operation(expressionBody.Expression, cancellationToken);
        }
        else if (body is not null)
        {
            var returns = body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>().ToList();
            if (returns.Count != 1)
            {
                return HelperReturn.None("it returns from " + returns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " places; only a method with one return (or an expression body) is followed");
            }

            returned = returns[0].Expression is { } value ? Operation(value, cancellationToken) : null;
        }

        if (returned is null)
        {
            return HelperReturn.None(null);
        }

        // Parameters the method writes (p = …, p += …, p++, ref p, out p), or passes by reference: not replaced by the argument.
        var written = new HashSet<int>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                written.Add(parameter.Ordinal);
            }
        }

        foreach (var operation in Root(returned).Descendants())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (target is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method))
            {
                written.Add(reference.Parameter.Ordinal);
            }
        }

        return new HelperReturn(returned, null, written);
    }

    private IOperation? FindReturnedValue(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var (expressionBody, body) = syntax switch
        {
            MethodDeclarationSyntax declaration => (declaration.ExpressionBody, (SyntaxNode?)declaration.Body),
            LocalFunctionStatementSyntax local => (local.ExpressionBody, local.Body),
            _ => (null, null),
        };
        if (expressionBody is not null)
        {
            return Operation(expressionBody.Expression, cancellationToken);
        }

        // Returns of this method only: not those of lambdas or local functions inside it.
        var returns = body?.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>().ToList();
        return returns is { Count: 1 } && returns[0].Expression is { } returned ? Operation(returned, cancellationToken) : null;
    }

    private void AddOperation(List<IOperation> values, SyntaxNode syntax, CancellationToken cancellationToken)
    {
        if (Operation(syntax, cancellationToken) is { } operation)
        {
            values.Add(operation);
        }
    }

    private IOperation? Operation(SyntaxNode syntax, CancellationToken cancellationToken)
    {
        if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
        {
            return null;
        }

#pragma warning disable RS1030 // Following a field to its initializer in another file needs that file's semantic model; results are cached per member.
        var model = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(syntax, cancellationToken);
    }
}

/// <summary>What <see cref="ValueTracker.HelperReturnOf"/> found: the returned value, or why there is none to follow.</summary>
internal sealed class HelperReturn
{
    private static readonly HashSet<int> NoneWritten = new();

    public HelperReturn(IOperation? returned, string? whyNot, HashSet<int> writtenParameters)
    {
        Returned = returned;
        WhyNot = whyNot;
        WrittenParameters = writtenParameters;
    }

    public IOperation? Returned { get; }

    /// <summary>Why the method is not followed, for PB1007; null when there is nothing to say (a method declared elsewhere).</summary>
    public string? WhyNot { get; }

    /// <summary>Ordinals of the parameters the body writes or takes by reference.</summary>
    public HashSet<int> WrittenParameters { get; }

    public static HelperReturn None(string? whyNot) => new(null, whyNot, NoneWritten);
}
