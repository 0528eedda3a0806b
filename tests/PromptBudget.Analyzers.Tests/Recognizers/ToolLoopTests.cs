using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Automatic tool loops, against the real Microsoft.Extensions.AI 10.11 and Semantic Kernel 1.82 packages: the cap and
/// where it comes from, the default read from the referenced assembly (and checked against the library itself), and one
/// request's worst case from prices written out here (gpt-4o-mini: $0.00000015 in, $0.0000006 out, window 128,000).
/// </summary>
public class ToolLoopTests
{
    private const decimal MiniInput = 0.00000015m;
    private const decimal MiniOutput = 0.0000006m;
    private const string Question = "Where is my order?";

    private static string ExtensionsAI(string client, string extraUsings = "") => $$"""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;
        {{extraUsings}}

        class Bot
        {
            public Task<ChatResponse> Ask(string key)
            {
                IChatClient inner = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
                IChatClient client = {{client}};
                return client.GetResponseAsync("{{Question}}", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """;

    [Fact]
    public async Task UseFunctionInvocationAtTheDefaultCapCountsTheLibrarysOwnDefault()
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(ExtensionsAI("inner.AsBuilder().UseFunctionInvocation().Build()")), Array.Empty<(string, string)>());
        var site = Assert.Single(payload!.Records);

        // The cap is the one the referenced library itself starts with.
        using var library = new FunctionInvokingChatClient(new NoClient());
        Assert.Equal(40, library.MaximumIterationsPerRequest);
        Assert.Equal(library.MaximumIterationsPerRequest, site.LoopIterationCap);
        Assert.Equal("library-default", site.LoopIterationCapSource);
        Assert.Contains("Microsoft.Extensions.AI " + typeof(FunctionInvokingChatClient).Assembly.GetName().Version, site.LoopIterationCapDetail);
        Assert.Equal("gpt-4o-mini", site.Model);

        // 40 calls: n, n + 1,500, …, n + 39 × 1,500 (500 tool call + 1,000 assumed results), all below the 128,000 window.
        var n = site.InputTokens;
        var inputs = (40 * n) + (1500 * (39 * 40 / 2));
        Assert.Equal(40, site.RequestModelCalls);
        Assert.Equal(inputs, site.RequestInputTokens);
        Assert.Equal(40 * 500, site.RequestOutputTokens);
        Assert.Equal((inputs * MiniInput) + (40 * 500 * MiniOutput), site.RequestWorstCaseCostUsd);
        Assert.Equal(1000, site.ToolResultTokens);
        Assert.True(site.ToolResultTokensAssumed);

        // PB1012 gives that worst case and the one at 5 calls: 5n + 1,500 × 10, 5 × 500 out.
        var atFive = ((5 * n) + 15_000) * MiniInput + (2500 * MiniOutput);
        var warning = Assert.Single(diagnostics, d => d.Id == "PB1012");
        var message = warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("can make 40 model calls", message);
        Assert.Contains(Expected.Usd(site.RequestWorstCaseCostUsd!.Value) + " per request at worst", message);
        Assert.Contains("with MaximumIterationsPerRequest = 5 it is at most " + Expected.Usd(atFive), message);
        Assert.Contains("assumed: set prompt_budget.tool_result_tokens", message);
        Assert.Equal("ConfigureArgument", warning.Properties["LoopFix"]);
    }

    [Fact]
    public async Task AConfigureCallbackSetsTheCapAsALiteral()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(ExtensionsAI("new ChatClientBuilder(inner).UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 6).Build()"));

        Assert.Equal(6, site.LoopIterationCap);
        Assert.Equal("literal", site.LoopIterationCapSource);
        Assert.Equal(6, site.RequestModelCalls);
    }

    [Fact]
    public async Task AFunctionInvokingChatClientMadeDirectlyKeepsItsInitializerAndItsInnerModel()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(ExtensionsAI("new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 3 }"));

        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal(3, site.LoopIterationCap);
        Assert.Equal("literal", site.LoopIterationCapSource);
        var n = site.InputTokens;
        Assert.Equal(((3 * n) + 4500) * MiniInput + (1500 * MiniOutput), site.RequestWorstCaseCostUsd);
    }

    [Fact]
    public async Task AFunctionInvokingChatClientWithoutACapIsAtTheDefaultAndTheFixAddsAnInitializer()
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(ExtensionsAI("new FunctionInvokingChatClient(inner)")), Array.Empty<(string, string)>());

        Assert.Equal(40, Assert.Single(payload!.Records).LoopIterationCap);
        Assert.Equal("ObjectInitializer", Assert.Single(diagnostics, d => d.Id == "PB1012").Properties["LoopFix"]);
    }

    [Fact]
    public async Task ACapFromConfigurationIsReadFromAppSettings()
    {
        var source = ExtensionsAI(
            "inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = int.Parse(Settings.Configuration[\"AI:MaxIterations\"]!)).Build()",
            "static class Settings { public static Microsoft.Extensions.Configuration.IConfiguration Configuration = null!; }");

        var site = await AnalyzerRun.SingleCallSiteAsync(source, ("/0/appsettings.json", """{ "AI": { "MaxIterations": "12" } }"""), ("/0/appsettings.Production.json", """{ "AI": { "MaxIterations": "15" } }"""));

        Assert.Equal(15, site.LoopIterationCap);
        Assert.Equal("configuration", site.LoopIterationCapSource);
        Assert.Contains("AI:MaxIterations", site.LoopIterationCapDetail);
    }

    [Fact]
    public async Task ACapThatCannotBeReadIsUnknownAndTheRequestCostIsUnknown()
    {
        var source = ExtensionsAI("inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = System.Environment.ProcessorCount).Build()");

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Null(site.LoopIterationCap);
        Assert.Equal("unknown", site.LoopIterationCapSource);
        Assert.Null(site.RequestWorstCaseCostUsd);
        Assert.Null(site.WorstCasePerRequestUsd);
    }

    [Fact]
    public async Task ACapBelowOneIsReportedAndCountedAsUnknown()
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(
            await AnalyzerRun.CompileAsync(ExtensionsAI("inner.AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 0).Build()")), Array.Empty<(string, string)>());

        Assert.Equal("unknown", Assert.Single(payload!.Records).LoopIterationCapSource);
        Assert.Contains(diagnostics, d => d.Id == "PB1010" && d.GetMessage().Contains("MaximumIterationsPerRequest is 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClientRegisteredWithUseFunctionInvocationLoopsWhereItIsInjected()
    {
        const string program = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key) =>
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient()).UseLogging().UseFunctionInvocation();
            }
            """;
        const string bot = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { program, bot })).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal(40, site.LoopIterationCap);
        Assert.Equal("library-default", site.LoopIterationCapSource);
    }

    [Fact]
    public async Task AClientWithALoopPassedToAConstructorLoopsWhereTheClassUsesIt()
    {
        // The model and the loop both come from the caller's argument (a field set in the constructor), not from DI.
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            class Program
            {
                static Task Main(string key)
                {
                    IChatClient client = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 3).Build();
                    return new Summarizer(client).Ask("Where is my order?");
                }
            }

            class Summarizer
            {
                private readonly IChatClient _chat;

                public Summarizer(IChatClient chat) => _chat = chat;

                public Task<ChatResponse> Ask(string question) => _chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 500 });
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal(3, site.LoopIterationCap);
        Assert.Equal("literal", site.LoopIterationCapSource);
    }

    [Fact]
    public async Task APlainClientHasNoLoop()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(ExtensionsAI("inner.AsBuilder().UseLogging().Build()"));

        Assert.False(site.HasToolLoop);
        Assert.Null(site.LoopIterationCap);
        Assert.Null(site.RequestWorstCaseCostUsd);
        Assert.Equal(site.WorstCaseCostUsd, site.WorstCasePerRequestUsd);
    }

    [Fact]
    public async Task TheToolResultAllowanceComesFromTheSetting()
    {
        var settings = new Dictionary<string, string> { ["prompt_budget.tool_result_tokens"] = "4000" };
        var (_, payload) = await AnalyzerRun.WithPayloadAsync(
            await AnalyzerRun.CompileAsync(ExtensionsAI("new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = 2 }")), Array.Empty<(string, string)>(), settings: settings);
        var site = Assert.Single(payload!.Records);

        Assert.Equal(4000, site.ToolResultTokens);
        Assert.False(site.ToolResultTokensAssumed);

        // n, then n + 500 + 4,000.
        Assert.Equal((2 * site.InputTokens) + 4500, site.RequestInputTokens);
    }

    private static string SemanticKernel(string settings) => $$"""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class Bot
        {
            public Task<FunctionResult> Ask(Kernel kernel) =>
                kernel.InvokePromptAsync("{{Question}}", new KernelArguments(new OpenAIPromptExecutionSettings { ModelId = "gpt-4o-mini", MaxTokens = 500, {{settings}} }));
        }
        """;

    [Theory]
    [InlineData("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto()", 128L)]
    [InlineData("ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions", 128L)]
    [InlineData("FunctionChoiceBehavior = FunctionChoiceBehavior.Required()", 2L)]
    public async Task SemanticKernelAutoInvocationLoopsUpToItsConnectorsLimit(string setting, long cap)
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(SemanticKernel(setting));

        Assert.Equal(cap, site.LoopIterationCap);
        Assert.Equal("library-default", site.LoopIterationCapSource);
        Assert.Equal(cap, site.RequestModelCalls);
        if (cap == 128)
        {
            Assert.Equal(128, SemanticKernelConnectorLimit());
            Assert.Contains("Microsoft.SemanticKernel.Connectors.OpenAI 1.82.0.0", site.LoopIterationCapDetail);
        }
    }

    [Theory]
    [InlineData("FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false)")]
    [InlineData("ToolCallBehavior = ToolCallBehavior.EnableKernelFunctions")]
    [InlineData("FunctionChoiceBehavior = FunctionChoiceBehavior.None()")]
    public async Task SemanticKernelWithoutAutoInvocationIsOneCall(string setting)
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(SemanticKernel(setting));

        Assert.False(site.HasToolLoop);
    }

    // The connector's own constant, read from the referenced 1.82.0 binary (the analyzer cannot run the library).
    private static int SemanticKernelConnectorLimit() =>
        (int)typeof(Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings).Assembly
            .GetType("Microsoft.SemanticKernel.Connectors.FunctionCalling.FunctionCallsProcessor")!
            .GetField("MaximumAutoInvokeAttempts", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetRawConstantValue()!;

    private sealed class NoClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
