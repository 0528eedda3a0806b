using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Semantic Kernel (real packages SK.Core / Connectors.OpenAI 1.82, M.E.DependencyInjection 10): a prompt function runs on the
/// kernel it is invoked with; a kernel made from a service provider has the chat services of the collection it was built from.
/// </summary>
public class SemanticKernelFunctionKernelTests
{
    [Fact]
    public async Task AFactoryFunctionTakesTheModelOfTheKernelItIsInvokedWith()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Summaries
            {
                async Task Run(string key, string text)
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-mini", key).Build();
                    var other = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                    var summarize = KernelFunctionFactory.CreateFromPrompt("Summarize: {{$input}}");
                    await kernel.InvokeAsync(summarize, new KernelArguments { ["input"] = text });
                    var translate = KernelFunctionFactory.CreateFromPrompt("Translate: {{$input}}");
                    await translate.InvokeAsync(other, new KernelArguments { ["input"] = text });
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.All(sites, s => Assert.Equal("code", s.ModelSource));
        Assert.Equal("the kernels the function is invoked with (Test0.cs:11)", sites[0].ModelSourceDetail);
    }

    [Fact]
    public async Task AFunctionInvokedWithKernelsOfTwoModelsTakesTheMostExpensiveAndSaysSo()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Two
            {
                async Task Run(string key)
                {
                    var cheap = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                    var smart = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                    var function = cheap.CreateFunctionFromPrompt("Say hello.");
                    await cheap.InvokeAsync(function);
                    await function.InvokeAsync<string>(smart);
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(
            "the kernels the function is invoked with disagree (Test0.cs:11: gpt-4o-mini, Test0.cs:12: gpt-4o); the most expensive, gpt-4o, is the worst case",
            site.ModelSourceDetail);
    }

    [Fact]
    public async Task AFunctionInAFieldMadeInTheConstructorAndAnInlineOne()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Bot
            {
                private readonly Kernel _kernel;
                private readonly KernelFunction _greet;

                public Bot(string key)
                {
                    _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "gpt-4.1-nano", apiKey: key).Build();
                    _greet = KernelFunctionFactory.CreateFromPrompt("Say hello.");
                }

                public async Task Run()
                {
                    await _kernel.InvokeAsync(_greet);
                    await foreach (var _ in _kernel.InvokeStreamingAsync(KernelFunctionFactory.CreateFromPrompt("Say goodbye."))) { }
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-nano", "gpt-4.1-nano" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task AFunctionNeverInvokedInViewIsNamedInPB1009()
    {
        const string source = """
            using Microsoft.SemanticKernel;

            static class Functions
            {
                public static KernelFunction Make() => KernelFunctionFactory.CreateFromPrompt("Say hello.");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains(
            "the function made here is invoked with no kernel in view (kernel.InvokeAsync(function) or function.InvokeAsync(kernel))",
            Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task NewKernelWithAProviderSeesOnlyItsOwnCollection()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            class Providers
            {
                async Task Run(string key)
                {
                    var services = new ServiceCollection();
                    services.AddOpenAIChatCompletion("gpt-4.1-mini", key);
                    var kernel = new Kernel(services.BuildServiceProvider());
                    await kernel.InvokePromptAsync("Say hello.");

                    var other = new ServiceCollection();
                    other.AddOpenAIChatCompletion("gpt-4o", key);
                    var provider = other.BuildServiceProvider();
                    await new Kernel(provider).InvokePromptAsync("Say goodbye.");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4o" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task AKernelAndAChatServiceTakenFromAProviderAfterAddKernel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI;

            class Hosted
            {
                async Task Run(string key)
                {
                    var services = new ServiceCollection();
                    services.AddKernel();
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-nano").AsIChatClient());
                    var provider = services.BuildServiceProvider();
                    var kernel = provider.GetRequiredService<Kernel>();
                    await kernel.InvokePromptAsync("Say hello.");

                    var chatServices = new ServiceCollection();
                    chatServices.AddKernel().AddOpenAIChatCompletion("gpt-4o-mini", key);
                    var chat = chatServices.BuildServiceProvider().GetRequiredService<IChatCompletionService>();
                    await chat.GetChatMessageContentAsync("Say goodbye.");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // The first kernel has no IChatCompletionService: Semantic Kernel uses the registered IChatClient.
        Assert.Equal(new[] { "gpt-4.1-nano", "gpt-4o-mini" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task NewKernelWithNoProviderHasNoChatService()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Empty
            {
                async Task Run() => await new Kernel().InvokePromptAsync("Say hello.");
            }
            """;

        var (diagnostics, _) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Contains("the kernel 'new Kernel()' is made with no service provider, so it has no chat service", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }
}
