using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptBudget.Analyzers;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.CodeFixes.Tests;

/// <summary>PB1012's fix sets MaximumIterationsPerRequest = 5 where the M.E.AI loop is made; the fixed code has no PB1012.</summary>
public class SetLoopCapCodeFixTests
{
    private static async Task VerifyFix(string source, string fixedSource)
    {
        var test = new CSharpCodeFixTest<PromptCallSiteAnalyzer, SetLoopCapCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = SdkReferences.Net100,
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        test.FixedState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        test.DisabledDiagnostics.AddRange(new[] { "PB0001", "PB1007" });
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task UseFunctionInvocationGetsAConfigureCallback() => VerifyFix(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            Task<ChatResponse> Ask(string key)
            {
                IChatClient client = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
                return client.{|PB1012:GetResponseAsync|}("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            Task<ChatResponse> Ask(string key)
            {
                IChatClient client = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).Build();
                return client.GetResponseAsync("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """);

    [Fact]
    public Task AFunctionInvokingChatClientGetsAnInitializer() => VerifyFix(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            Task<ChatResponse> Ask(string key)
            {
                IChatClient client = new FunctionInvokingChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
                return client.{|PB1012:GetResponseAsync|}("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            Task<ChatResponse> Ask(string key)
            {
                IChatClient client = new FunctionInvokingChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient()) { MaximumIterationsPerRequest = 5 };
                return client.GetResponseAsync("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """);

    // An Agent Framework agent over a client that has its own loop uses that loop (Microsoft.Agents.AI 1.28 adds none then):
    // the fix caps it there. An agent's own loop gets no fix (the analyzer tests check PB1012 carries no LoopFix for it).
    [Fact]
    public Task AnAgentsClientLoopGetsAConfigureCallback() => VerifyFix(
        """
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            static string LookUpOrder(string id) => "";

            Task<AgentResponse> Ask(string key)
            {
                var agent = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation().BuildAIAgent(tools: [AIFunctionFactory.Create(LookUpOrder)]);
                return agent.{|PB1012:RunAsync|}("Where is my order?", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 500 }));
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            static string LookUpOrder(string id) => "";

            Task<AgentResponse> Ask(string key)
            {
                var agent = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 5).BuildAIAgent(tools: [AIFunctionFactory.Create(LookUpOrder)]);
                return agent.RunAsync("Where is my order?", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 500 }));
            }
        }
        """);
}
