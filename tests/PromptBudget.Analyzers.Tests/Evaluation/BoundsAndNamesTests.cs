using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Reporting;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Evaluation;

/// <summary>
/// Issue 18: values bounded by their type (an int prints in at most 11 characters), segments named by what holds
/// them, and PromptBound.Tokens for what an attribute cannot reach (locals, histories, builders).
/// </summary>
public sealed class BoundsAndNamesTests
{
    /// <summary>A class whose method takes <c>value</c> of <paramref name="type"/> and sends <paramref name="prompt"/> to gpt-4o.</summary>
    private static string Source(string type, string body, string members = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Text;
        using OpenAI.Chat;

        enum Shade { Red, Green, Ultramarine }
        [Flags] enum Access { None = 0, Read = 1, Write = 2, Execute = 4 }

        class Bot
        {
        {{members}}
            void Ask({{type}} value)
            {
        {{body}}
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(new ChatMessage[] { new UserChatMessage(prompt) }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
        }
        """;

    private static async Task<(IReadOnlyList<Diagnostic> Diagnostics, CallSiteRecord Site)> RunAsync(params string[] sources)
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(sources), System.Array.Empty<(string, string)>());
        return (diagnostics, Assert.Single(payload!.Records));
    }

    private static long Count(string text) => TokenizerRegistry.Count(text, TokenEncoding.O200kBase);

    private static long WorstOf(IReadOnlyList<string>? texts) => Assert.IsAssignableFrom<IReadOnlyList<string>>(texts).Max(Count);

    /// <summary>The package's own source file: the attribute and PromptBound.Tokens as users get them.</summary>
    private static string PackageBoundSource([CallerFilePath] string here = "") =>
        System.IO.File.ReadAllText(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "..", "..", "..", "build", "PromptBoundAttribute.cs"));

    [Fact]
    public async Task RandomSharedNextIsBoundedByInt()
    {
        var (diagnostics, site) = await RunAsync(Source("string", "        var prompt = $\"The temperature is {Random.Shared.Next(-20, 55)} degrees.\";"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(0, site.UnboundedSegments);
        var segment = Assert.Single(site.Segments);
        Assert.Equal("Random.Shared.Next(-20, 55)", segment.Name);
        Assert.Equal("type int", segment.BoundSource);
        var bound = WorstOf(FormattedValueTexts.For("int", null));
        Assert.Equal(bound, segment.BoundTokens);
        Assert.True(bound >= Count("-2147483648"));
        Assert.Equal(Expected.OpenAIInputTokens("") + Count("The temperature is ") + Count(" degrees.") + bound, site.InputTokens);
    }

    [Theory]
    [InlineData("int", "int")]
    [InlineData("long", "long")]
    [InlineData("short", "short")]
    [InlineData("byte", "byte")]
    [InlineData("sbyte", "sbyte")]
    [InlineData("ushort", "ushort")]
    [InlineData("uint", "uint")]
    [InlineData("ulong", "ulong")]
    [InlineData("bool", "bool")]
    [InlineData("char", "char")]
    [InlineData("Guid", "Guid")]
    [InlineData("DateTime", "DateTime")]
    [InlineData("DateTimeOffset", "DateTimeOffset")]
    [InlineData("TimeSpan", "TimeSpan")]
    [InlineData("decimal", "decimal")]
    [InlineData("double", "double")]
    [InlineData("float", "float")]
    [InlineData("int?", "int")]
    [InlineData("DateTime?", "DateTime")]
    public async Task EachBuiltInTypeIsBoundedByItsLongestText(string type, string key)
    {
        var (diagnostics, site) = await RunAsync(Source(type, "        var prompt = \"Value: \" + value;"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        var segment = Assert.Single(site.Segments);
        Assert.Equal("value", segment.Name);
        Assert.Equal("type " + key, segment.BoundSource);
        Assert.Equal(WorstOf(FormattedValueTexts.For(key, null)), segment.BoundTokens);
        Assert.True(segment.BoundTokens > 0);
    }

    [Fact]
    public async Task AnEnumIsBoundedByItsLongestNameOrANumber()
    {
        var (_, site) = await RunAsync(Source("Shade", "        var prompt = $\"Colour: {value}\";"));

        var segment = Assert.Single(site.Segments);
        Assert.Equal("type Shade", segment.BoundSource);
        Assert.True(segment.BoundTokens >= Count("Ultramarine"));
        Assert.True(segment.BoundTokens >= Count("-2147483648"), "a value with no name prints as its number");
    }

    [Fact]
    public async Task AFlagsEnumIsBoundedByEveryNameTogether()
    {
        var (_, site) = await RunAsync(Source("Access", "        var prompt = $\"Access: {value}\";"));

        Assert.True(Assert.Single(site.Segments).BoundTokens >= Count("Read, Write, Execute"));
    }

    [Fact]
    public async Task AStandardFormatAndAnAlignmentWidenTheBound()
    {
        var plain = (await RunAsync(Source("int", "        var prompt = $\"{value}\";"))).Site;
        var grouped = (await RunAsync(Source("int", "        var prompt = $\"{value:N2}\";"))).Site;
        var aligned = (await RunAsync(Source("int", "        var prompt = $\"{value,40}\";"))).Site;

        Assert.Equal("type int:N2", Assert.Single(grouped.Segments).BoundSource);
        Assert.True(grouped.Segments[0].BoundTokens > plain.Segments[0].BoundTokens, "N2 adds separators and decimals");
        Assert.Equal("type int,40", Assert.Single(aligned.Segments).BoundSource);
        Assert.True(aligned.Segments[0].BoundTokens > plain.Segments[0].BoundTokens, "40 columns of padding");
        Assert.True(aligned.Segments[0].BoundTokens >= Count(int.MinValue.ToString(CultureInfo.InvariantCulture).PadLeft(40)));
    }

    [Theory]
    [InlineData("double", "{value:0.##}")]
    [InlineData("DateTime", "{value:yyyy-MM-dd HH:mm}")]
    [InlineData("decimal", "{value:C}")]
    [InlineData("string", "{value}")]
    [InlineData("object", "{value}")]
    [InlineData("List<int>", "{value}")]
    [InlineData("Bot", "{value}")]
    public async Task CustomFormatsStringsObjectsCollectionsAndUserTypesStayUnbounded(string type, string hole)
    {
        var (diagnostics, site) = await RunAsync(Source(type, "        var prompt = $\"Value: " + hole + "\";"));

        Assert.Contains(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(1, site.UnboundedSegments);
        Assert.Null(Assert.Single(site.Segments).BoundTokens);
    }

    [Fact]
    public async Task ToStringWithAStandardFormatIsBounded()
    {
        var (diagnostics, site) = await RunAsync(Source("long", "        var prompt = \"Id \" + value.ToString(\"D20\");"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal("type long:D20", Assert.Single(site.Segments).BoundSource);
    }

    [Fact]
    public async Task AStringBuilderLocalIsNamedByTheLocalAndAdviceWrapsIt()
    {
        var (diagnostics, site) = await RunAsync(Source("string", """
                    var sbFoundProducts = new StringBuilder();
                    sbFoundProducts.AppendLine(value);
                    var prompt = $"Products:\n{sbFoundProducts}";
            """));

        Assert.Equal("sbFoundProducts", Assert.Single(site.Segments).Name);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1007").GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'sbFoundProducts' in the prompt", message);
        Assert.DoesNotContain("new StringBuilder()", message);
        Assert.Contains("PromptBudget.PromptBound.Tokens(sbFoundProducts, n)", message);
    }

    [Fact]
    public async Task AFieldIsNamedByTheFieldAndAdviceIsTheAttribute()
    {
        var (diagnostics, site) = await RunAsync(Source("string", "        var prompt = \"Log: \" + _log;", "    private readonly StringBuilder _log = new StringBuilder();"));

        Assert.Equal("_log", Assert.Single(site.Segments).Name);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1007").GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("add [PromptBudget.PromptBound(n)] where '_log' is declared", message);
        Assert.DoesNotContain("PromptBound.Tokens", message);
    }

    [Fact]
    public async Task AParameterAndALocalGetTheirOwnAdvice()
    {
        var (diagnostics, _) = await RunAsync(Source("string", "        var notes = Console.ReadLine();\n        var prompt = value + notes;"));

        var message = Assert.Single(diagnostics, d => d.Id == "PB1007").GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("add [PromptBudget.PromptBound(n)] where 'value' is declared", message);
        Assert.Contains("PromptBudget.PromptBound.Tokens(notes, n)", message);
    }

    [Fact]
    public async Task PromptBoundTokensBoundsALocalWhereItIsMadeOrWhereItIsUsed()
    {
        var made = (await RunAsync(Source("string", """
                    var sb = PromptBudget.PromptBound.Tokens(new StringBuilder(), 500);
                    sb.AppendLine(value);
                    var prompt = "Products: " + sb.ToString();
            """), PackageBoundSource())).Site;
        var used = (await RunAsync(Source("string", """
                    var sb = new StringBuilder();
                    var prompt = $"Products: {PromptBudget.PromptBound.Tokens(sb, 300)}";
            """), PackageBoundSource())).Site;

        Assert.Equal(0, made.UnboundedSegments);
        Assert.Equal(500, Assert.Single(made.Segments).BoundTokens);
        Assert.Equal("PromptBound.Tokens", made.Segments[0].BoundSource);
        Assert.Equal(Expected.OpenAIInputTokens("Products: ") + 500, made.InputTokens);
        Assert.Equal(300, Assert.Single(used.Segments).BoundTokens);
        Assert.Equal("sb", used.Segments[0].Name);
    }

    [Fact]
    public async Task ALocalMadeByPromptBoundTokensIsNamedByTheLocalWhenInterpolated()
    {
        var (diagnostics, site) = await RunAsync(Source("string", """
                    var sbNotes = PromptBudget.PromptBound.Tokens(new StringBuilder(), 100);
                    sbNotes.Append(value);
                    var prompt = $"It is {Random.Shared.Next(-20, 55)} degrees. {sbNotes}";
            """), PackageBoundSource());

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Contains(site.Segments, s => s.BoundSource == "type int" && s.Name == "Random.Shared.Next(-20, 55)");
        var notes = Assert.Single(site.Segments, s => s.BoundSource == "PromptBound.Tokens");
        Assert.Equal("sbNotes", notes.Name);
        Assert.Equal(100, notes.BoundTokens);
    }

    [Fact]
    public async Task ThePackageAttributeStillCompilesBesideThePromptBoundClass()
    {
        var (diagnostics, site) = await RunAsync(
            Source("string", "        var prompt = value;").Replace("void Ask(string value)", "void Ask([PromptBudget.PromptBound(40)] string value)"),
            "using PromptBudget;\nclass Other { void M([PromptBound(7)] string s) { } }",
            PackageBoundSource());

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(40, Assert.Single(site.Segments).BoundTokens);
    }

    [Fact]
    public async Task PromptBoundTokensBoundsAWholeChatHistory()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Chat
            {
                async Task Run(IChatCompletionService service, string question)
                {
                    ChatHistory history = PromptBudget.PromptBound.Tokens(new ChatHistory("You are terse."), 2000);
                    history.AddUserMessage(question);
                    await service.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", MaxTokens = 100 });
                }
            }
            """;

        var (diagnostics, site) = await RunAsync(source, PackageBoundSource());

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        var segment = Assert.Single(site.Segments);
        Assert.Equal("history", segment.Name);
        Assert.Equal(2000, segment.BoundTokens);
        Assert.Equal(Expected.OpenAIInputTokens("") + 2000, site.InputTokens);
    }
}
