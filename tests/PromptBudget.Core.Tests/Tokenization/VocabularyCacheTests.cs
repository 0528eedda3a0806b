using System.Threading;
using System.Threading.Tasks;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

public class VocabularyCacheTests
{
    [Fact]
    public void ManyThreadsLoadOnce()
    {
        var loads = 0;
        var cache = new VocabularyCache<object>(() =>
        {
            Interlocked.Increment(ref loads);
            Thread.Sleep(50); // widen the race window
            return new object();
        });
        using var barrier = new Barrier(32);
        var results = new object[32];

        // Dedicated threads, released together (the thread pool would add threads too slowly on 2 cores).
        var threads = new Thread[32];
        for (var i = 0; i < threads.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                barrier.SignalAndWait();
                results[index] = cache.Value;
            });
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(1, loads);
        Assert.Equal(1, cache.LoadCount);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void NothingLoadsBeforeFirstUse()
    {
        var cache = new VocabularyCache<object>(() => new object());

        Assert.False(cache.IsLoaded);
        Assert.Equal(0, cache.LoadCount);
        _ = cache.Value;
        Assert.True(cache.IsLoaded);
    }

    [Fact]
    public void TheRegistryLoadsEachVocabularyOnceUnderParallelCounting()
    {
        Parallel.For(0, 16, _ => TokenizerRegistry.Count("parallel counting", TokenEncoding.Cl100kBase));

        Assert.Equal(1, TokenizerRegistry.LoadCount(TokenEncoding.Cl100kBase));
    }

    [Fact]
    public async Task APreloadRacingTheFirstUseStillLoadsOnceAndBothSeeTheSameValue()
    {
        using var release = new ManualResetEventSlim();
        var loads = 0;
        var cache = new VocabularyCache<object>(() =>
        {
            Interlocked.Increment(ref loads);
            release.Wait(); // the preload is still loading when the first use arrives
            return new object();
        });

        cache.Preload();
        cache.Preload();

        // Nothing has asked for the value yet: only the preload can have started the load.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref loads) == 1, 5000), "the preload must start the load");
        var user = Task.Run(() => cache.Value);
        release.Set();

        Assert.Same(await user, cache.Value);
        Assert.Equal(1, loads);
    }

    [Fact]
    public void AFailedPreloadDoesNotThrowOnItsThreadAndTheUseSeesTheFailure()
    {
        var attempted = new ManualResetEventSlim();
        var cache = new VocabularyCache<object>(() =>
        {
            attempted.Set();
            throw new System.IO.InvalidDataException("vocabulary resource missing");
        });

        cache.Preload();

        Assert.True(attempted.Wait(5000), "the preload must run");
        var error = Assert.Throws<System.IO.InvalidDataException>(() => cache.Value);
        Assert.Equal("vocabulary resource missing", error.Message);
    }
}
