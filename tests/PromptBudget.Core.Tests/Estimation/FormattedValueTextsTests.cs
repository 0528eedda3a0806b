using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Estimation;

/// <summary>
/// A value bounded by its type must never print as more tokens than its bound: real values, formatted in the
/// cultures the bound documents, are counted with o200k and cl100k and compared with it.
/// </summary>
public sealed class FormattedValueTextsTests
{
    private static readonly string[] Cultures =
    {
        "", "en-US", "en-GB", "en-IN", "de-DE", "fr-FR", "es-ES", "it-IT", "pt-BR", "nl-NL", "pl-PL", "ru-RU", "uk-UA", "cs-CZ",
        "tr-TR", "sv-SE", "fi-FI", "da-DK", "nb-NO", "he-IL", "ar-SA", "fa-IR", "hi-IN", "th-TH", "vi-VN", "id-ID", "ja-JP",
        "zh-CN", "zh-TW", "ko-KR",
    };

    private static readonly TokenEncoding[] Encodings = { TokenEncoding.O200kBase, TokenEncoding.Cl100kBase };

    private static IEnumerable<CultureInfo> AllCultures() => Cultures.Select(CultureInfo.GetCultureInfo);

    private static void AssertWithinBound(string type, string? format, IEnumerable<Func<CultureInfo, string>> values, int alignment = 0)
    {
        var texts = FormattedValueTexts.For(type, format, alignment);
        Assert.NotNull(texts);
        foreach (var encoding in Encodings)
        {
            var bound = texts!.Max(t => TokenizerRegistry.Count(t, encoding));
            foreach (var value in values)
            {
                foreach (var culture in AllCultures())
                {
                    var text = value(culture);
                    var tokens = TokenizerRegistry.Count(text, encoding);
                    Assert.True(tokens <= bound, $"{type}:{format} '{text}' ({culture.Name}) is {tokens} {encoding} tokens, over the bound of {bound}");
                }
            }
        }
    }

    private static IEnumerable<Func<CultureInfo, string>> Samples<T>(IEnumerable<T> values, string? format = null, int alignment = 0)
        where T : IFormattable =>
        values.Select(v => (Func<CultureInfo, string>)(c => string.Format(c, "{0," + alignment + (format is null ? "" : ":" + format) + "}", v)));

    private static IEnumerable<long> Longs(Random random, long min, long max, int count) =>
        new[] { min, max, 0, -1, 1 }.Concat(Enumerable.Range(0, count).Select(_ => random.NextInt64(min, max)));

    [Fact]
    public void IntegersStayWithinTheirBounds()
    {
        var random = new Random(18);
        AssertWithinBound("int", null, Samples(Longs(random, int.MinValue, int.MaxValue, 200).Select(l => (int)l)));
        AssertWithinBound("long", null, Samples(Longs(random, long.MinValue, long.MaxValue, 200)));
        AssertWithinBound("ulong", null, Samples(new[] { ulong.MaxValue, 12345678901234567890UL, 0UL }));
        AssertWithinBound("short", null, Samples(Longs(random, short.MinValue, short.MaxValue, 100).Select(l => (short)l)));
        AssertWithinBound("sbyte", null, Samples(Longs(random, sbyte.MinValue, sbyte.MaxValue, 100).Select(l => (sbyte)l)));
        AssertWithinBound("byte", null, Samples(Enumerable.Range(0, 256).Select(i => (byte)i)));
        AssertWithinBound("uint", null, Samples(Longs(random, 0, uint.MaxValue, 100).Select(l => (uint)l)));
        AssertWithinBound("ushort", null, Samples(Longs(random, 0, ushort.MaxValue, 100).Select(l => (ushort)l)));
    }

    [Fact]
    public void TheIntBoundIsTheLongestIntText()
    {
        var bound = FormattedValueTexts.For("int", null)!.Max(t => TokenizerRegistry.Count(t, TokenEncoding.O200kBase));

        Assert.True(bound >= TokenizerRegistry.Count("-2147483648", TokenEncoding.O200kBase));
        Assert.True(bound <= 11, "an int is at most 11 characters, and none of them is worth more than a few tokens");
    }

    [Theory]
    [InlineData("N2")]
    [InlineData("N0")]
    [InlineData("D12")]
    [InlineData("F3")]
    [InlineData("E4")]
    [InlineData("X")]
    [InlineData("x16")]
    public void IntegerFormatsStayWithinTheirBounds(string format)
    {
        var random = new Random(format.GetHashCode());
        AssertWithinBound("long", format, Samples(Longs(random, long.MinValue, long.MaxValue, 100), format));
        AssertWithinBound("int", format, Samples(Longs(random, int.MinValue, int.MaxValue, 100).Select(l => (int)l), format));
    }

    [Fact]
    public void FloatingPointAndDecimalStayWithinTheirBounds()
    {
        var random = new Random(7);
        var doubles = new[] { double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, double.NaN, double.NegativeInfinity, 0.1 + 0.2, -1e-5, 123456789012345.67, -0.00012345678901234567 }
            .Concat(Enumerable.Range(0, 300).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64())));
        AssertWithinBound("double", null, Samples(doubles));
        AssertWithinBound("double", "N2", Samples(doubles.Where(d => Math.Abs(d) < 1e300), "N2"));
        AssertWithinBound("double", "F1", Samples(doubles, "F1"));
        AssertWithinBound("double", "E3", Samples(doubles, "E3"));

        var floats = new[] { float.MaxValue, float.MinValue, float.Epsilon, float.NaN, -1.17549435E-38f, 16777217f, -0.00012345678f }
            .Concat(Enumerable.Range(0, 300).Select(_ => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue))));
        AssertWithinBound("float", null, Samples(floats));

        var decimals = new[] { decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -7.9228162514264337593543950335m, 1.5m }
            .Concat(Enumerable.Range(0, 300).Select(_ => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29))));
        AssertWithinBound("decimal", null, Samples(decimals));
        AssertWithinBound("decimal", "N2", Samples(decimals, "N2"));
    }

    [Fact]
    public void DatesTimesAndGuidsStayWithinTheirBounds()
    {
        var random = new Random(11);
        // ar-SA's Um Al Qura calendar formats 1900-04-30 to 2077-11-16 only.
        var dates = new[] { new DateTime(2025, 12, 28, 23, 59, 59), new DateTime(2024, 2, 29, 12, 0, 0), new DateTime(2077, 11, 16, 23, 59, 59, 999).AddTicks(9999) }
            .Concat(Enumerable.Range(0, 200).Select(_ => new DateTime(random.NextInt64(new DateTime(1900, 5, 1).Ticks, new DateTime(2077, 11, 1).Ticks))))
            .ToList();
        AssertWithinBound("DateTime", null, Samples(dates));
        AssertWithinBound("DateTime", "o", Samples(dates.Select(d => DateTime.SpecifyKind(d, DateTimeKind.Local)), "o"));
        AssertWithinBound("DateTime", "u", Samples(dates, "u"));
        AssertWithinBound("DateTime", "R", Samples(dates, "R"));
        var offsets = dates.Select(d => new DateTimeOffset(d, TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60)))).ToList();
        AssertWithinBound("DateTimeOffset", null, Samples(offsets));
        AssertWithinBound("DateTimeOffset", "o", Samples(offsets, "o"));

        var spans = new[] { TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero }.Concat(Enumerable.Range(0, 200).Select(_ => new TimeSpan(random.NextInt64(long.MinValue, long.MaxValue)))).ToList();
        AssertWithinBound("TimeSpan", null, Samples(spans));
        AssertWithinBound("TimeSpan", "g", Samples(spans, "g"));
        AssertWithinBound("TimeSpan", "G", Samples(spans, "G"));

        var guids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        AssertWithinBound("Guid", null, Samples(guids));
        AssertWithinBound("Guid", "N", Samples(guids, "N"));
        AssertWithinBound("Guid", "B", Samples(guids, "B"));
    }

    [Fact]
    public void BoolAndCharStayWithinTheirBounds()
    {
        AssertWithinBound("bool", null, new Func<CultureInfo, string>[] { c => true.ToString(c), c => false.ToString(c) });
        var chars = new[] { 'a', '€', '中', '\uFFFF', '\uD800', 'ß', '\u0800', '\uFFFD', '한', '\u200F' };
        AssertWithinBound("char", null, chars.Select(ch => (Func<CultureInfo, string>)(_ => ch.ToString())));
    }

    [Fact]
    public void AnAlignmentPadsEveryText()
    {
        var random = new Random(3);
        AssertWithinBound("int", null, Samples(Longs(random, int.MinValue, int.MaxValue, 50).Select(l => (int)l), null, 30), alignment: 30);
        AssertWithinBound("int", null, Samples(Longs(random, int.MinValue, int.MaxValue, 50).Select(l => (int)l), null, -30), alignment: -30);

        Assert.All(FormattedValueTexts.For("int", null, 30)!, t => Assert.True(t.Length >= 30));
        Assert.Null(FormattedValueTexts.For("int", null, FormattedValueTexts.MaxAlignment + 1));
    }

    [Theory]
    [InlineData("int", "0.##")]
    [InlineData("int", "C")]
    [InlineData("double", "P1")]
    [InlineData("double", "#,##0.00")]
    [InlineData("DateTime", "yyyy-MM-dd")]
    [InlineData("DateTime", "D")]
    [InlineData("TimeSpan", "hh\\:mm")]
    [InlineData("int", "N100")]
    [InlineData("string", null)]
    [InlineData("object", null)]
    public void UnknownFormatsAndTypesHaveNoBound(string type, string? format) =>
        Assert.Null(FormattedValueTexts.For(type, format));

    [Fact]
    public void EnumsCoverNamesNumbersAndFlagCombinations()
    {
        var names = new[] { "None", "Read", "Write", "Execute" };
        var plain = FormattedValueTexts.ForEnum(names, flags: false, "int", null)!;
        var flags = FormattedValueTexts.ForEnum(names, flags: true, "int", null)!;

        Assert.Contains("Execute", plain);
        Assert.Contains(plain, t => t.EndsWith("2147483648", StringComparison.Ordinal));
        Assert.DoesNotContain("None, Read, Write, Execute", plain);
        Assert.Contains("None, Read, Write, Execute", flags);
        Assert.Null(FormattedValueTexts.ForEnum(names, false, "int", "yyyy"));
    }

    [Fact]
    public void TheEstimatorCountsATypeBoundWithTheCallsTokenizerAndScalesEstimates()
    {
        var texts = FormattedValueTexts.For("long", null)!;
        var estimator = new CostEstimator(PriceTable.Default);
        var message = new PromptMessage(MessageRole.User, "Id ", new[] { new DynamicSegment("id", texts, "type long") });

        var gpt = estimator.Estimate(new PromptShape("gpt-4o", new[] { message }) { MaxOutputTokens = 1 });
        var claude = estimator.Estimate(new PromptShape("claude-sonnet-4-5", new[] { message }) { MaxOutputTokens = 1 });

        var o200k = texts.Max(t => TokenizerRegistry.Count(t, TokenEncoding.O200kBase));
        Assert.Equal(0, gpt.UnboundedSegments);
        Assert.Equal(o200k, gpt.BoundedDynamicTokens);
        Assert.Equal(new long?[] { o200k }, gpt.SegmentBounds);
        Assert.True(claude.BoundedDynamicTokens > o200k, "an estimated tokenizer scales the count up");
    }
}
