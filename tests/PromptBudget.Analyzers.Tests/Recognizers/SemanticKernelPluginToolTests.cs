using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// The functions of a Semantic Kernel kernel's plugins are tool definitions of every model call that advertises them.
/// Expected tokens come from Core.Tests/Fixtures/tool-counts.json (the cookbook formula on js-tiktoken, for the tools
/// written out in the generator); the first tests run the real Semantic Kernel 1.82 OpenAI connector on the same plugin
/// source and assert it sends exactly those tools, so the fixture is what SK sends.
/// </summary>
public class SemanticKernelPluginToolTests
{
    // Names written out in full: the source is appended to a test's own, after its using directives.
    internal const string Plugin = """

        public enum Priority { Low, Normal, High }

        public sealed class Orders
        {
            [Microsoft.SemanticKernel.KernelFunction, System.ComponentModel.Description("Gets one order by its number.")]
            public System.Threading.Tasks.Task<string> GetOrderAsync([System.ComponentModel.Description("The order number, e.g. A-1042.")] string orderId,
                Microsoft.SemanticKernel.Kernel kernel, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.FromResult("");

            [Microsoft.SemanticKernel.KernelFunction("set_priority"), System.ComponentModel.Description("Sets the priority of an order")]
            public string SetPriority([System.ComponentModel.Description("The order number")] string orderId, Priority priority,
                [System.ComponentModel.Description("Tell the customer")] bool notify = true) => "";

            public string NotAFunction() => "";
        }
        """;

    private const string Question = "Where is order A-1042?";

    private static readonly JsonNode Fixtures = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tool-counts.json")))!;

    private static JsonObject Case(string name) =>
        Fixtures["cases"]!.AsArray().Single(c => (string)c!["name"]! == name && (string)c["model"]! == "gpt-4o")!.AsObject();

    internal static long ToolTokens(string name) => (long)Case(name)["toolTokens"]!;

    private static long PromptTokens(string name) => (long)Case(name)["promptTokens"]!;

    private static string Bot(string behavior, string builderPlugins = "builder.Plugins.AddFromType<Orders>();", string kernelPlugins = "") => $$"""
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class Bot
        {
            public async Task Ask(string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion("gpt-4o", key);
                {{builderPlugins}}
                var kernel = builder.Build();
                {{kernelPlugins}}
                await kernel.{|#0:InvokePromptAsync|}("{{Question}}", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 500, FunctionChoiceBehavior = {{behavior}} }));
            }
        }
        """;

    [Theory]
    [InlineData("FunctionChoiceBehavior.Auto()", true, "semantic-kernel-orders-plugin", "auto")]
    [InlineData("FunctionChoiceBehavior.Auto(autoInvoke: false)", true, "semantic-kernel-orders-plugin", "auto")]
    [InlineData("FunctionChoiceBehavior.None()", true, "semantic-kernel-orders-plugin", "none")]
    [InlineData("FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction(\"Orders\", \"GetOrder\")], autoInvoke: false)", true, "semantic-kernel-orders-get-order", "auto")]
    [InlineData("FunctionChoiceBehavior.Auto()", false, "semantic-kernel-placeholder", "none")]
    public async Task TheRealConnectorSendsTheFixturesTools(string behavior, bool withPlugin, string fixture, string toolChoice)
    {
        var request = await RequestSentAsync(behavior, withPlugin);

        var expected = Case(fixture)["tools"]!.AsArray();
        var sent = request["tools"]!.AsArray();
        Assert.Equal(expected.Count, sent.Count);
        foreach (var tool in expected)
        {
            var function = tool!["function"]!;
            var match = sent.Single(t => (string)t!["function"]!["name"]! == (string)function["name"]!)!["function"]!;
            Assert.Equal((string)function["description"]!, (string)match["description"]!);
            Assert.True(JsonNode.DeepEquals(function["parameters"], match["parameters"]), $"{function["parameters"]!.ToJsonString()} was sent as {match["parameters"]!.ToJsonString()}");
        }

        Assert.Equal(toolChoice, (string)request["tool_choice"]!);
    }

    [Fact]
    public async Task WithoutAFunctionChoiceBehaviorTheConnectorSendsNoTools()
    {
        var request = await RequestSentAsync(null, withPlugin: true);

        Assert.Null(request["tools"]);
    }

    [Theory]
    [InlineData("builder.Plugins.AddFromType<Orders>();", "")]
    [InlineData("builder.Plugins.AddFromObject(new Orders(), \"Orders\");", "")]
    [InlineData("", "kernel.ImportPluginFromType<Orders>();")]
    [InlineData("", "kernel.Plugins.AddFromType<Orders>(\"Orders\");")]
    [InlineData("", "kernel.ImportPluginFromObject(new Orders());")]
    public async Task AnAutoInvokeLoopCountsBothFunctionsOfThePluginInEveryCall(string builderPlugins, string kernelPlugins)
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(Bot("FunctionChoiceBehavior.Auto()", builderPlugins, kernelPlugins) + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.Equal(PromptTokens("semantic-kernel-orders-plugin"), site.InputTokens);
        Assert.Equal(128, site.LoopIterationCap);
        Assert.Contains("2 kernel function definitions counted in every call's input", site.LoopIterationCapDetail);
        Assert.DoesNotContain("not counted", site.Assumptions ?? "");

        // Each of the loop's calls resends them: the first call of the request is the call's own input.
        Assert.True(site.RequestInputTokens >= 128 * site.InputTokens);
    }

    [Fact]
    public async Task AFunctionsListAdvertisesOnlyTheFunctionsItNames()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(Bot("FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction(\"Orders\", \"GetOrder\")])") + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-get-order"), site.ToolTokens);
        Assert.Contains("1 kernel function definition counted", site.LoopIterationCapDetail);
    }

    [Fact]
    public async Task NoneStillAdvertisesTheFunctionsButRunsNoLoop()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(Bot("FunctionChoiceBehavior.None()") + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.False(site.HasToolLoop);
    }

    [Fact]
    public async Task WithoutABehaviorThePluginsAreNotSent()
    {
        var source = Bot("null") + Plugin;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(0, site.ToolTokens);
        Assert.Equal(Expected.OpenAIInputTokens(Question), site.InputTokens);
    }

    [Fact]
    public async Task AKernelWithoutFunctionsSendsTheConnectorsPlaceholderTool()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(Bot("FunctionChoiceBehavior.Auto()", builderPlugins: ""));

        Assert.Equal(ToolTokens("semantic-kernel-placeholder"), site.ToolTokens);
    }

    [Fact]
    public async Task APluginFromAPromptDirectoryIsSaidNotToBeCounted()
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(Bot("FunctionChoiceBehavior.Auto()", "builder.Plugins.AddFromType<Orders>();", "kernel.ImportPluginFromPromptDirectory(\"Prompts/Writer\");") + Plugin);

        // The plugin that can be read is counted; the one that cannot is named in the loop's detail and the assumptions.
        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.Contains("not counted as tool definitions (not read): the plugin of ImportPluginFromPromptDirectory(\"Prompts/Writer\")", site.LoopIterationCapDetail);
        Assert.Contains("FunctionChoiceBehavior.Auto() advertises kernel functions not counted as tool definitions (not read): the plugin of ImportPluginFromPromptDirectory(\"Prompts/Writer\")", site.Assumptions);
    }

    [Fact]
    public async Task TheFunctionsOfAKernelMadeElsewhereAreSaidNotToBeCounted()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                public Task<FunctionResult> Ask(Kernel kernel) =>
                    kernel.{|#0:InvokePromptAsync|}("Hi", new KernelArguments(new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", MaxTokens = 500, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) }));
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(0, site.ToolTokens);
        Assert.Contains("not counted as tool definitions (not read): the plugins of the kernel 'kernel'", site.Assumptions);
    }

    [Fact]
    public async Task PluginsAMethodAddsToAKernelFieldCountBecauseItMayHaveRunBeforeTheCall()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                private readonly Kernel _kernel;

                public Bot(string key) => _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();

                public void EnableOrders() => _kernel.ImportPluginFromType<Orders>();

                public Task<FunctionResult> Ask() =>
                    _kernel.{|#0:InvokePromptAsync|}("Where is order A-1042?", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 500, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.Contains("2 kernel function definitions counted", site.LoopIterationCapDetail);
    }

    [Fact]
    public async Task AHelpersKernelIsFollowedToItsCaller()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                public Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                    kernel.ImportPluginFromType<Orders>();
                    return Ask(kernel);
                }

                private Task<FunctionResult> Ask(Kernel kernel) =>
                    kernel.{|#0:InvokePromptAsync|}("Where is order A-1042?", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 500, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.DoesNotContain("not counted", site.Assumptions ?? "");
    }

    [Fact]
    public async Task AChatServiceCallAdvertisesTheFunctionsOfTheKernelItIsGiven()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                public async Task Ask(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4o", key);
                    builder.Plugins.AddFromType<Orders>();
                    var kernel = builder.Build();
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory();
                    history.AddUserMessage("Where is order A-1042?");
                    var settings = new OpenAIPromptExecutionSettings { MaxTokens = 500, ToolCallBehavior = ToolCallBehavior.AutoInvokeKernelFunctions };
                    await chat.{|#0:GetChatMessageContentAsync|}(history, settings, kernel);
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source + Plugin);

        Assert.Equal(ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.Equal(PromptTokens("semantic-kernel-orders-plugin"), site.InputTokens);
        Assert.Equal(128, site.LoopIterationCap);
    }

    [Fact]
    public async Task AChatServiceCallWithoutAKernelSendsOnlyThePlaceholder()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                public async Task Ask(string key)
                {
                    var chat = new OpenAIChatCompletionService("gpt-4o", key);
                    var settings = new OpenAIPromptExecutionSettings { MaxTokens = 500, FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                    await chat.{|#0:GetChatMessageContentAsync|}("Where is order A-1042?", settings);
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(ToolTokens("semantic-kernel-placeholder"), site.ToolTokens);
    }

    // Runs Semantic Kernel 1.82 on the plugin source (compiled here) with a connector whose HTTP client keeps the request.
    private static async Task<JsonNode> RequestSentAsync(string? behavior, bool withPlugin)
    {
        var compilation = await AnalyzerRun.CompileAsync(Plugin);
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        var orders = System.Reflection.Assembly.Load(image.ToArray()).GetType("Orders")!;

        var handler = new KeepingHandler();
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("gpt-4o", "key", httpClient: new HttpClient(handler));
        var kernel = builder.Build();
        if (withPlugin)
        {
            kernel.Plugins.Add(KernelPluginFactory.CreateFromType(orders));
        }

        var settings = new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = behavior switch
            {
                null => null,
                "FunctionChoiceBehavior.Auto()" => FunctionChoiceBehavior.Auto(),
                "FunctionChoiceBehavior.Auto(autoInvoke: false)" => FunctionChoiceBehavior.Auto(autoInvoke: false),
                "FunctionChoiceBehavior.None()" => FunctionChoiceBehavior.None(),
                _ => FunctionChoiceBehavior.Auto(functions: [kernel.Plugins.GetFunction("Orders", "GetOrder")], autoInvoke: false),
            },
        };
        await kernel.InvokePromptAsync(Question, new KernelArguments(settings));
        return JsonNode.Parse(handler.Body!)!;
    }

    private sealed class KeepingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body ??= await request.Content!.ReadAsStringAsync(cancellationToken);
            const string reply = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Shipped."},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
                """;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(reply, Encoding.UTF8, "application/json") };
        }
    }
}
