using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>The functions of a kernel's plugins as far as the code shows them, and what of them it does not show.</summary>
internal sealed class KernelPluginSet
{
    public List<KernelFunctionTool> Functions { get; } = new();

    /// <summary>Plugins (or whole kernels) whose functions are not read, each said in words: never left out silently.</summary>
    public List<string> Unread { get; } = new();

    public void Add(KernelPluginSet other)
    {
        Functions.AddRange(other.Functions);
        Unread.AddRange(other.Unread.Where(u => !Unread.Contains(u)));
    }
}

/// <summary>
/// Semantic Kernel: the plugins a kernel has where a call uses it, found by following the kernel as its model is
/// (<see cref="SemanticKernelKernels"/>): plugins added on the builder before <c>Build()</c>
/// (<c>builder.Plugins.AddFromType&lt;T&gt;(name?)</c>, <c>AddFromObject(obj, name?)</c>, in the builder's chain or on the
/// local that holds it) and on the kernel before the call (<c>kernel.Plugins.AddFromType&lt;T&gt;()</c>,
/// <c>kernel.ImportPluginFromType&lt;T&gt;()</c>, <c>ImportPluginFromObject(obj)</c>; for a kernel kept in a field, also in
/// the constructors and the type's other methods). A helper's kernel parameter is followed to its callers (the caller whose kernel has the most
/// functions counts). Plugins from a prompt directory, OpenAPI, MCP, a list of functions or a plugin object, and the
/// plugins of a kernel made elsewhere (injected, from a container) are not read: they are named in <see cref="KernelPluginSet.Unread"/>.
/// </summary>
internal static class SemanticKernelPlugins
{
    private const string PluginCollection = "Microsoft.SemanticKernel.KernelPluginCollection";
    private const string BuilderPlugins = "Microsoft.SemanticKernel.IKernelBuilderPlugins";
    private const string KernelPlugin = "Microsoft.SemanticKernel.KernelPlugin";
    private const int MaxDepth = 8;

    /// <summary>The plugins of <paramref name="kernel"/> as used at <paramref name="site"/>.</summary>
    public static KernelPluginSet Of(IOperation kernel, IOperation site, RecognitionContext context)
    {
        var found = new KernelPluginSet();
        OfKernel(kernel, site, context, found, 0);
        return found;
    }

    private static void OfKernel(IOperation kernel, IOperation site, RecognitionContext context, KernelPluginSet found, int depth)
    {
        var text = "the kernel '" + SegmentName.Shorten(kernel.Syntax.ToString()) + "'";
        if (depth > MaxDepth)
        {
            found.Unread.Add("the plugins of " + text + " (followed too far)");
            return;
        }

        var unwrapped = ValueTracker.Unwrap(kernel);
        var definition = context.Tracker.Definition(unwrapped, context.CancellationToken);
        switch (definition)
        {
            case IInvocationOperation { TargetMethod.Name: "Build" } build
                when RecognitionContext.Receiver(build) is { } builder && context.Types.Is(builder.Type, SemanticKernelRegistrations.KernelBuilder):
                OfBuilder(builder, build, context, found, depth + 1);
                break;

            // new Kernel() has no plugins; new Kernel(services, plugins) takes them from the arguments or the container.
            case IObjectCreationOperation creation when context.Types.Is(creation.Type, SemanticKernelKernels.Kernel):
                if (creation.Arguments.Any(a => a.ArgumentKind != ArgumentKind.DefaultValue))
                {
                    found.Unread.Add("the plugins given to '" + SegmentName.Shorten(creation.Syntax.ToString()) + "'");
                }

                break;
            case IParameterReferenceOperation { Parameter: { } parameter }:
                OfParameter(parameter, text, context, found, depth);
                break;
            default:
                if (!ReferenceEquals(definition, unwrapped) || ValueTracker.ReferencedSymbol(unwrapped) is null)
                {
                    found.Unread.Add("the plugins of " + text + " (not built with Kernel.CreateBuilder() in view)");
                }
                else
                {
                    found.Unread.Add("the plugins of " + text + " (it is not given one value in view)");
                }

                break;
        }

        // Plugins added to the kernel itself before the call (and, for a field or property, in the constructors).
        if (ValueTracker.ReferencedSymbol(unwrapped) is { } symbol)
        {
            foreach (var call in CallsOn(symbol, site, context))
            {
                OfPluginCall(call, context, found);
            }
        }
    }

    // A kernel that is a helper's parameter: the kernels its callers give (the one with the most functions); one a container fills is not read.
    private static void OfParameter(IParameterSymbol parameter, string text, RecognitionContext context, KernelPluginSet found, int depth)
    {
        if (ServiceRegistrationIndex.IsInjected(parameter) || parameter.ContainingSymbol is not IMethodSymbol method || method.MethodKind == MethodKind.AnonymousFunction)
        {
            found.Unread.Add("the plugins of the injected kernel '" + parameter.Name + "'");
            return;
        }

        var calls = context.Calls.CallsOf(method, context.CancellationToken);
        if (calls.Calls.Count == 0 || calls.Escapes || method.IsVirtual || method.IsAbstract || method.IsOverride || context.IsFollowing(parameter)
            || !context.EnterParameter(parameter, CallerArguments.MaxDepth))
        {
            found.Unread.Add("the plugins of " + text + " (a parameter whose callers are not all in view)");
            return;
        }

        try
        {
            KernelPluginSet? largest = null;
            foreach (var call in calls.Calls)
            {
                var candidate = new KernelPluginSet();
                if (!context.TakeStep(CallerArguments.MaxSteps) || CallerArguments.ArgumentFor(call, parameter) is not { } argument)
                {
                    candidate.Unread.Add("the plugins of " + text + " at " + CallerArguments.Place(call));
                }
                else
                {
                    OfKernel(argument, argument, context, candidate, depth + 1);
                }

                found.Unread.AddRange(candidate.Unread.Where(u => !found.Unread.Contains(u)));
                if (largest is null || candidate.Functions.Count > largest.Functions.Count)
                {
                    largest = candidate;
                }
            }

            found.Functions.AddRange(largest?.Functions ?? new List<KernelFunctionTool>());
        }
        finally
        {
            context.ExitParameter(parameter);
        }
    }

    // Plugins added on a builder before `site` (its Build call): its chain, then the calls on the local that holds it.
    private static void OfBuilder(IOperation builder, IOperation site, RecognitionContext context, KernelPluginSet found, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var unwrapped = ValueTracker.Unwrap(builder);
        if (ValueTracker.ReferencedSymbol(unwrapped) is { } symbol)
        {
            var definition = context.Tracker.Definition(unwrapped, context.CancellationToken);
            if (definition is IParameterReferenceOperation { Parameter: { } parameter })
            {
                found.Unread.Add("plugins added to the kernel builder '" + parameter.Name + "' by the callers of " + parameter.ContainingSymbol.Name);
            }
            else if (!ReferenceEquals(definition, unwrapped))
            {
                OfBuilder(definition, definition, context, found, depth + 1);
            }

            foreach (var call in CallsOn(symbol, site, context))
            {
                OfPluginCall(call, context, found);
            }

            return;
        }

        if (unwrapped is IInvocationOperation chained && RecognitionContext.Receiver(chained) is { } receiver && context.Types.Is(receiver.Type, SemanticKernelRegistrations.KernelBuilder))
        {
            OfBuilder(receiver, chained, context, found, depth + 1);
        }
    }

    // Invocations on a kernel or builder symbol, and on its Plugins member, made before `site`; for a field or property, also those
    // in the constructors and in the type's other methods (one of them may have run before the call: the worst case counts them).
    private static IEnumerable<IInvocationOperation> CallsOn(ISymbol symbol, IOperation site, RecognitionContext context)
    {
        var index = context.Tracker.IndexOf(site);
        var operations = index.UsesBefore(symbol, site.Syntax.SpanStart).Concat(index.MemberAddsBefore(symbol, site.Syntax.SpanStart)).ToList();
        if (symbol is IFieldSymbol or IPropertySymbol)
        {
            var others = context.Tracker.ConstructorIndexes(symbol, context.CancellationToken).Concat(MethodIndexes(symbol, context));
            foreach (var other in others.Distinct())
            {
                if (!ReferenceEquals(other, index))
                {
                    operations.AddRange(other.UsesBefore(symbol, int.MaxValue).Concat(other.MemberAddsBefore(symbol, int.MaxValue)));
                }
            }
        }

        return operations.OfType<IInvocationOperation>().Distinct();
    }

    // The bodies of the ordinary methods and accessors of the type that declares a kernel field or property.
    private static IEnumerable<MethodBodyIndex> MethodIndexes(ISymbol member, RecognitionContext context)
    {
        foreach (var method in member.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet
                && context.Tracker.BodyOf(method, context.CancellationToken) is { } body)
            {
                yield return context.Tracker.IndexOf(body);
            }
        }
    }

    // One call on a kernel, its Plugins or a builder's Plugins; plugin calls chained onto it (`.AddFromType<A>().AddFromType<B>()`) too.
    private static void OfPluginCall(IInvocationOperation call, RecognitionContext context, KernelPluginSet found)
    {
        for (var current = call; current is not null; current = ChainedCall(current, context))
        {
            var receiver = RecognitionContext.Receiver(current);
            var onKernel = receiver is not null && context.Types.Is(receiver.Type, SemanticKernelKernels.Kernel);
            var onPlugins = receiver is not null && IsPluginCollection(receiver.Type, context);
            var name = current.TargetMethod.Name;
            if (!(onKernel && name.StartsWith("ImportPlugin", System.StringComparison.Ordinal))
                && !(onPlugins && (name.StartsWith("Add", System.StringComparison.Ordinal) || name.StartsWith("Import", System.StringComparison.Ordinal)
                                   || name.StartsWith("Insert", System.StringComparison.Ordinal) || name.StartsWith("Remove", System.StringComparison.Ordinal) || name == "Clear")))
            {
                continue;
            }

            var pluginType = name switch
            {
                "AddFromType" or "ImportPluginFromType" => TypeArgument(current),
                "AddFromObject" or "ImportPluginFromObject" => ObjectType(RecognitionContext.Argument(current, "target"), context),
                _ => null,
            };
            if (pluginType is null)
            {
                found.Unread.Add("the plugin of " + CallText(current));
                continue;
            }

            var nameArgument = RecognitionContext.Argument(current, "pluginName");
            var pluginName = nameArgument is null || ValueTracker.Unwrap(nameArgument) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }
                ? StringValue.Literal(KernelFunctionTools.DefaultPluginName(pluginType))
                : context.Text(nameArgument);
            found.Functions.AddRange(KernelFunctionTools.Of(pluginType, pluginName));
        }
    }

    // `ImportPluginFromPromptDirectory("Prompts/Writer")`: the method and its arguments (each shortened), without the receiver.
    private static string CallText(IInvocationOperation call)
    {
        var arguments = call.Arguments
            .Where(a => a.ArgumentKind != ArgumentKind.DefaultValue && !(call.TargetMethod.IsExtensionMethod && a.Parameter?.Ordinal == 0))
            .Select(a => SegmentName.Shorten(a.Value.Syntax.ToString()));
        return call.TargetMethod.Name + "(" + string.Join(", ", arguments) + ")";
    }

    private static bool IsPluginCollection(ITypeSymbol? type, RecognitionContext context) =>
        context.Types.Is(type, PluginCollection) || context.Types.Is(type, BuilderPlugins)
        || (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1 && context.Types.Is(named.TypeArguments[0], KernelPlugin)
            && named.Name is "ICollection" or "IList" or "List");

    // `x.AddFromType<A>().AddFromType<B>()`: the call made on this call's result, when that result is a builder's Plugins.
    private static IInvocationOperation? ChainedCall(IInvocationOperation call, RecognitionContext context)
    {
        if (!context.Types.Is(call.Type, BuilderPlugins))
        {
            return null;
        }

        return call.Parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation next } argument when next.TargetMethod.IsExtensionMethod && next.Arguments.Length > 0 && next.Arguments[0] == argument => next,
            IInvocationOperation next when next.Instance == call => next,
            _ => null,
        };
    }

    // AddFromType<T>(): T; the AddFromType(Type instanceType) overloads: typeof(T).
    private static INamedTypeSymbol? TypeArgument(IInvocationOperation call)
    {
        if (call.TargetMethod.TypeArguments.Length == 1)
        {
            return call.TargetMethod.TypeArguments[0] as INamedTypeSymbol is { TypeKind: not TypeKind.Error } type ? type : null;
        }

        return RecognitionContext.Argument(call, "instanceType") is { } argument && ValueTracker.Unwrap(argument) is ITypeOfOperation { TypeOperand: INamedTypeSymbol { TypeKind: not TypeKind.Error } typeOf }
            ? typeOf
            : null;
    }

    // The type of a plugin object: what `new T(…)` makes, else the value's type when it is a class or struct of its own
    // (a value typed `object` or an interface could be anything: not read).
    private static INamedTypeSymbol? ObjectType(IOperation? target, RecognitionContext context)
    {
        if (target is null)
        {
            return null;
        }

        var definition = context.Tracker.Definition(target, context.CancellationToken);
        var type = (definition as IObjectCreationOperation)?.Type ?? ValueTracker.Unwrap(target).Type;
        return type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: not SpecialType.System_Object } named && (named.IsSealed || definition is IObjectCreationOperation || named.TypeKind == TypeKind.Struct)
            ? named
            : null;
    }
}
