using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Semantic Kernel chat services registered on a kernel builder (or its <c>Services</c>) by the project's own helpers:
/// <c>public static IKernelBuilder AddAi(this IKernelBuilder b) { b.AddOpenAIChatCompletion(…); return b; }</c> called as
/// <c>Kernel.CreateBuilder().AddAi()</c> or <c>b.AddAi()</c>, <c>Setup.Configure(b)</c>, <c>b.Services.AddAi()</c>. The
/// registrations the helper makes on its parameter are the ones made on the value each call passes. Followed
/// <see cref="CallerArguments.MaxDepth"/> helpers deep and at most <see cref="Budget.MaxBodies"/> helper bodies per builder.
/// </summary>
internal static class RegistrationHelpers
{
    /// <summary>How many helper bodies one builder may still have read.</summary>
    public sealed class Budget
    {
        public const int MaxBodies = 32;

        private int _bodies;

        /// <summary>Why following stopped before every helper was read (a registration may be missing); null when nothing was left out.</summary>
        public string? Stopped { get; private set; }

        public bool Take() => ++_bodies <= MaxBodies || Stop($"more than {MaxBodies} helper bodies to read for one kernel builder");

        public bool Stop(string why)
        {
            Stopped ??= why;
            return false;
        }
    }

    /// <summary>
    /// The registrations made on <paramref name="symbol"/> (a local, field or parameter) in the body <paramref name="index"/>
    /// describes, before <paramref name="position"/>, in order: calls on it and on its members, fluent chains on those, and helpers it is passed to.
    /// </summary>
    public static void CollectOn(ISymbol symbol, MethodBodyIndex index, int position, RecognitionContext context, List<ChatServiceRegistration> found, Budget budget, int helpers = 0, ImmutableArray<SyntaxNode> through = default)
    {
        var calls = index.UsesBefore(symbol, position)
            .Concat(index.MemberAddsBefore(symbol, position))
            .Concat(index.PassedBefore(symbol, position))
            .OfType<IInvocationOperation>()
            .Distinct()
            .OrderBy(c => c.Syntax.SpanStart)
            .ToList();
        foreach (var call in calls)
        {
            // `b.AddA(…).AddB(…)`: the chain goes on from the call made on the symbol, each link on the one before.
            IOperation? previous = null;
            for (var link = call; link is not null; link = NextLink(link))
            {
                Func<IOperation, bool> carries = previous is null
                    ? value => Holds(value, symbol)
                    : value => ReferenceEquals(ValueTracker.Unwrap(value), previous);
                Add(link, carries, context, found, budget, helpers, through);
                previous = link;
            }
        }
    }

    /// <summary>
    /// The registration <paramref name="call"/> is, or the registrations the helper it calls makes on the parameters given
    /// an argument that <paramref name="carries"/> the builder.
    /// </summary>
    /// <paramref name="through"/> are the calls of the helpers followed to get here (outermost first), which say when a registration runs.
    public static void Add(IInvocationOperation call, Func<IOperation, bool> carries, RecognitionContext context, List<ChatServiceRegistration> found, Budget budget, int helpers, ImmutableArray<SyntaxNode> through = default)
    {
        through = through.IsDefault ? ImmutableArray<SyntaxNode>.Empty : through;
        if (SemanticKernelRegistrations.Registration(call, context) is { } registration)
        {
            registration.Through = through.Add(call.Syntax);
            found.Add(registration);
            return;
        }

        var method = call.TargetMethod.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.IsEmpty)
        {
            return;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue || !carries(argument.Value))
            {
                continue;
            }

            var name = method.ContainingType.Name + "." + method.Name + " (" + CallerArguments.Place(call) + ")";
            if (method.IsVirtual || method.IsAbstract || method.IsOverride)
            {
                budget.Stop($"the builder is passed to {name}, which can be overridden: its registrations cannot all be seen");
                return;
            }

            if (helpers >= CallerArguments.MaxDepth)
            {
                budget.Stop($"the builder is passed to {name}, more than {CallerArguments.MaxDepth} helpers deep; registrations are followed no deeper");
                return;
            }

            if (!budget.Take() || context.Tracker.BodyOf(method, context.CancellationToken) is not { } body)
            {
                return;
            }

            CollectOn(method.Parameters[parameter.Ordinal], context.Tracker.IndexOf(body), int.MaxValue, context, found, budget, helpers + 1, through.Add(call.Syntax));
        }
    }

    // The symbol itself, or its member (`b.Services`).
    private static bool Holds(IOperation value, ISymbol symbol)
    {
        var unwrapped = ValueTracker.Unwrap(value);
        return SymbolEqualityComparer.Default.Equals(ValueTracker.ReferencedSymbol(unwrapped), symbol)
            || unwrapped is IPropertyReferenceOperation { Instance: { } owner } && SymbolEqualityComparer.Default.Equals(ValueTracker.ReferencedSymbol(owner), symbol);
    }

    // The call made on the result of `call` (`call.AddB(…)`, or the extension `AddB(call, …)`), if any.
    private static IInvocationOperation? NextLink(IInvocationOperation call)
    {
        var parent = call.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IInvocationOperation next when next.Instance is not null && ReferenceEquals(ValueTracker.Unwrap(next.Instance), call) => next,
            IArgumentOperation { Parent: IInvocationOperation next } argument
                when next.Instance is null && next.TargetMethod.IsExtensionMethod && next.Arguments.Length > 0 && ReferenceEquals(next.Arguments[0], argument) => next,
            _ => null,
        };
    }
}
