using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using static PromptBudget.Analyzers.Tests.PromptFiles.PromptFileRun;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Semantic Kernel's <c>ChatCompletionAgent</c> (Agents.Core is not on this machine's feed: <see cref="SdkStubs.SemanticKernelAgents"/>
/// declares it as SK does, over the real SK 1.82 packages): <c>InvokeAsync</c> / <c>InvokeStreamingAsync</c> is the call site, with
/// the agent's instructions, the input, the kernel's model, the settings' max output and the settings' tool loop. Expected token
/// counts are js-tiktoken's (the Core fixture, cases <c>agent-*</c>).
/// </summary>
public class SemanticKernelAgentTests
{
    private const string Instructions = "You are a support agent for Contoso. Look up orders with the tools before you answer.";
    private const string Question = "Where is my order 1234?";
    private const string Additional = "Answer in one sentence.";
    private const string Template = "You help {{$customer}} with their orders. Be brief.";

    private const string Usings = """
        #nullable enable
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Agents;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        """;

    private static async Task<(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> Diagnostics, PromptBudget.Core.Reporting.CallSiteRecord Site)> RunAsync(string source)
    {
        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { Usings + source, SdkStubs.SemanticKernelAgents });
        return (diagnostics, Assert.Single(sites));
    }

    [Fact]
    public async Task AnAgentInALocalOnAKernelFromABuilderIsOneCallSiteWithTheSettingsLoop()
    {
        var (diagnostics, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4o", key);
                    builder.Plugins.AddFromType<Orders>();
                    var kernel = builder.Build();
                    var agent = new ChatCompletionAgent
                    {
                        Name = "Support",
                        Instructions = "{{Instructions}}",
                        Kernel = kernel,
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 500 }),
                    };
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """ + SemanticKernelPluginToolTests.Plugin);

        Assert.Equal("SemanticKernel.Agents", site.Sdk);
        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(500, site.MaxOutputTokens);

        // The kernel's plugin functions are the agent's tools, counted as for prompt calls (the tool-counts fixture).
        Assert.Equal(SemanticKernelPluginToolTests.ToolTokens("semantic-kernel-orders-plugin"), site.ToolTokens);
        Assert.Equal(OpenAIInput(O200k("agent-sk-instructions", Instructions), O200k("agent-question", Question)) + site.ToolTokens, site.InputTokens);
        Assert.Equal(0, site.UnboundedSegments);

        // The connector's own limit (read from the 1.82 binary by ToolLoopTests), as for SK prompt calls.
        Assert.Equal(128, site.LoopIterationCap);
        Assert.Equal("library-default", site.LoopIterationCapSource);
        Assert.Contains("FunctionChoiceBehavior.Auto()", site.LoopIterationCapDetail);
        Assert.Contains("2 kernel function definitions counted in every call's input", site.LoopIterationCapDetail);
        var warning = Assert.Single(diagnostics, d => d.Id == "PB1012").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("can make 128 model calls", warning);
        Assert.Contains("with a cap of 5 (an IAutoFunctionInvocationFilter that sets context.Terminate)", warning);
    }

    [Fact]
    public async Task AnAgentInAFieldSetInTheConstructorStreamsWithAdditionalInstructionsOnTheServiceItsSettingsSelect()
    {
        var (_, site) = await RunAsync($$"""
            class Support
            {
                private readonly ChatCompletionAgent _agent;

                public Support(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4o", key, serviceId: "big");
                    builder.AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "small");
                    _agent = new ChatCompletionAgent
                    {
                        Instructions = "{{Instructions}}",
                        Kernel = builder.Build(),
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "big", MaxTokens = 300 }),
                    };
                }

                async Task Ask()
                {
                    var options = new AgentInvokeOptions { AdditionalInstructions = "{{Additional}}" };
                    await foreach (var update in _agent.InvokeStreamingAsync(new ChatMessageContent(AuthorRole.User, "{{Question}}"), options: options))
                    {
                    }
                }
            }
            """);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(300, site.MaxOutputTokens);
        Assert.Equal(
            OpenAIInput(O200k("agent-sk-instructions", Instructions), O200k("agent-additional-instructions", Additional), O200k("agent-question", Question)),
            site.InputTokens);
        Assert.False(site.HasToolLoop);
    }

    [Fact]
    public async Task AnAgentFromAFactoryMethodRunsOnTheKernelItsCallerGives()
    {
        var (_, site) = await RunAsync($$"""
            class Support
            {
                private static ChatCompletionAgent CreateAgent(Kernel kernel) => new()
                {
                    Instructions = "{{Instructions}}",
                    Kernel = kernel,
                    Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 500 }),
                };

                async Task Ask(string key)
                {
                    var agent = CreateAgent(Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build());
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(500, site.MaxOutputTokens);

        // Auto() on a kernel with no plugin: the connector's placeholder tool.
        Assert.Equal(SemanticKernelPluginToolTests.ToolTokens("semantic-kernel-placeholder"), site.ToolTokens);
        Assert.Equal(OpenAIInput(O200k("agent-sk-instructions", Instructions), O200k("agent-question", Question)) + site.ToolTokens, site.InputTokens);
        Assert.Equal(128, site.LoopIterationCap);
    }

    [Fact]
    public async Task ATemplateConfigAgentFillsItsHolesFromTheArguments()
    {
        var (_, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask(Kernel kernel)
                {
                    var agent = new ChatCompletionAgent(new PromptTemplateConfig("{{Template}}"), new KernelPromptTemplateFactory())
                    {
                        Kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build(),
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 200 }) { ["customer"] = "Dana" },
                    };
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """);

        Assert.Equal(OpenAIInput(O200k("agent-sk-template-filled", "You help Dana with their orders. Be brief."), O200k("agent-question", Question)), site.InputTokens);
        Assert.Equal(0, site.UnboundedSegments);
    }

    // SK 1.39+ renders Instructions only through a Template (Agent.RenderInstructionsAsync: "Use the instructions as-is"):
    // a hole in plain Instructions reaches the model as written.
    [Fact]
    public async Task PlainInstructionsAreSentAsWrittenHolesIncluded()
    {
        var (_, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask()
                {
                    var agent = new ChatCompletionAgent
                    {
                        Instructions = "{{Template}}",
                        Kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", "key").Build(),
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 200 }) { ["customer"] = "Dana" },
                    };
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """);

        Assert.Equal(OpenAIInput(O200k("agent-sk-template", Template), O200k("agent-question", Question)), site.InputTokens);
        Assert.Equal(0, site.UnboundedSegments);
    }

    [Fact]
    public async Task TheInvokeOptionsSettingsWinOverTheAgentsAndAThreadIsTheConversationSoFar()
    {
        var (diagnostics, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask(string key, ChatHistoryAgentThread thread)
                {
                    var agent = new ChatCompletionAgent
                    {
                        Instructions = "{{Instructions}}",
                        Kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build(),
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(), MaxTokens = 500 }),
                    };
                    var options = new AgentInvokeOptions
                    {
                        KernelArguments = new KernelArguments(new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false), MaxTokens = 100 }),
                    };
                    await foreach (var item in agent.InvokeAsync([new ChatMessageContent(AuthorRole.User, "{{Question}}")], thread, options))
                    {
                    }
                }
            }
            """);

        Assert.Equal(100, site.MaxOutputTokens);
        Assert.False(site.HasToolLoop);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1012");

        // The thread's earlier turns are sent and not known: one unbounded segment named after it (PB1007).
        Assert.Equal(1, site.UnboundedSegments);
        Assert.Contains(site.Segments, s => s.Name.Contains("thread", System.StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "PB1007");
    }

    // PB1003 at the call; its fix adds MaxTokens to the agent's settings, made in this file (the second location).
    [Fact]
    public async Task AnAgentWithoutMaxTokensIsPricedAtTheModelsMaximumAndTheFixTargetsItsSettings()
    {
        var source = Usings + $$"""
            class Support
            {
                async Task Ask(string key)
                {
                    var agent = new ChatCompletionAgent
                    {
                        Instructions = "{{Instructions}}",
                        Kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build(),
                        Arguments = new KernelArguments({|#1:new OpenAIPromptExecutionSettings { Temperature = 0 }|}),
                    };
                    await foreach (var item in agent.{|#0:InvokeAsync|}("{{Question}}"))
                    {
                    }
                }
            }
            """;
        var input = OpenAIInput(O200k("agent-sk-instructions", Instructions), O200k("agent-question", Question));

        // gpt-4o-mini: $0.00000015 in, $0.0000006 out, 16,384 output tokens at most (LiteLLM file of 2026-07-24).
        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, Stubs = new[] { SdkStubs.SemanticKernelAgents }, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1003").WithLocation(0).WithLocation(1).WithArguments("gpt-4o-mini", "16,384", Expected.Usd((input * 0.00000015m) + (16384 * 0.0000006m)), "MaxTokens"));
    }

    [Fact]
    public async Task AnAgentMadeWithoutAKernelHasNoModelAndSaysWhy()
    {
        var (diagnostics, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask()
                {
                    var agent = new ChatCompletionAgent { Instructions = "{{Instructions}}" };
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """);

        Assert.Null(site.Model);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("made without a Kernel", message);
    }

    [Fact]
    public async Task AnAgentThatIsAParameterCountsItsInstructionsAsUnknown()
    {
        var (_, site) = await RunAsync($$"""
            class Support
            {
                async Task Ask(ChatCompletionAgent agent)
                {
                    await foreach (var item in agent.InvokeAsync("{{Question}}"))
                    {
                    }
                }
            }
            """);

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Contains(site.Segments, s => s.Name.Contains("instructions of the agent 'agent'", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherInvokeAsyncMethodsAreNotAgentCalls()
    {
        var (_, sites) = await CallSiteRun.CallSitesAsync(new[]
        {
            Usings + """
                class Other
                {
                    public IAsyncEnumerable<string> InvokeAsync(string message) => throw new System.NotSupportedException();

                    async Task Ask()
                    {
                        await foreach (var item in InvokeAsync("hello"))
                        {
                        }
                    }
                }
                """,
            SdkStubs.SemanticKernelAgents,
        });

        Assert.Empty(sites);
    }
}
