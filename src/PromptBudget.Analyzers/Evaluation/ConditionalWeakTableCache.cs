using System;
using System.Runtime.CompilerServices;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>A per-key cache that lets keys (operation trees) be collected with their compilation.</summary>
internal sealed class ConditionalWeakTableCache<TKey, TValue>
    where TKey : class
    where TValue : class
{
    private readonly ConditionalWeakTable<TKey, TValue> _table = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create) =>
        _table.GetValue(key, k => create(k));
}
