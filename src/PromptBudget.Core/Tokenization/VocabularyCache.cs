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
    private int _preloadStarted;

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

    /// <summary>
    /// Starts loading on a thread-pool thread, so that the first count finds the value ready or
    /// waits only for the rest of the load. A failed load is not thrown here (that would end the
    /// process); the next <see cref="Value"/> sees it.
    /// </summary>
    public void Preload()
    {
        if (_lazy.IsValueCreated || Interlocked.Exchange(ref _preloadStarted, 1) == 1)
        {
            return;
        }

        ThreadPool.QueueUserWorkItem(_ =>
        {
            try
            {
                _ = _lazy.Value;
            }
            catch (Exception)
            {
                // Reported where the value is used.
            }
        });
    }

    public bool IsLoaded => _lazy.IsValueCreated;

    /// <summary>How many times the loader ran (1 at most once loaded; observable for tests).</summary>
    public int LoadCount => Volatile.Read(ref _loads);
}
