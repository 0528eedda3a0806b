using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// What the per-call questions need from one method body (an operation root), found in ONE walk:
/// invocations by method name, the uses made of each local, field, property or parameter, and the
/// writes to each local. Without it every prompt call walked its whole method again, which made a
/// method with n calls cost n². Built once per root and immutable after, so concurrent callbacks share it.
/// </summary>
internal sealed class MethodBodyIndex
{
    private static readonly OperationsBefore NoOperations = new(new List<IOperation>());

    private readonly Dictionary<string, int[]> _invocationStartsByName;
    private readonly Dictionary<ISymbol, OperationsBefore> _usesBySymbol;
    private readonly Dictionary<ISymbol, OperationsBefore> _memberAddsByOwner;
    private readonly Dictionary<ISymbol, OperationsBefore> _passedToHelpers;
    private readonly Dictionary<ISymbol, List<IInvocationOperation>>? _bindsByInstance;

    /// <summary>Builds the index of a method body's root operation; <see cref="ValueTracker.IndexOf"/> caches it per compilation.</summary>
    public MethodBodyIndex(IOperation root)
    {
        var invocationStarts = new Dictionary<string, List<int>>();
        var uses = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var memberAdds = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var passed = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var writes = new LocalWrites();
        Dictionary<ISymbol, List<IInvocationOperation>>? binds = null;
        foreach (var op in root.Descendants())
        {
            switch (op)
            {
                case IInvocationOperation invocation:
                    Append(invocationStarts, invocation.TargetMethod.Name, op.Syntax.SpanStart);
                    if (invocation.TargetMethod.Name == "Bind" && BoundInstance(invocation) is { } bound)
                    {
                        Append(binds ??= new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default), bound, invocation);
                    }

                    // The receiver: the instance, or the `this` argument of an extension method (`builder.AddX(…)`).
                    var receiverOperation = invocation.Instance
                        ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    if (receiverOperation is not null && ValueTracker.ReferencedSymbol(receiverOperation) is { } receiver)
                    {
                        Append(uses, receiver, op);
                    }
                    else if (invocation is { Instance: null, TargetMethod.IsExtensionMethod: true, Arguments.Length: > 0 }
                             && ValueTracker.ReferencedSymbol(invocation.Arguments[0].Value) is { } extended)
                    {
                        // messages.AddMessages(response): an extension method's receiver is its first argument.
                        Append(uses, extended, op);
                    }

                    if (invocation is { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: IPropertyReferenceOperation { Instance: { } owner } }
                        && ValueTracker.ReferencedSymbol(owner) is { } ownerSymbol)
                    {
                        Append(memberAdds, ownerSymbol, op);
                    }
                    else if (invocation is { Instance: null, TargetMethod.IsExtensionMethod: true } && receiverOperation is not null
                        && ValueTracker.Unwrap(receiverOperation) is IPropertyReferenceOperation { Instance: { } extensionOwner }
                        && ValueTracker.ReferencedSymbol(extensionOwner) is { } extensionOwnerSymbol)
                    {
                        // `builder.Services.AddOpenAIChatCompletion(…)`: an extension call on a member of the owner.
                        Append(memberAdds, extensionOwnerSymbol, op);
                    }

                    RecordPassed(passed, invocation, receiverOperation);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } target } } when ValueTracker.ReferencedSymbol(target) is { } assigned:
                    Append(uses, assigned, op);
                    break;
            }

            writes.Record(op);
        }

        _invocationStartsByName = invocationStarts.ToDictionary(p => p.Key, p => SortedArray(p.Value));
        _usesBySymbol = uses.ToDictionary(p => p.Key, p => new OperationsBefore(p.Value), SymbolEqualityComparer.Default);
        _memberAddsByOwner = memberAdds.ToDictionary(p => p.Key, p => new OperationsBefore(p.Value), SymbolEqualityComparer.Default);
        _passedToHelpers = passed.ToDictionary(p => p.Key, p => new OperationsBefore(p.Value), SymbolEqualityComparer.Default);
        LocalWrites = writes.ByLocal();
        _bindsByInstance = binds;
    }

    /// <summary><c>configuration.Bind([key, ]x)</c> calls (Microsoft.Extensions.Configuration.Binder) that fill <paramref name="instance"/>, in the walk's order.</summary>
    public IReadOnlyList<IInvocationOperation> BindsOf(ISymbol instance) =>
        _bindsByInstance is not null && _bindsByInstance.TryGetValue(instance, out var binds) ? binds : (IReadOnlyList<IInvocationOperation>)System.Array.Empty<IInvocationOperation>();

    // The object a Bind call fills: its `instance` argument, when that is a local, field, property or parameter.
    private static ISymbol? BoundInstance(IInvocationOperation bind)
    {
        foreach (var argument in bind.Arguments)
        {
            if (argument.Parameter?.Name == "instance")
            {
                return ValueTracker.ReferencedSymbol(argument.Value);
            }
        }

        return null;
    }

    /// <summary>Every write to every local of the body; see <see cref="Evaluation.LocalWrites"/>.</summary>
    public IReadOnlyDictionary<ISymbol, List<IOperation>> LocalWrites { get; }

    /// <summary>How many invocations of a method named <paramref name="name"/> start before <paramref name="position"/>.</summary>
    public int InvocationsBefore(string name, int position) =>
        _invocationStartsByName.TryGetValue(name, out var starts) ? CountLessThan(starts, position) : 0;

    /// <summary>
    /// Invocations on <paramref name="symbol"/> (<c>x.M(…)</c>, also extension methods) and assignments to its properties
    /// (<c>x.P = …</c>) that start before <paramref name="position"/>, in the walk's (pre-)order.
    /// </summary>
    public IEnumerable<IOperation> UsesBefore(ISymbol symbol, int position) =>
        (_usesBySymbol.TryGetValue(symbol, out var uses) ? uses : NoOperations).Before(position);

    /// <summary>
    /// <c>owner.Member.Add(x)</c> calls and extension calls on a member (<c>owner.Services.AddX(…)</c>), any member,
    /// that start before <paramref name="position"/>, in the walk's order.
    /// </summary>
    public IEnumerable<IOperation> MemberAddsBefore(ISymbol owner, int position) =>
        (_memberAddsByOwner.TryGetValue(owner, out var adds) ? adds : NoOperations).Before(position);

    /// <summary>
    /// Calls of the compilation's own methods that are given <paramref name="symbol"/> (or its member, <c>b.Services</c>) as an
    /// argument other than the receiver (<c>Setup.Configure(builder, key)</c>), that start before <paramref name="position"/>.
    /// </summary>
    public IEnumerable<IOperation> PassedBefore(ISymbol symbol, int position) =>
        (_passedToHelpers.TryGetValue(symbol, out var calls) ? calls : NoOperations).Before(position);

    // `Helper(x)` / `Helper(x.Services)` where Helper is declared in source: what a helper does with x is read by following into it.
    private static void RecordPassed(Dictionary<ISymbol, List<IOperation>> passed, IInvocationOperation invocation, IOperation? receiver)
    {
        if (invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (ReferenceEquals(argument.Value, receiver))
            {
                continue;
            }

            var value = ValueTracker.Unwrap(argument.Value);
            if (value is IPropertyReferenceOperation { Instance: { } owner } && ValueTracker.ReferencedSymbol(owner) is { } ownerSymbol)
            {
                Append(passed, ownerSymbol, invocation);
            }
            else if (ValueTracker.ReferencedSymbol(value) is { } symbol)
            {
                Append(passed, symbol, invocation);
            }
        }
    }

    private static void Append<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = new List<TValue>();
        }

        list.Add(value);
    }

    private static int[] SortedArray(List<int> values)
    {
        var array = values.ToArray();
        System.Array.Sort(array);
        return array;
    }

    // Lower bound: the number of elements strictly less than value.
    internal static int CountLessThan(int[] sorted, int value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
