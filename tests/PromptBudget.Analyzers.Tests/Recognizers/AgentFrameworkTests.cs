using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using static PromptBudget.Analyzers.Tests.PromptFiles.PromptFileRun;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Microsoft Agent Framework's <c>ChatClientAgent</c> against the real Microsoft.Agents.AI 1.28 (over Microsoft.Extensions.AI
/// 10.11): <c>RunAsync</c> / <c>RunStreamingAsync</c> is the call site. What the agent does with its client is checked against
/// the package itself (an agent made here over a client that answers nothing); token counts are js-tiktoken's (the Core
/// fixture, cases <c>agent-*</c>).
/// </summary>
public class AgentFrameworkTests
{
    private const string Instructions = "You are an order assistant. Use the tools to look up orders.";
    private const string Question = "Where is my order 1234?";

    private const string Usings = """
        #nullable enable
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using OpenAI;

        """;

    private const string Tool = """
            [System.ComponentModel.Description("Looks up an order.")]
            static string LookUpOrder(string id) => "";
        """;

    private static async Task<(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Diagnostics, PromptBudget.Core.Reporting.CallSiteRecord Site)> RunAsync(string source)
    {
        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { Usings + source });
        return (diagnostics, Assert.Single(sites));
    }

    // The agent in a method of its own, with the client of `client` and the rest of its arguments.
    private static string Agent(string agent, string run = "await agent.RunAsync(\"" + Question + "\");", string client = "new OpenAIClient(key).GetChatClient(\"gpt-4o-mini\").AsIChatClient()") => $$"""
        class Bot
        {
        {{Tool}}

            async Task Ask(string key)
            {
                IChatClient chat = {{client}};
                var agent = {{agent}};
                {{run}}
            }
        }
        """;

    [Fact]
    public async Task AnAgentMadeWithToolsLoopsThroughItsOwnFunctionInvokingChatClientAtTheLibraryDefault()
    {
        var (diagnostics, site) = await RunAsync(Agent($$"""new ChatClientAgent(chat, instructions: "{{Instructions}}", tools: [AIFunctionFactory.Create(LookUpOrder)])"""));

        // The package itself: the agent wraps the client in a FunctionInvokingChatClient at Microsoft.Extensions.AI's default.
        var agent = new ChatClientAgent(new NoClient(), instructions: Instructions, tools: [AIFunctionFactory.Create(() => "", "LookUpOrder")]);
        var own = agent.ChatClient.GetService<FunctionInvokingChatClient>();
        Assert.NotNull(own);
        Assert.Equal(own!.MaximumIterationsPerRequest, site.LoopIterationCap);
        Assert.Equal(40, site.LoopIterationCap);
        Assert.Equal("library-default", site.LoopIterationCapSource);
        Assert.Contains("ChatClientAgent's own FunctionInvokingChatClient", site.LoopIterationCapDetail);
        Assert.DoesNotContain("UseProvidedChatClientAsIs", site.LoopIterationCapDetail); // not set: its default, not "not a constant"
        Assert.Contains("Microsoft.Extensions.AI " + typeof(FunctionInvokingChatClient).Assembly.GetName().Version, site.LoopIterationCapDetail);

        Assert.Equal("Microsoft.Agents.AI", site.Sdk);
        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.True(site.ToolTokens > 0);
        Assert.Equal(OpenAIInput(O200k("agent-maf-instructions", Instructions), O200k("agent-question", Question)) + site.ToolTokens, site.InputTokens);

        // PB1012 says how to cap an agent's loop; the fix is not offered (it would move the agent's middleware).
        var warning = Assert.Single(diagnostics, d => d.Id == "PB1012");
        Assert.Contains("can make 40 model calls", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("give the agent a client built with UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = n)", warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(warning.Properties.ContainsKey("LoopFix"));
    }

    [Fact]
    public async Task TheAgentsToolsCountAsTheSameToolsInChatOptionsDo()
    {
        var (_, agentSite) = await RunAsync(Agent($$"""new ChatClientAgent(chat, instructions: "{{Instructions}}", tools: [AIFunctionFactory.Create(LookUpOrder)])"""));
        var (_, chatSite) = await RunAsync(Agent("chat", "await chat.GetResponseAsync(\"" + Question + "\", new ChatOptions { Tools = [AIFunctionFactory.Create(LookUpOrder)] });"));

        Assert.Equal(chatSite.ToolTokens, agentSite.ToolTokens);
        Assert.True(agentSite.ToolTokens > 0);
    }

    [Fact]
    public async Task AClientWithItsOwnLoopKeepsItsCapAndTheAgentAddsNone()
    {
        var (diagnostics, site) = await RunAsync(Agent(
            $$"""new ChatClientAgent(chat, instructions: "{{Instructions}}", tools: [AIFunctionFactory.Create(LookUpOrder)])""",
            client: "new OpenAIClient(key).GetChatClient(\"gpt-4o-mini\").AsIChatClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build()"));

        var agent = new ChatClientAgent(new NoClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build(), instructions: Instructions);
        Assert.Equal(agent.ChatClient.GetService<FunctionInvokingChatClient>()!.MaximumIterationsPerRequest, site.LoopIterationCap);
        Assert.Equal("literal", site.LoopIterationCapSource);
        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1012");
    }

    [Fact]
    public async Task AClientLoopAtItsDefaultGetsTheExistingFixWhereTheLoopIsMade()
    {
        var (diagnostics, site) = await RunAsync(Agent(
            $$"""chat.AsBuilder().UseFunctionInvocation().BuildAIAgent(instructions: "{{Instructions}}", tools: [AIFunctionFactory.Create(LookUpOrder)])"""));

        Assert.Equal(40, site.LoopIterationCap);
        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal("ConfigureArgument", Assert.Single(diagnostics, d => d.Id == "PB1012").Properties["LoopFix"]);
    }

    [Fact]
    public async Task UseProvidedChatClientAsIsTurnsTheLoopOff()
    {
        var (_, site) = await RunAsync(Agent($$"""
            new ChatClientAgent(chat, new ChatClientAgentOptions
                    {
                        UseProvidedChatClientAsIs = true,
                        ChatOptions = new ChatOptions { Instructions = "{{Instructions}}", Tools = [AIFunctionFactory.Create(LookUpOrder)], MaxOutputTokens = 300 },
                    })
            """));

        Assert.Null(new ChatClientAgent(new NoClient(), new ChatClientAgentOptions { UseProvidedChatClientAsIs = true }).ChatClient.GetService<FunctionInvokingChatClient>());
        Assert.False(site.HasToolLoop);
        Assert.Equal(300, site.MaxOutputTokens);
        Assert.Equal(OpenAIInput(O200k("agent-maf-instructions", Instructions), O200k("agent-question", Question)) + site.ToolTokens, site.InputTokens);
    }

    // The agent still wraps the client (checked here), but with no tool the model cannot ask for a call: one model call.
    [Fact]
    public async Task AnAgentWithNoToolsMakesOneModelCall()
    {
        var (diagnostics, site) = await RunAsync(Agent($$"""new ChatClientAgent(chat, instructions: "{{Instructions}}")"""));

        Assert.NotNull(new ChatClientAgent(new NoClient(), instructions: Instructions).ChatClient.GetService<FunctionInvokingChatClient>());
        Assert.False(site.HasToolLoop);
        Assert.Equal(0, site.ToolTokens);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1012");
    }

    [Fact]
    public async Task AnAgentFromAsAIAgentInAFieldJoinsItsInstructionsWithTheRunsAndTakesTheRunsMaxOutput()
    {
        var (_, site) = await RunAsync($$"""
            class Bot
            {
            {{Tool}}

                private readonly AIAgent _agent;

                public Bot(string key)
                {
                    IChatClient chat = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
                    _agent = chat.AsAIAgent(new ChatClientAgentOptions
                    {
                        Name = "Orders",
                        ChatOptions = new ChatOptions { Instructions = "{{Instructions}}", MaxOutputTokens = 300, ModelId = "gpt-4o", Tools = [AIFunctionFactory.Create(LookUpOrder)] },
                    });
                }

                async Task Ask()
                {
                    await foreach (var update in _agent.RunStreamingAsync("{{Question}}", options: new ChatClientAgentRunOptions(new ChatOptions { Instructions = "Reply in French.", MaxOutputTokens = 200 })))
                    {
                    }
                }
            }
            """);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(200, site.MaxOutputTokens);
        Assert.Equal(
            OpenAIInput(O200k("agent-maf-instructions-joined", Instructions + "\nReply in French."), O200k("agent-question", Question)) + site.ToolTokens,
            site.InputTokens);
        Assert.Equal(40, site.LoopIterationCap);
    }

    // PB1003 at the call, naming ChatOptions' property; no fix location: the agent has no options object to add it to.
    [Fact]
    public async Task AnAgentWithoutMaxOutputTokensIsPricedAtTheModelsMaximum()
    {
        var source = Usings + $$"""
            class Bot
            {
                Task<AgentResponse> Ask(string key) =>
                    new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsAIAgent(instructions: "{{Instructions}}").{|#0:RunAsync|}("{{Question}}");
            }
            """;
        var input = OpenAIInput(O200k("agent-maf-instructions", Instructions), O200k("agent-question", Question));

        // gpt-4o-mini: $0.00000015 in, $0.0000006 out, 16,384 output tokens at most (LiteLLM file of 2026-07-24).
        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1003").WithLocation(0).WithArguments("gpt-4o-mini", "16,384", Expected.Usd((input * 0.00000015m) + (16384 * 0.0000006m)), "MaxOutputTokens"));
    }

    [Fact]
    public async Task AnAgentFromAFactoryMethodTakesItsCallersClient()
    {
        var (_, site) = await RunAsync($$"""
            class Bot
            {
            {{Tool}}

                private static AIAgent CreateAgent(IChatClient chat)
                {
                    var tools = new System.Collections.Generic.List<AITool> { AIFunctionFactory.Create(LookUpOrder) };
                    return new ChatClientAgent(chat, instructions: "{{Instructions}}", tools: tools);
                }

                async Task Ask(string key)
                {
                    var agent = CreateAgent(new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                    await agent.RunAsync("{{Question}}");
                }
            }
            """);

        Assert.Equal("gpt-4o", site.Model);
        Assert.True(site.ToolTokens > 0);
        Assert.Equal(OpenAIInput(O200k("agent-maf-instructions", Instructions), O200k("agent-question", Question)) + site.ToolTokens, site.InputTokens);
        Assert.Equal(40, site.LoopIterationCap);
    }

    [Fact]
    public async Task ASessionIsTheConversationSoFar()
    {
        var (diagnostics, site) = await RunAsync(Agent(
            $$"""new ChatClientAgent(chat, instructions: "{{Instructions}}")""",
            "var session = await agent.CreateSessionAsync();\n        await agent.RunAsync(\"" + Question + "\", session);"));

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Contains(site.Segments, s => s.Name.Contains("session", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "PB1007");
    }

    [Fact]
    public async Task AnAgentThatIsAParameterHasAnUnknownModelInstructionsAndCap()
    {
        var (_, site) = await RunAsync("""
            class Bot
            {
                Task<AgentResponse> Ask(ChatClientAgent agent) => agent.RunAsync("Where is my order 1234?");
            }
            """);

        Assert.Null(site.Model);
        Assert.Equal(1, site.UnboundedSegments);
        Assert.Contains("the tools of the agent 'agent', which is not made in view, are not counted", site.Assumptions);
        Assert.Equal("unknown", site.LoopIterationCapSource);
        Assert.Null(site.RequestWorstCaseCostUsd);
    }

    private sealed class NoClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
