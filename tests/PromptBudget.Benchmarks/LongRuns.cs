using System;
using System.Diagnostics;
using System.Text;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Benchmarks;

/// <summary>
/// Long texts with no space in them: one pre-tokenised piece each, where a plain BPE merge is
/// quadratic in the piece's length. Printed in seconds (too slow for BenchmarkDotNet before the fix).
/// </summary>
public static class LongRuns
{
    public static void Report()
    {
        foreach (var encoding in new[] { TokenEncoding.O200kBase, TokenEncoding.Cl100kBase })
        {
            var load = Stopwatch.StartNew();
            TokenizerRegistry.Count("warm", encoding);
            var vocabulary = load.Elapsed.TotalSeconds;
            load.Restart();
            TokenizerRegistry.Count(RandomLetters(300, 1), encoding);
            Console.WriteLine($"{"load " + encoding.Name(),-35} {vocabulary,8:F3} s, first long piece (ranks load, if any) {load.Elapsed.TotalSeconds:F3} s");
        }

        foreach (var (name, text) in Texts())
        {
            foreach (var encoding in new[] { TokenEncoding.O200kBase, TokenEncoding.Cl100kBase })
            {
                var watch = Stopwatch.StartNew();
                var tokens = TokenizerRegistry.Count(text, encoding);
                watch.Stop();
                Console.WriteLine($"{name,-22} {encoding.Name(),-12} {watch.Elapsed.TotalSeconds,8:F3} s  {tokens,8} tokens");
            }
        }
    }

    public static (string Name, string Text)[] Texts() => new[]
    {
        ("word-200k-letters", RandomLetters(200_000, 12345)),
        ("word-200k-a", new string('a', 200_000)),
        ("cjk-50k", RandomCjk(50_000, 6789)),
    };

    /// <summary>Lowercase ASCII letters from a fixed-seed generator: one word with no space.</summary>
    public static string RandomLetters(int length, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)('a' + random.Next(26)));
        }

        return builder.ToString();
    }

    /// <summary>CJK unified ideographs (U+4E00–U+6FFF) with no punctuation.</summary>
    public static string RandomCjk(int length, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)(0x4E00 + random.Next(0x2200)));
        }

        return builder.ToString();
    }
}
