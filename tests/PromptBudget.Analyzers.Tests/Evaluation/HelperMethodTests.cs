using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Analyzers.Tests.PromptFiles;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Evaluation;

/// <summary>
/// Prompts returned by helper methods of the app (field trial, dotnet/ai-samples CustomerSupport TicketSummarizer:
/// <c>var prompt = GetLongSummaryPrompt(input);</c>): the helper's returned expression is read with its parameters
/// replaced by the call's arguments. What cannot be followed stays a part that PB1007 names and says why.
/// Token counts are js-tiktoken's (Core.Tests/Fixtures/token-counts.json, the <c>helper-*</c> cases).
/// </summary>
public sealed class HelperMethodTests
{
    private const string SummaryStatic = "You are a support assistant. Summarise the ticket below in three sentences.\n";

    /// <summary>A class with <paramref name="members"/>, whose method runs <paramref name="body"/> and sends <c>prompt</c> to gpt-4o.</summary>
    private static string Source(string members, string body) => $$"""
        using System;
        using OpenAI.Chat;

        class Bot
        {
        {{members}}

            void Ask(string input)
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

    private static string Pb1007(IReadOnlyList<Diagnostic> diagnostics) =>
        Assert.Single(diagnostics, d => d.Id == "PB1007").GetMessage(CultureInfo.InvariantCulture);

    private static long O200k(string caseName, string text) => PromptFileRun.O200k(caseName, text);

    [Fact]
    public async Task TheFieldTrialsTicketSummarizerReadsTheTemplateAndNamesTheParameter()
    {
        // TicketSummarizer's shape: an IChatClient field, an expression-bodied helper with a raw interpolated string.
        var source = """"
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class TicketSummarizer
            {
                private readonly IChatClient _chatClient = new OpenAI.Chat.ChatClient("gpt-4o", "key").AsIChatClient();

                public async Task<string> SummarizeAsync(string input)
                {
                    var prompt = GetLongSummaryPrompt(input);
                    var response = await _chatClient.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = 500 });
                    return response.Text;
                }

                private static string GetLongSummaryPrompt(string messages) => $"""
                    You are a support assistant. Summarise the ticket below in three sentences.
                    {messages}
                    """;
            }
            """";

        var (diagnostics, site) = await RunAsync(source);

        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-summary-static", SummaryStatic)), site.InputTokens);
        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("messages", Assert.Single(site.Segments).Name);
        var message = Pb1007(diagnostics);
        Assert.StartsWith("'messages' (the parameter of 'GetLongSummaryPrompt', given 'input')", message);
        Assert.Contains("add [PromptBudget.PromptBound(n)] where 'messages' is declared", message);
    }

    [Fact]
    public async Task AnExpressionBodiedHelperWithAKnownArgumentIsExact()
    {
        var (diagnostics, site) = await RunAsync(Source(
            "    private static string GetLongSummaryPrompt(string messages) => $\"\"\"\n        You are a support assistant. Summarise the ticket below in three sentences.\n        {messages}\n        \"\"\";",
            "        var prompt = GetLongSummaryPrompt(\"The printer in room 4 is on fire.\");"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(0, site.UnboundedSegments);
        Assert.Empty(site.Segments);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-summary-filled", SummaryStatic + "The printer in room 4 is on fire.")), site.InputTokens);
    }

    [Fact]
    public async Task ABlockBodiedHelperWithOneReturnStringFormatConcatAndADefaultValue()
    {
        var (diagnostics, site) = await RunAsync(Source(
            """
                private static string Classify(string ticket, string labels = "billing, outage")
                {
                    var header = "Classify the ticket into one of: " + labels + ".";
                    return string.Format("{0}\nTicket: {1}", header, ticket);
                }
            """,
            "        var prompt = Classify(\"My invoice is wrong.\");"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(0, site.UnboundedSegments);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-classify", "Classify the ticket into one of: billing, outage.\nTicket: My invoice is wrong.")), site.InputTokens);
    }

    [Fact]
    public async Task AHelperCallingAHelperIsFollowedAndTheSameHelperTwiceIsNotRecursion()
    {
        var (nestedDiagnostics, nested) = await RunAsync(Source(
            """
                private string Outer(string q) => Inner(q) + " Answer in French.";
                private static string Inner(string text) => string.Concat("Question: ", text);
            """,
            "        var prompt = Outer(\"Where is my order?\");"));

        Assert.DoesNotContain(nestedDiagnostics, d => d.Id == "PB1007");
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-nested", "Question: Where is my order? Answer in French.")), nested.InputTokens);

        // Quote(Quote("hi")): the inner call is an argument read where the outer call is, not a call Quote makes itself.
        var (twiceDiagnostics, twice) = await RunAsync(Source(
            "    private static string Quote(string s) => \"<\" + s + \">\";",
            "        var prompt = Quote(Quote(\"hi\"));"));

        Assert.DoesNotContain(twiceDiagnostics, d => d.Id == "PB1007");
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-quoted-twice", "<<hi>>")), twice.InputTokens);
    }

    [Fact]
    public async Task ARecursiveHelperStopsAtItsOwnCallWhichPb1007Names()
    {
        var (diagnostics, site) = await RunAsync(Source(
            "    private static string Again(string s) => \"Again: \" + Again(s);",
            "        var prompt = Again(\"x\");"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("Again(s)", Assert.Single(site.Segments).Name);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-recursive-static", "Again: ")), site.InputTokens);
        Assert.StartsWith("'Again(s)' ('Again' calls itself; a recursive method is not followed)", Pb1007(diagnostics));
    }

    [Fact]
    public async Task AVirtualHelperIsNotFollowedAndPb1007SaysWhy()
    {
        var (diagnostics, site) = await RunAsync(Source(
            "    protected virtual string Template() => \"You are terse.\";",
            "        var prompt = \"Rules: \" + Template();"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("Template()", Assert.Single(site.Segments).Name);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-virtual-static", "Rules: ")), site.InputTokens);
        var message = Pb1007(diagnostics);
        Assert.StartsWith("'Template()' (a virtual method: an override may return other text, so it is not followed)", message);
        Assert.Contains("add [PromptBudget.PromptBound(n)] where 'Template()' is declared", message);
    }

    [Fact]
    public async Task PromptBoundOnTheHelpersParameterBoundsAnUnknownArgument()
    {
        var (diagnostics, site) = await RunAsync(
            Source("    private static string Wrap([PromptBudget.PromptBound(200)] string body) => \"Summarise: \" + body;", "        var prompt = Wrap(input);"),
            "namespace PromptBudget { [System.AttributeUsage(System.AttributeTargets.All)] sealed class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int maxTokens) { } } }");

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(0, site.UnboundedSegments);
        var segment = Assert.Single(site.Segments);
        Assert.Equal("body", segment.Name);
        Assert.Equal(200, segment.BoundTokens);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-bound-static", "Summarise: ") + 200), site.InputTokens);
    }

    [Fact]
    public async Task AParameterTheHelperWritesIsNotReplacedByTheArgument()
    {
        var (diagnostics, site) = await RunAsync(Source(
            """
                private static string Trimmed(string s)
                {
                    s = s.Trim();
                    return "Text: " + s;
                }
            """,
            "        var prompt = Trimmed(\"  padded  \");"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("s", Assert.Single(site.Segments).Name);
        Assert.Equal(PromptFileRun.OpenAIInput(O200k("helper-written-static", "Text: ")), site.InputTokens);
        Assert.Contains("'s' (a parameter of 'Trimmed' that it writes or takes by reference)", Pb1007(diagnostics));
    }

    [Fact]
    public async Task AHelperWithTwoReturnsStaysOnePartThatSaysWhy()
    {
        var (diagnostics, site) = await RunAsync(Source(
            """
                private static string Pick(bool brief)
                {
                    if (brief) return "Be brief.";
                    return "Be thorough and cite sources.";
                }
            """,
            "        var prompt = Pick(input.Length > 3);"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal(PromptFileRun.OpenAIInput(0), site.InputTokens);
        Assert.StartsWith("'prompt' (it returns from 2 places; only a method with one return (or an expression body) is followed)", Pb1007(diagnostics));
    }

    [Fact]
    public async Task HelpersNestedDeeperThanTheLimitStopWithAReason()
    {
        // H1 → H2 → … → H6: four are followed, the fifth call stays a part.
        var members = string.Join("\n", Enumerable.Range(1, 5).Select(i => $"    private static string H{i}(string s) => H{i + 1}(s);"))
            + "\n    private static string H6(string s) => \"Deep: \" + s;";
        var (diagnostics, site) = await RunAsync(Source(members, "        var prompt = H1(\"x\");"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("H5(s)", Assert.Single(site.Segments).Name);
        Assert.Contains("helper methods nested more than 4 deep are not followed", Pb1007(diagnostics));
    }
}
