using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Evaluation;

/// <summary>
/// Values followed the way a reader would: every string form and every way a model, an options
/// object or a message list reaches the call. Each case states the text a reader sees and expects
/// exactly its token count; what cannot be known becomes a dynamic segment.
/// </summary>
public abstract class DataFlowTests
{
    /// <summary>The framework the test code compiles against: .NET 10 binds string.Join/Concat/Format to params ReadOnlySpan overloads, .NET 8 to params arrays.</summary>
    protected abstract Microsoft.CodeAnalysis.Testing.ReferenceAssemblies References { get; }

    private const decimal Gpt4oInput = 0.0000025m;
    private const decimal Gpt4oOutput = 0.00001m;

    /// <summary>A class with <paramref name="members"/>, whose method body runs <paramref name="body"/> and then sends <c>prompt</c> to gpt-4o.</summary>
    private static string Source(string members, string body) => $$"""
        using System.Collections.Generic;
        using OpenAI.Chat;

        class Bot
        {
        {{members}}

            void Ask(string question)
            {
        {{body}}
                var client = new ChatClient("gpt-4o", "key");
                client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage(prompt) }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
        }
        """;

    private Task ExpectPrompt(string source, string text) =>
        Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "OpenAI.Chat", "gpt-4o", Expected.InputTokens(Expected.OpenAIInputTokens(text)), "exact", "10", "set",
                Expected.Usd((Expected.OpenAIInputTokens(text) * Gpt4oInput) + (10 * Gpt4oOutput))));

    [Fact]
    public Task VerbatimString() =>
        ExpectPrompt(Source("", "        var prompt = @\"Say \"\"hi\"\" to C:\\users\";"), "Say \"hi\" to C:\\users");

    [Fact]
    public Task RawMultiLineString() =>
        ExpectPrompt(
            Source("", "        var prompt = \"\"\"\n            You are a support agent.\n              Answer in one line.\n            \"\"\";"),
            "You are a support agent.\n  Answer in one line.");

    [Fact]
    public Task ConstField() =>
        ExpectPrompt(Source("    private const string Rules = \"Be brief.\";", "        var prompt = Rules;"), "Be brief.");

    [Fact]
    public Task StaticReadonlyFieldOfAnotherClass() =>
        ExpectPrompt(
            Source("    private static class Prompts { public static readonly string System = \"You are terse.\"; }", "        var prompt = Prompts.System;"),
            "You are terse.");

    [Fact]
    public Task ConcatenationOfConstantsAndLiterals() =>
        ExpectPrompt(Source("    const string A = \"Hello, \";", "        var prompt = A + \"world\" + '!' + 42;"), "Hello, world!42");

    [Fact]
    public Task InterpolationWithConstantHoles() =>
        ExpectPrompt(Source("    const string Name = \"Ada\";\n    static readonly string Shop = \"Acme\";", "        var prompt = $\"Dear {Name}, welcome to {Shop}.\";"), "Dear Ada, welcome to Acme.");

    [Fact]
    public Task StringFormatWithEscapedBraces() =>
        ExpectPrompt(Source("    const string Name = \"Ada\";", "        var prompt = string.Format(\"{0} likes {{json}} and {1}\", Name, \"tea\");"), "Ada likes {json} and tea");

    [Fact]
    public Task StringConcatAndJoin() =>
        ExpectPrompt(Source("    const string A = \"one\";", "        var prompt = string.Concat(A, \"-\", \"two\") + string.Join(\", \", A, \"two\", \"three\");"), "one-twoone, two, three");

    [Fact]
    public Task StringConcatJoinAndFormatWithManyParts() =>
        ExpectPrompt(
            Source("    const string A = \"one\";", "        var prompt = string.Concat(A, \"1\", \"2\", \"3\", \"4\", \"5\") + string.Join(\", \", \"a\", \"b\", \"c\", A) + string.Format(\"[{0}{1}{2}{3}]\", \"w\", \"x\", A, 4) + string.Concat(\"p\", (object)\"q\", 'r', 1, 2.5);"),
            "one12345a, b, c, one[wxone4]pqr12.5");

    [Fact]
    public Task AnExplicitCollectionExpressionOfParts() =>
        ExpectPrompt(Source("    const string A = \"one\";", "        var prompt = string.Join(\"-\", [A, \"two\", \"three\"]) + string.Concat([\"x\", \"y\"]);"), "one-two-threexy");

    [Fact]
    public async Task ASpreadElementIsADynamicSegment()
    {
        var source = Source("    static readonly string[] Items = { \"a\", \"b\" };", "        var prompt = string.Join(\", \", [\"first\", ..Items]);");

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("..Items", Assert.Single(site.Segments).Name);
    }

    [Fact]
    public Task ALocalWithOneReachingAssignmentDeclaredFirst() =>
        ExpectPrompt(Source("", "        string prompt;\n        prompt = \"Assigned later.\";"), "Assigned later.");

    [Fact]
    public async Task ALocalAssignedOnTwoPathsIsDynamic()
    {
        var source = Source("", "        var prompt = \"Short.\";\n        if (question.Length > 3) { prompt = \"A much longer prompt.\"; }");

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal(Expected.OpenAIInputTokens(""), site.InputTokens);
    }

    [Fact]
    public async Task AParameterIsAnUnboundedSegmentBetweenKnownText()
    {
        var source = Source("", "        var prompt = \"Question: \" + question + \" Answer briefly.\";");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1007").WithLocation(0).WithArguments("'question'", "gpt-4o", "add [PromptBudget.PromptBound(n)] where 'question' is declared"));

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);
        Assert.Equal(1, site.UnboundedSegments);
        // The known text either side of the segment is counted piece by piece; the segment adds nothing.
        Assert.Equal(Expected.OpenAIInputTokens("") + CountOf("Question: ") + CountOf(" Answer briefly."), site.InputTokens);
        Assert.Equal("question", Assert.Single(site.Segments).Name);
    }

    [Fact]
    public async Task APromptBoundOnTheParameterAddsItsTokens()
    {
        var source = Source("    class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int tokens) { } }", "        var prompt = \"Question: \" + question;")
            .Replace("void Ask(string question)", "void Ask([PromptBound(300)] string question)");

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);

        Assert.Equal(0, site.UnboundedSegments);
        Assert.Equal(Expected.OpenAIInputTokens("Question: ") + 300, site.InputTokens);
    }

    [Fact]
    public async Task AnAssumedSegmentSizeReplacesTheUnboundedWarning()
    {
        var source = Source("", "        var prompt = \"Question: \" + question;");
        var input = Expected.OpenAIInputTokens("Question: ") + 250;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, EditorConfig = "prompt_budget.assumed_segment_tokens = 250\n" },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "10", "set", Expected.Usd((input * Gpt4oInput) + (10 * Gpt4oOutput))));
    }

    [Fact]
    public async Task ModelOptionsAndMessagesFollowedThroughFieldsLocalsAndLaterAssignments()
    {
        // The client is a field set in the constructor, the model a constant, the options a local
        // changed after creation, the messages a list filled with Add.
        const string source = """
            using System.Collections.Generic;
            using OpenAI.Chat;

            class Bot
            {
                private const string Model = "gpt-4o-mini";
                private const string System = "You are terse.";
                private readonly ChatClient _client;

                public Bot(string key) => _client = new ChatClient(Model, key);

                void Ask()
                {
                    var messages = new List<ChatMessage>();
                    messages.Add(new SystemChatMessage(System));
                    messages.Add(new UserChatMessage("Where is my order?"));
                    var options = new ChatCompletionOptions();
                    options.MaxOutputTokenCount = 500;
                    _client.{|#0:CompleteChat|}(messages, options);
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("You are terse.", "Where is my order?");
        var cost = (input * 0.00000015m) + (500 * 0.0000006m);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments("OpenAI.Chat", "gpt-4o-mini", Expected.InputTokens(input), "exact", "500", "set", Expected.Usd(cost)));
    }

    [Theory]
    [InlineData("", "gpt-4o-mini")]
    [InlineData("    public void Swap() => _client = new ChatClient(\"gpt-4o\", \"key\");", null)]
    [InlineData("    public void Swap(out ChatClient c) { c = null!; Reset(ref _client); }\n    static void Reset(ref ChatClient c) { }", null)]
    public async Task APrivateFieldIsFollowedOnlyWhenNothingButTheConstructorAssignsIt(string otherMember, string? model)
    {
        var source = $$"""
            using OpenAI.Chat;

            class Bot
            {
                private ChatClient _client;

                public Bot(string key) { _client = new ChatClient("gpt-4o-mini", key); }

            {{otherMember}}

                void Ask() => _client.CompleteChat(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);

        Assert.Equal(model, site.Model);
    }

    [Fact]
    public async Task AModelThatComesFromOutsideUsesTheDefaultModelOrIsReported()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask(string model)
                {
                    var client = new ChatClient(model, "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Hi");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, EditorConfig = "prompt_budget.default_model = gpt-4o\n" },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "OpenAI.Chat", "gpt-4o, default model", Expected.InputTokens(input), "exact", "10", "set", Expected.Usd((input * Gpt4oInput) + (10 * Gpt4oOutput))));

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1009").WithLocation(0).WithArguments("OpenAI.Chat", "'model' is not a value the analyzer can read"));
    }

    [Fact]
    public async Task WithNoModelThePromptIsStillCountedAndAnInputBudgetApplies()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask(string model)
                {
                    var client = new ChatClient(model, "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Please summarise the attached ticket.") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                }
            }
            """;
        // No model, no vocabulary to choose: the generic estimate (o200k × 1.35, no margin) and no price.
        var input = Expected.GenericInputTokens("Please summarise the attached ticket.");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, EditorConfig = "prompt_budget.max_input_tokens = 5\n" },
            Verify.Diagnostic("PB1009").WithLocation(0).WithArguments("OpenAI.Chat", "'model' is not a value the analyzer can read"),
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments("OpenAI.Chat", "unknown model", Expected.EstimatedInputTokens(input, input), "estimated", "10", "set", "unknown"),
            Verify.Diagnostic("PB1001").WithLocation(0).WithArguments("unknown model", Expected.Tokens(input), Expected.Tokens(input - 5), "5"));
    }

    [Fact]
    public async Task AnUnknownModelIsNeverPricedAtZeroAndSuggestsNames()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask()
                {
                    var client = new ChatClient("gpt-4o-mni", "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source, References);
        Assert.Null(site.WorstCaseCostUsd);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { References = References, RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1008").WithLocation(0).WithArguments("gpt-4o-mni", "; did you mean 'gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini'?"));
    }

    private static long CountOf(string text) => PromptBudget.Core.Tokenization.TokenizerRegistry.Count(text, PromptBudget.Core.Tokenization.TokenEncoding.O200kBase);
}

/// <summary>The data-flow tests against .NET 8's reference assemblies.</summary>
public sealed class DataFlowTestsNet80 : DataFlowTests
{
    protected override Microsoft.CodeAnalysis.Testing.ReferenceAssemblies References => SdkReferences.Net80;
}

/// <summary>The data-flow tests against .NET 10's reference assemblies.</summary>
public sealed class DataFlowTestsNet100 : DataFlowTests
{
    protected override Microsoft.CodeAnalysis.Testing.ReferenceAssemblies References => SdkReferences.Net100;
}
