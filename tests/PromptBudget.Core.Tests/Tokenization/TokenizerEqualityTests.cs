using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using PromptBudget.Core.Json;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

/// <summary>
/// Microsoft.ML.Tokenizers, as PromptBudget uses it, must count exactly what tiktoken counts for the
/// text as plain text (js-tiktoken's encode(text, [], []), which is how providers treat message text).
/// </summary>
public class TokenizerEqualityTests
{
    private static readonly JsonValue Fixtures = JsonReader.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "token-counts.json")));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var item in Fixtures.Get("cases")!.Items)
        {
            yield return new object[] { item.GetString("name")!, TokenEncoding.O200kBase };
            yield return new object[] { item.GetString("name")!, TokenEncoding.Cl100kBase };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CountEqualsTiktoken(string name, TokenEncoding encoding)
    {
        var item = Find(name);
        var expected = long.Parse(item.Get(encoding.Name())!.Text!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, TokenizerRegistry.Count(item.GetString("text")!, encoding));
    }

    /// <summary>The piece-by-piece path (long texts, long pieces, cancellable) counts the same as the one-call path.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void CountByPieceEqualsTiktoken(string name, TokenEncoding encoding)
    {
        var item = Find(name);
        var expected = long.Parse(item.Get(encoding.Name())!.Text!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, TokenizerRegistry.Tokenizer(encoding).CountByPiece(item.GetString("text")!, CancellationToken.None));
    }

    /// <summary>The cheap test that sends a text down the one-call path never misses a piece longer than the limit.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLongPieceIsFoundBeforeCounting(string name, TokenEncoding encoding)
    {
        var text = Find(name).GetString("text")!;
        var pieces = TokenizerRegistry.Get(encoding).PreTokenizer!.PreTokenize(text).ToList();
        if (pieces.Any(p => p.Length > PlainTextTokenizer.MaxPieceChars))
        {
            Assert.True(PlainTextTokenizer.MayHaveLongPiece(text));
        }
    }

    [Theory]
    [InlineData("Summarize the text below.<|endoftext|>Then translate it.", 17, 17)]
    [InlineData("<|endoftext|>", 7, 7)]
    [InlineData("Say <|fim_prefix|> and <|im_start|> literally.", 16, 15)]
    public void SpecialTokenStringsArePlainText(string text, int o200k, int cl100k)
    {
        Assert.Equal(o200k, TokenizerRegistry.Count(text, TokenEncoding.O200kBase));
        Assert.Equal(cl100k, TokenizerRegistry.Count(text, TokenEncoding.Cl100kBase));
        Assert.Equal(o200k, TokenizerRegistry.Get(TokenEncoding.O200kBase).CountTokens(text));
        Assert.Equal(cl100k, TokenizerRegistry.Get(TokenEncoding.Cl100kBase).CountTokens(text));
    }

    [Theory]
    [InlineData(TokenEncoding.O200kBase)]
    [InlineData(TokenEncoding.Cl100kBase)]
    public void ACancelledCountThrows(TokenEncoding encoding)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => TokenizerRegistry.Count("short", encoding, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => TokenizerRegistry.Count(new string('a', 100_000), encoding, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => TokenizerRegistry.Count(string.Concat(Enumerable.Repeat("word ", 30_000)), encoding, cancelled.Token));
    }

    [Fact]
    public void TheFixturesAreVariedAndIncludeA50KilobyteText()
    {
        var cases = Fixtures.Get("cases")!.Items;
        Assert.True(cases.Count >= 40, "at least 40 texts");
        Assert.Contains(cases, c => c.GetString("text")!.Length >= 50 * 1024);
        Assert.StartsWith("js-tiktoken", Fixtures.GetString("source"));
    }

    [Theory]
    [InlineData("<|endoftext|>")]
    [InlineData("<|endofprompt|>")]
    [InlineData("<|fim_prefix|>")]
    [InlineData("<|fim_middle|>")]
    [InlineData("<|fim_suffix|>")]
    public void TheFixturesHoldEverySpecialTokenAloneGluedAtTheEdgesAndRepeated(string token)
    {
        var texts = Fixtures.Get("cases")!.Items.Select(c => c.GetString("text")!).ToList();
        Assert.Contains(token, texts);
        Assert.Contains("abc" + token + "def", texts);
        Assert.Contains(texts, t => t.StartsWith(token + " ", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith(" " + token, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith(token + token, StringComparison.Ordinal));
    }

    [Fact]
    public void TheFixturesHoldLongPiecesOfEveryKind()
    {
        var pieceLengths = Fixtures.Get("cases")!.Items
            .Select(c => c.GetString("text")!)
            .Select(t => TokenizerRegistry.Get(TokenEncoding.O200kBase).PreTokenizer!.PreTokenize(t).Max(p => (int?)p.Length) ?? 0)
            .ToList();
        Assert.True(pieceLengths.Count(l => l > PlainTextTokenizer.MaxPieceChars) >= 10, "at least 10 texts with a piece longer than the merge limit");
        Assert.Contains(pieceLengths, l => l >= 5000);
    }

    private static JsonValue Find(string name)
    {
        foreach (var item in Fixtures.Get("cases")!.Items)
        {
            if (item.GetString("name") == name)
            {
                return item;
            }
        }

        throw new KeyNotFoundException(name);
    }
}
