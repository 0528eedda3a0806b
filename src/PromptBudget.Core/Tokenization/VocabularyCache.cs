using System;
using System.Threading;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Loads one value at most once per process, on first use, from any number of threads. The BPE
/// vocabularies take hundreds of milliseconds to build, so a compilation that never asks for one
/// never pays for it.
/// </summary>
public sealed class VocabularyCache<T>
    where T : class
{
    private readonly Lazy<T> _lazy;
    private int _loads;

    public VocabularyCache(Func<T> load)
    {
        _lazy = new Lazy<T>(
            () =>
            {
                Interlocked.Increment(ref _loads);
                return load();
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public T Value => _lazy.Value;

    public bool IsLoaded => _lazy.IsValueCreated;

    /// <summary>How many times the loader ran (1 at most once loaded; observable for tests).</summary>
    public int LoadCount => Volatile.Read(ref _loads);
}
