using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Json;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

/// <summary>
/// PromptBudget's Claude and Gemini estimates against ai-tokenizer 1.0.6 (npm), the independent reference whose fits
/// they use: Fixtures/claude-gemini-counts.json, written by Fixtures/claude-gemini/generate-claude-gemini-counts.mjs.
/// Each estimate must be within 1% of the reference.
/// </summary>
public class ClaudeGeminiReferenceTests
{
    private const double Tolerance = 0.01;

    private static readonly JsonValue Fixtures = JsonReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "claude-gemini-counts.json")));

    private readonly CostEstimator _estimator = new(PriceTable.Default);

    public static IEnumerable<object[]> Cases() => Fixtures.Get("cases")!.Items.Select(i => new object[] { i.GetString("name")! });

    [Fact]
    public void TheFixtureHasAtLeastThirtyTexts() => Assert.True(Fixtures.Get("cases")!.Items.Count() >= 30);

    /// <summary>The legacy Claude vocabulary as converted and embedded counts what ai-tokenizer's "claude" encoding counts.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ClaudeVocabularyCountEqualsTheReference(string name)
    {
        var item = Find(name);

        Assert.Equal(Number(item, "claude", "raw"), TokenizerRegistry.Count(item.GetString("text")!, TokenEncoding.Claude));
    }

    /// <summary>The piece-by-piece path (long pieces merged by PromptBudget's own heap) counts the same.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ClaudeVocabularyCountByPieceEqualsTheReference(string name)
    {
        var item = Find(name);

        Assert.Equal(Number(item, "claude", "raw"), TokenizerRegistry.Tokenizer(TokenEncoding.Claude).CountByPiece(item.GetString("text")!, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ClaudeRequestIsWithinOnePercentOfTheReference(string name)
    {
        var item = Find(name);

        var e = _estimator.Estimate(OneUserMessage("claude-sonnet-4-5", item.GetString("text")!));

        AssertWithin(Number(item, "claude", "request"), e.InputTokens);
        Assert.Equal(Number(item, "claude", "content"), e.StaticTokens);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeminiRequestIsWithinOnePercentOfTheReference(string name)
    {
        var item = Find(name);

        var e = _estimator.Estimate(OneUserMessage("gemini-2.5-pro", item.GetString("text")!));

        AssertWithin(Number(item, "gemini", "request"), e.InputTokens);
        Assert.Equal(Number(item, "gemini", "raw"), TokenizerRegistry.Count(item.GetString("text")!, TokenEncoding.O200kBase));
        Assert.Equal(Number(item, "gemini", "content"), e.StaticTokens);
    }

    [Fact]
    public void AConversationIsWithinOnePercentOfTheReference()
    {
        var conversation = Fixtures.Get("conversation")!;
        var messages = conversation.Get("messages")!.Items
            .Select(m => new PromptMessage(Role(m.GetString("role")!), m.GetString("content")!))
            .ToList();

        var claude = _estimator.Estimate(new PromptShape("claude-sonnet-4-5", messages) { MaxOutputTokens = 100 });
        var gemini = _estimator.Estimate(new PromptShape("gemini-2.5-pro", messages) { MaxOutputTokens = 100 });

        AssertWithin(Number(conversation, "claude"), claude.InputTokens);
        AssertWithin(Number(conversation, "gemini"), gemini.InputTokens);
    }

    /// <summary>The framing constants are the reference's: per message its perMessage plus the role's one token.</summary>
    [Fact]
    public void TheFramingIsTheReferenceFit()
    {
        var claude = Fixtures.Get("claudeModel")!;
        var gemini = Fixtures.Get("geminiModel")!;
        var roles = Fixtures.Get("roleTokens")!;
        foreach (var role in new[] { "system", "user", "assistant", "tool" })
        {
            Assert.Equal(ChatFraming.Claude.PerMessage, Number(claude, "perMessage") + Number(roles.Get(role)!, "claude"));
            Assert.Equal(ChatFraming.Gemini.PerMessage, Number(gemini, "perMessage") + Number(roles.Get(role)!, "gemini"));
        }

        Assert.Equal(ChatFraming.Claude.PerRequest, Number(claude, "baseOverhead"));
        Assert.Equal(ChatFraming.Gemini.PerRequest, Number(gemini, "baseOverhead"));
        Assert.Equal(TokenizerProfile.Claude.Factor, Amount(claude, "contentMultiplier"));
        Assert.Equal(TokenizerProfile.Gemini.Factor, Amount(gemini, "contentMultiplier"));
    }

    private static PromptShape OneUserMessage(string model, string text) =>
        new(model, new[] { new PromptMessage(MessageRole.User, text) }) { MaxOutputTokens = 100 };

    private static void AssertWithin(long expected, long actual)
    {
        var allowed = expected * Tolerance;
        Assert.True(Math.Abs(actual - expected) <= allowed, $"expected {expected} ± 1% ({allowed:0.##}), got {actual}");
    }

    private static MessageRole Role(string role) => role switch
    {
        "system" => MessageRole.System,
        "assistant" => MessageRole.Assistant,
        _ => MessageRole.User,
    };

    private static JsonValue Find(string name) => Fixtures.Get("cases")!.Items.Single(i => i.GetString("name") == name);

    private static long Number(JsonValue item, string family, string field) => Number(item.Get(family)!, field);

    private static long Number(JsonValue item, string field) => (long)Amount(item, field);

    private static decimal Amount(JsonValue item, string field) => decimal.Parse(item.Get(field)!.Text!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
