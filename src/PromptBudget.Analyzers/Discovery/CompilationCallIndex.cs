using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>The calls of one method of the compilation, and whether they are all the calls there are.</summary>
internal sealed class MethodCalls
{
    public static readonly MethodCalls None = new(new List<IOperation>(), escapes: false);

    public MethodCalls(List<IOperation> calls, bool escapes)
    {
        Calls = calls;
        Escapes = escapes;
    }

    /// <summary>
    /// The invocations of the method in file and position order; for a constructor, the object creations and the constructor
    /// initializers that chain to it (<c>: this(…)</c>, <c>: base(…)</c>, a primary constructor's base arguments).
    /// </summary>
    public List<IOperation> Calls { get; }

    /// <summary>The method is also used as a delegate (a method group): calls made through it are not in <see cref="Calls"/>.</summary>
    public bool Escapes { get; }
}

/// <summary>
/// Calls the compilation makes of its own helpers that take a chat client, a kernel or a kernel builder as a
/// parameter, and the kernels each Semantic Kernel function value is invoked with. Each part is found ONCE per
/// compilation, on first need: a syntax pass keeps the candidate names (methods declaring a parameter of such a
/// type; <c>InvokeAsync</c>/<c>InvokeStreamingAsync</c>), then only matching calls are bound. Thread-safe.
/// </summary>
internal sealed class CompilationCallIndex
{
    // The types a helper's parameter may have for its callers to be followed, by their simple name (a syntax filter; the binding decides).
    // Service collections and app builders: a registration a helper makes on its parameter belongs to the collection each call passes.
    private static readonly HashSet<string> FollowedTypeNames = new(StringComparer.Ordinal)
    {
        "Kernel", "IKernelBuilder", "IChatClient", "ChatClient", "IChatCompletionService",
        "IServiceCollection", "IHostApplicationBuilder", "HostApplicationBuilder", "WebApplicationBuilder",
    };

    private const string Kernel = "Microsoft.SemanticKernel.Kernel";
    private const string KernelFunction = "Microsoft.SemanticKernel.KernelFunction";

    private readonly Compilation _compilation;
    private readonly SdkTypes _types;
    private readonly object _gate = new();
    private Dictionary<IMethodSymbol, MethodCalls>? _helperCalls;
    private FunctionInvocations? _functionInvocations;

    /// <param name="types">The compilation context's SDK types (one lookup cache per compilation).</param>
    public CompilationCallIndex(Compilation compilation, SdkTypes types)
    {
        _compilation = compilation;
        _types = types;
    }

    /// <summary>
    /// The calls of <paramref name="method"/> (a method, local function or constructor of this compilation with a
    /// followed parameter type); <see cref="MethodCalls.None"/> when it has none.
    /// </summary>
    public MethodCalls CallsOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var index = _helperCalls ?? Build(ref _helperCalls, BuildHelperCalls, cancellationToken);
        return index.TryGetValue(method.OriginalDefinition, out var calls) ? calls : MethodCalls.None;
    }

    /// <summary>
    /// Invocations of a Semantic Kernel function held in <paramref name="holder"/> (a local, field or property):
    /// <c>kernel.InvokeAsync(function, …)</c>, <c>function.InvokeAsync(kernel, …)</c> and their streaming and generic forms.
    /// </summary>
    public IReadOnlyList<(IOperation Function, IOperation Kernel, IInvocationOperation Call)> InvocationsOf(ISymbol holder, CancellationToken cancellationToken)
    {
        var index = _functionInvocations ?? Build(ref _functionInvocations, BuildFunctionInvocations, cancellationToken);
        return index.ByHolder.TryGetValue(holder, out var found) ? found : (IReadOnlyList<(IOperation, IOperation, IInvocationOperation)>)Array.Empty<(IOperation, IOperation, IInvocationOperation)>();
    }

    /// <summary>
    /// Every Semantic Kernel function invocation of the compilation, in file and position order: <c>kernel.InvokeAsync(function, …)</c>,
    /// <c>function.InvokeAsync(kernel, …)</c> (with their function and kernel), and <c>kernel.InvokeAsync("Plugin", "Function")</c>
    /// (with its kernel and no function value).
    /// </summary>
    public IReadOnlyList<(IInvocationOperation Call, IOperation? Function, IOperation Kernel)> KernelInvocations(CancellationToken cancellationToken) =>
        (_functionInvocations ?? Build(ref _functionInvocations, BuildFunctionInvocations, cancellationToken)).All;

    /// <summary>
    /// The function and kernel of a Semantic Kernel invocation (<c>kernel.InvokeAsync(function, …)</c> or
    /// <c>function.InvokeAsync(kernel, …)</c>); null for anything else (an invocation by plugin and function name).
    /// </summary>
    public static (IOperation Function, IOperation Kernel)? FunctionAndKernel(IInvocationOperation call, Func<ITypeSymbol?, string, bool> isType)
    {
        if (call.TargetMethod.Name is not ("InvokeAsync" or "InvokeStreamingAsync") || call.Instance is null)
        {
            return null;
        }

        if (isType(call.Instance.Type, Kernel) && RecognitionContext.Argument(call, "function") is { } function)
        {
            return (function, call.Instance);
        }

        return isType(call.Instance.Type, KernelFunction) && RecognitionContext.Argument(call, "kernel") is { } kernel
            ? (call.Instance, kernel)
            : null;
    }

    private T Build<T>(ref T? field, Func<CancellationToken, T> build, CancellationToken cancellationToken)
        where T : class
    {
        lock (_gate)
        {
            // Not cached when cancelled half-way (the build throws): the next call builds it again.
            return field ??= build(cancellationToken);
        }
    }

    private Dictionary<IMethodSymbol, MethodCalls> BuildHelperCalls(CancellationToken cancellationToken)
    {
        // Pass 1 (syntax only): the names of methods and types that declare a parameter of a followed type.
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        var typeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case MethodDeclarationSyntax method when HasFollowedParameter(method.ParameterList):
                        methodNames.Add(method.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax local when HasFollowedParameter(local.ParameterList):
                        methodNames.Add(local.Identifier.ValueText);
                        break;
                    case ConstructorDeclarationSyntax constructor when HasFollowedParameter(constructor.ParameterList):
                        typeNames.Add(constructor.Identifier.ValueText);
                        break;
                    case TypeDeclarationSyntax type when HasFollowedParameter(type.ParameterList):
                        typeNames.Add(type.Identifier.ValueText);
                        break;
                }
            }
        }

        var calls = new Dictionary<IMethodSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var escaping = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (methodNames.Count == 0 && typeNames.Count == 0)
        {
            return new Dictionary<IMethodSymbol, MethodCalls>(SymbolEqualityComparer.Default);
        }

        // Pass 2: bind only the calls (and method-group uses) of those names.
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when methodNames.Contains(InvokedName(invocation.Expression)):
                        if (Operation(tree, ref model, node, cancellationToken) is IInvocationOperation call)
                        {
                            Append(calls, call.TargetMethod, call);
                        }

                        break;
                    case ObjectCreationExpressionSyntax creation when typeNames.Contains(TypeName(creation.Type)):
                    case ImplicitObjectCreationExpressionSyntax when typeNames.Count > 0:
                        if (Operation(tree, ref model, node, cancellationToken) is IObjectCreationOperation { Constructor: { } constructor } made)
                        {
                            Append(calls, constructor, made);
                        }

                        break;
                    // `: this(chat, 500)`, `: base(chat)`, `class Bot(IChatClient c) : BotBase(c)`: a chained constructor is called with these arguments.
                    case ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax when typeNames.Count > 0:
                        if (Operation(tree, ref model, node, cancellationToken) is { } chained
                            && (chained is IExpressionStatementOperation statement ? statement.Operation : chained) is IInvocationOperation { TargetMethod.MethodKind: MethodKind.Constructor } chainedCall)
                        {
                            Append(calls, chainedCall.TargetMethod, chainedCall);
                        }

                        break;
                    case IdentifierNameSyntax name when methodNames.Contains(name.Identifier.ValueText) && !IsInvoked(name):
                        model ??= SemanticModelOf(tree);
                        if (model.GetSymbolInfo(name, cancellationToken).Symbol is IMethodSymbol group)
                        {
                            escaping.Add(group.OriginalDefinition);
                        }

                        break;
                }
            }
        }

        var index = new Dictionary<IMethodSymbol, MethodCalls>(SymbolEqualityComparer.Default);
        foreach (var pair in calls)
        {
            index[pair.Key] = new MethodCalls(pair.Value, escaping.Contains(pair.Key));
        }

        foreach (var method in escaping.Where(m => !index.ContainsKey(m)))
        {
            index[method] = new MethodCalls(new List<IOperation>(), escapes: true);
        }

        return index;
    }

    private FunctionInvocations BuildFunctionInvocations(CancellationToken cancellationToken)
    {
        var found = new FunctionInvocations();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (InvokedName(node.Expression) is not ("InvokeAsync" or "InvokeStreamingAsync")
                    || Operation(tree, ref model, node, cancellationToken) is not IInvocationOperation call)
                {
                    continue;
                }

                if (FunctionAndKernel(call, _types.Is) is not { } pair)
                {
                    // kernel.InvokeAsync("Plugin", "Function"): no function value; the prompt-file links match it by name.
                    if (call.Instance is { } kernel && _types.Is(call.Instance.Type, Kernel) && RecognitionContext.Argument(call, "pluginName") is not null)
                    {
                        found.All.Add((call, null, kernel));
                    }

                    continue;
                }

                found.All.Add((call, pair.Function, pair.Kernel));
                if (ValueTracker.ReferencedSymbol(pair.Function) is not { } holder)
                {
                    continue;
                }

                if (!found.ByHolder.TryGetValue(holder, out var list))
                {
                    found.ByHolder[holder] = list = new List<(IOperation, IOperation, IInvocationOperation)>();
                }

                list.Add((pair.Function, pair.Kernel, call));
            }
        }

        return found;
    }

    // The function invocations, by the local, field or property that holds the function, and all of them.
    private sealed class FunctionInvocations
    {
        public Dictionary<ISymbol, List<(IOperation Function, IOperation Kernel, IInvocationOperation Call)>> ByHolder { get; } = new(SymbolEqualityComparer.Default);

        public List<(IInvocationOperation Call, IOperation? Function, IOperation Kernel)> All { get; } = new();
    }

    private IOperation? Operation(SyntaxTree tree, ref SemanticModel? model, SyntaxNode node, CancellationToken cancellationToken)
    {
        model ??= SemanticModelOf(tree);
        return model.GetOperation(node, cancellationToken);
    }

#pragma warning disable RS1030 // The calls of a helper are in other files; indexed once per compilation.
    private SemanticModel SemanticModelOf(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private static void Append(Dictionary<IMethodSymbol, List<IOperation>> calls, IMethodSymbol target, IOperation call)
    {
        var method = (target.ReducedFrom ?? target).OriginalDefinition;
        if (!calls.TryGetValue(method, out var list))
        {
            calls[method] = list = new List<IOperation>();
        }

        list.Add(call);
    }

    private static bool HasFollowedParameter(ParameterListSyntax? parameters) =>
        parameters is not null && parameters.Parameters.Any(p => p.Type is { } type && FollowedTypeNames.Contains(TypeName(type)));

    // The simple name of a type as written: `Kernel`, `Microsoft.SemanticKernel.Kernel`, `IChatClient?` → its last identifier.
    private static string TypeName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => TypeName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    private static string InvokedName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    // `Ask(…)`, `x.Ask(…)`, `x?.Ask(…)`: the name is the invoked expression (a call, not a method group handed on).
    private static bool IsInvoked(IdentifierNameSyntax name)
    {
        SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
            : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? binding
            : name;
        return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression
            || name.Parent is NameColonSyntax or NameEqualsSyntax
            || expression.Parent is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }
            || expression.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } };
    }
}
