using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// A chat client, kernel or kernel builder that reaches a call as a parameter of a helper in the same compilation
/// (<c>Task Ask(IChatClient chat) =&gt; chat.GetResponseAsync(…)</c>): its model is the model of the argument each
/// call of the helper gives (<see cref="CompilationCallIndex"/>, indexed once per compilation). Callers that agree
/// give that model; callers that disagree, the most expensive (said in the detail). Followed at most
/// <see cref="MaxDepth"/> helpers deep and <see cref="MaxSteps"/> arguments per call site; a recursive call passing
/// the parameter on adds nothing.
/// </summary>
internal static class CallerArguments
{
    public const int MaxDepth = 4;
    public const int MaxSteps = 64;

    /// <summary>Marks an argument that is the parameter being followed itself (recursion): it passes on what the other calls give.</summary>
    private static readonly ModelReference Recursive = ModelReference.Unknown(null, "recursive");

    /// <summary>
    /// The model <paramref name="parameter"/> receives from its callers; null when its method is a constructor nothing
    /// in view calls (a container fills it) or a lambda (an endpoint handler, or a delegate whose calls are not followed).
    /// </summary>
    public static ModelReference? Follow(IParameterSymbol parameter, Func<IOperation, ModelReference> ofArgument, RecognitionContext context)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method || method.MethodKind is MethodKind.AnonymousFunction)
        {
            return null;
        }

        var name = MethodName(method);
        var what = $"the calls of {name}";
        var calls = context.Calls.CallsOf(method, context.CancellationToken);
        if (method.MethodKind == MethodKind.Constructor && calls.Calls.Count == 0)
        {
            return null;
        }

        var parameterText = $"'{parameter.Name}' is a parameter of {name}";
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || ImplementsInterface(method))
        {
            return ModelReference.Unknown(parameter.Name, parameterText + ", which can be overridden or called through an interface: its callers cannot all be seen");
        }

        if (calls.Escapes)
        {
            return ModelReference.Unknown(parameter.Name, parameterText + ", which is also used as a delegate: its callers cannot all be seen");
        }

        if (calls.Calls.Count == 0)
        {
            return ModelReference.Unknown(parameter.Name, parameterText + ", and nothing in this project calls it");
        }

        if (context.IsFollowing(parameter))
        {
            return Recursive;
        }

        if (!context.EnterParameter(parameter, MaxDepth))
        {
            return ModelReference.Unknown(parameter.Name, parameterText + $": followed through {MaxDepth} helpers, and stopped there");
        }

        try
        {
            var candidates = new List<(string Where, ModelReference Model)>();
            foreach (var call in calls.Calls)
            {
                if (!context.TakeStep(MaxSteps))
                {
                    return ModelReference.Unknown(parameter.Name, parameterText + $": more than {MaxSteps} calls to follow for one call site; stopped there");
                }

                var argument = ArgumentFor(call, parameter);
                var model = argument is null
                    ? ModelReference.Unknown(null, $"'{parameter.Name}' is left to its default value")
                    : ofArgument(argument);
                if (!ReferenceEquals(model, Recursive))
                {
                    candidates.Add((Place(call), model));
                }
            }

            return context.Choice.Choose(candidates, what, parameterText + ", and it is only called with itself");
        }
        finally
        {
            context.ExitParameter(parameter);
        }
    }

    /// <summary>
    /// Visits the argument each call of the helper gives <paramref name="parameter"/>, under the limits of <see cref="Follow"/>
    /// (for what is not a model: a client's tool loop). False when its callers cannot all be followed (none in this project, an
    /// overridable method, one used as a delegate, too deep, too many calls); what was visited before then stays visited.
    /// </summary>
    public static bool VisitArguments(IParameterSymbol parameter, Action<IOperation> visit, RecognitionContext context)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol method || method.MethodKind is MethodKind.AnonymousFunction
            || method.IsVirtual || method.IsAbstract || method.IsOverride || ImplementsInterface(method))
        {
            return false;
        }

        var calls = context.Calls.CallsOf(method, context.CancellationToken);
        if (calls.Escapes || calls.Calls.Count == 0 || context.IsFollowing(parameter) || !context.EnterParameter(parameter, MaxDepth))
        {
            return false;
        }

        try
        {
            foreach (var call in calls.Calls)
            {
                if (!context.TakeStep(MaxSteps))
                {
                    return false;
                }

                if (ArgumentFor(call, parameter) is { } argument)
                {
                    visit(argument);
                }
            }

            return true;
        }
        finally
        {
            context.ExitParameter(parameter);
        }
    }

    /// <summary>File name and line of an operation, for messages.</summary>
    public static string Place(IOperation operation)
    {
        var span = operation.Syntax.GetLocation().GetLineSpan();
        return System.IO.Path.GetFileName(span.Path ?? "") + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The argument a call (or object creation) gives <paramref name="parameter"/>; null when it is left to its default.</summary>
    public static IOperation? ArgumentFor(IOperation call, IParameterSymbol parameter)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefault)
        {
            return null;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } p && p.Ordinal == parameter.Ordinal)
            {
                return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
            }
        }

        return null;
    }

    private static string MethodName(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.Constructor => "new " + method.ContainingType.Name,
        MethodKind.LocalFunction => method.Name,
        _ => method.ContainingType.Name + "." + method.Name,
    };

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        if (!method.ExplicitInterfaceImplementations.IsEmpty)
        {
            return true;
        }

        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        foreach (var implemented in method.ContainingType.AllInterfaces)
        {
            foreach (var member in implemented.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
