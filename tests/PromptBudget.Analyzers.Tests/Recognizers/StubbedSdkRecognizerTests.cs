using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>Anthropic.SDK, Google.GenAI and Mscc.GenerativeAI, through <see cref="SdkStubs"/> (the packages do not restore here).</summary>
public class StubbedSdkRecognizerTests
{
    // claude-sonnet-4-5-20250929: input 3e-06, output 1.5e-05; gemini-2.5-flash: input 3e-07, output and reasoning 2.5e-06 (LiteLLM 2026-07-24).
    [Fact]
    public async Task AnthropicSdkMessageParametersWithModelConstantAndSystemMessage()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Constants;
            using Anthropic.SDK.Messaging;

            class Bot
            {
                async Task Ask(AnthropicClient client)
                {
                    var parameters = new MessageParameters
                    {
                        Model = AnthropicModels.Claude45Sonnet,
                        MaxTokens = 800,
                        System = new List<SystemMessage> { new SystemMessage("You are terse.") },
                        Messages = new List<Message> { new Message(RoleType.User, "Where is my parcel?") },
                    };
                    await client.Messages.{|#0:GetClaudeMessageAsync|}(parameters);
                    await client.Messages.CountMessageTokensAsync(parameters);
                }
            }
            """;
        var input = Expected.ClaudeInputTokens("You are terse.", "Where is my parcel?");
        var upper = Expected.UpperBound(input, 0.025m);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { Stubs = new[] { SdkStubs.AnthropicSdk } },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "Anthropic.SDK", "claude-sonnet-4-5-20250929", Expected.EstimatedInputTokens(input, upper), "estimated", "800", "set",
                Expected.Usd((upper * 0.000003m) + (800 * 0.000015m))));
    }

    [Fact]
    public async Task AnthropicSdkWithoutMaxTokensIsReportedWithTheFix()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic.SDK;
            using Anthropic.SDK.Messaging;

            class Bot
            {
                Task Ask(AnthropicClient client) =>
                    client.Messages.{|#0:GetClaudeMessageAsync|}({|#1:new MessageParameters
                    {
                        Model = "claude-sonnet-4-5-20250929",
                        Messages = new List<Message> { new Message(RoleType.User, "Hi") },
                    }|});
            }
            """;
        var input = Expected.UpperBound(Expected.ClaudeInputTokens("Hi"), 0.025m);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { Stubs = new[] { SdkStubs.AnthropicSdk }, DisabledDiagnostics = new[] { "PB0001" } },
            // The second location is the options object the code fix adds MaxTokens to.
            Verify.Diagnostic("PB1003").WithLocation(0).WithLocation(1).WithArguments(
                "claude-sonnet-4-5-20250929", "64,000", Expected.Usd((input * 0.000003m) + (64000 * 0.000015m)), "MaxTokens"));
    }

    [Fact]
    public async Task GoogleGenAIGenerateContentWithConfigAndThinkingBudget()
    {
        const string source = """
            using System.Threading.Tasks;
            using Google.GenAI;
            using Google.GenAI.Types;

            class Bot
            {
                const string Model = "gemini-2.5-flash";

                async Task Ask(Client client)
                {
                    var config = new GenerateContentConfig { MaxOutputTokens = 1000, ThinkingConfig = new ThinkingConfig { ThinkingBudget = 512 } };
                    await client.Models.{|#0:GenerateContentAsync|}(model: Model, contents: "Write a haiku about invoices.", config: config);
                    await client.Models.CountTokensAsync(Model, "Write a haiku about invoices.");
                }
            }
            """;

        var site = await StubRun(source, SdkStubs.GoogleGenAI);

        Assert.Equal("Google.GenAI", site.Sdk);
        Assert.Equal("gemini-2.5-flash", site.Model);
        Assert.False(site.Exact);
        Assert.Equal(Expected.GeminiInputTokens("Write a haiku about invoices."), site.InputTokens);
        Assert.Equal(Expected.UpperBound(site.InputTokens, 0.02m), site.InputTokensUpperBound);
        Assert.Equal(0.02m, site.TokenizerMargin);
        Assert.StartsWith("ai-tokenizer 1.0.6 gemini fit", site.Framing);
        Assert.Equal(1000, site.MaxOutputTokens);
        Assert.Equal(512, site.ReasoningTokens);
    }

    [Fact]
    public async Task GoogleGenAISystemInstructionAndAConversationOfContentParts()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Google.GenAI;
            using Google.GenAI.Types;

            class Bot
            {
                async Task Ask(Client client, string question)
                {
                    var config = new GenerateContentConfig
                    {
                        MaxOutputTokens = 200,
                        SystemInstruction = new Content { Parts = new List<Part> { new Part { Text = "You are terse. " }, new Part { Text = "Cite the policy." } } },
                    };
                    var contents = new List<Content>
                    {
                        new Content { Role = "user", Parts = new List<Part> { new Part { Text = "Where is my parcel?" } } },
                        new Content { Role = "user", Parts = new List<Part> { new Part { Text = question } } },
                    };
                    await client.Models.GenerateContentAsync("gemini-2.5-flash", contents, config);
                }
            }
            """;

        var site = await StubRun(source, SdkStubs.GoogleGenAI);

        Assert.Equal(Expected.GeminiInputTokens("You are terse. Cite the policy.", "Where is my parcel?", ""), site.InputTokens);
        Assert.Equal(1, site.UnboundedSegments);
        Assert.Equal("question", Assert.Single(site.Segments).Name);
    }

    [Fact]
    public async Task GoogleGenAIWithoutConfigWarnsAboutMaxOutput()
    {
        const string source = """
            using Google.GenAI;

            class Bot
            {
                void Ask(Client client) => client.Models.{|#0:GenerateContentAsync|}("gemini-2.5-flash", "Hi");
            }
            """;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { Stubs = new[] { SdkStubs.GoogleGenAI }, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1003").WithLocation(0).WithArguments(
                "gemini-2.5-flash", "65,535", Expected.Usd((Expected.UpperBound(Expected.GeminiInputTokens("Hi"), 0.02m) * 0.0000003m) + (65535 * 0.0000025m)), "MaxOutputTokens"));
    }

    [Fact]
    public async Task MsccGenerativeModelFromTheFactoryWithConfig()
    {
        const string source = """
            using System.Threading.Tasks;
            using Mscc.GenerativeAI;

            class Bot
            {
                async Task Ask()
                {
                    var googleAI = new GoogleAI("key");
                    var model = googleAI.GenerativeModel(model: Model.Gemini25Flash, generationConfig: new GenerationConfig { MaxOutputTokens = 300 });
                    await model.{|#0:GenerateContent|}("Summarise: the parcel is late.");
                    await model.CountTokens("Summarise: the parcel is late.");
                }
            }
            """;
        var input = Expected.GeminiInputTokens("Summarise: the parcel is late.");
        var upper = Expected.UpperBound(input, 0.02m);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { Stubs = new[] { SdkStubs.MsccGenerativeAI } },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "Mscc.GenerativeAI", "gemini-2.5-flash", Expected.EstimatedInputTokens(input, upper), "estimated", "300", "set",
                Expected.Usd((upper * 0.0000003m) + (300 * 0.0000025m))));
    }

    [Fact]
    public async Task TheOlderOpenAIResponseClientWithItsModelAndCreationOptions()
    {
        const string source = """
            using OpenAI.Responses;

            class Bot
            {
                void Ask()
                {
                    var client = new OpenAIResponseClient("gpt-4o", "key");
                    client.{|#0:CreateResponse|}("Where is my order?", new ResponseCreationOptions { Instructions = "Be brief.", MaxOutputTokenCount = 64 });
                    client.GetResponse("resp_1");
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Be brief.", "Where is my order?");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { Stubs = new[] { SdkStubs.OpenAIResponseClientLegacy, "namespace System.ClientModel { public class ClientResult<T> { } }" } },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments(
                "OpenAI.Responses", "gpt-4o", Expected.InputTokens(input), "exact", "64", "set", Expected.Usd((input * 0.0000025m) + (64 * 0.00001m))));
    }

    [Fact]
    public async Task NothingIsReportedWithoutTheSdk()
    {
        const string source = """
            class GenerativeModel { public void GenerateContent(string prompt) { } }
            class Bot { void Ask(GenerativeModel m) => m.GenerateContent("Hi"); }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source));
    }

    private static Task<Core.Reporting.CallSiteRecord> StubRun(string source, string stub) =>
        AnalyzerRun.SingleCallSiteAsync(source + "\n" + stub);
}
