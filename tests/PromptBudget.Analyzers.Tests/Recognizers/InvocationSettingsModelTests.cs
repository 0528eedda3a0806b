using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Semantic Kernel execution settings choose the chat service as Semantic Kernel 1.82's OrderedAIServiceSelector does:
/// the settings given at invocation (<c>new KernelArguments(settings)</c>) replace the function's own; a <c>ServiceId</c>
/// selects the keyed service, else a <c>ModelId</c> the service with that model, else the last registration.
/// Real packages (SK.Core / Connectors.OpenAI 1.82, M.E.DependencyInjection).
/// </summary>
public class InvocationSettingsModelTests
{
    [Fact]
    public async Task SettingsGivenAtInvocationReplaceTheFunctionsOwn()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class App
            {
                async Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast")
                        .AddOpenAIChatCompletion("gpt-4.1", key, serviceId: "smart")
                        .AddOpenAIChatCompletion("gpt-4o", key)
                        .Build();
                    var summarize = kernel.CreateFunctionFromPrompt("Summarize.", new OpenAIPromptExecutionSettings { ServiceId = "smart" });
                    var classify = kernel.CreateFunctionFromPrompt("Classify.", new OpenAIPromptExecutionSettings { ServiceId = "smart" });
                    await kernel.InvokeAsync(classify, new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "fast" }));
                    await kernel.InvokeAsync(summarize, new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "fast" }));
                    await kernel.InvokeAsync(summarize);
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // classify runs only with the invocation's "fast"; summarize also with its own "smart", the more expensive.
        Assert.Equal(new[] { "gpt-4.1", "gpt-4o-mini" }, sites.Select(s => s.Model));
        Assert.Equal("the kernels the function is invoked with disagree (Test0.cs:17: gpt-4o-mini, Test0.cs:18: gpt-4.1); the most expensive, gpt-4.1, is the worst case", sites[0].ModelSourceDetail);
    }

    [Theory]
    [InlineData("new OpenAIPromptExecutionSettings { Temperature = 0 }", null)] // replaces the function's 300: no limit is sent
    [InlineData("new OpenAIPromptExecutionSettings { MaxTokens = 800 }", 800L)] // the larger of the function's own and the invocation's
    [InlineData("new OpenAIPromptExecutionSettings { MaxTokens = 100 }", 300L)] // also invoked without settings: the function's own 300
    public async Task MaxTokensAreTheOnesTheInvocationsSend(string invocationSettings, long? expected)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class App
            {
                async Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                    var summarize = kernel.CreateFunctionFromPrompt("Summarize.", new OpenAIPromptExecutionSettings { MaxTokens = 300 });
                    await kernel.InvokeAsync(summarize, new KernelArguments({{invocationSettings}}));
                    await kernel.InvokeAsync(summarize);
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // No limit sent: the worst case takes gpt-4o-mini's maximum, 16,384, and PB1003 says so.
        var site = Assert.Single(sites);
        Assert.Equal(expected ?? 16_384, site.MaxOutputTokens);
        Assert.Equal(expected is null ? "model-maximum" : "set", site.MaxOutputSource);
        Assert.Equal(expected is null, diagnostics.Any(d => d.Id == "PB1003"));
    }

    [Fact]
    public async Task ServiceIdThenModelIdThenTheLastRegistration()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class App
            {
                async Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast")
                        .AddOpenAIChatCompletion("gpt-4o", key)
                        .Build();
                    await kernel.InvokePromptAsync("One", new(new PromptExecutionSettings { ModelId = "gpt-4o-mini" }));
                    await kernel.InvokePromptAsync("Two", new(new PromptExecutionSettings { ModelId = "gpt-4.1" }));
                    await kernel.InvokePromptAsync("Three", new(new PromptExecutionSettings { ServiceId = "missing", ModelId = "gpt-4o-mini" }));
                    await kernel.InvokePromptAsync("Four", new(new PromptExecutionSettings { ServiceId = "default", ModelId = "gpt-4.1" }));
                    await kernel.InvokePromptAsync("Five", new(new PromptExecutionSettings { ServiceId = "missing" }));
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4o", "gpt-4o-mini", "gpt-4o", null }, sites.Select(s => s.Model));
        Assert.Contains("the kernel 'kernel' has no chat service registered with service id 'missing' (registered: gpt-4o-mini, gpt-4o)", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task AKernelFromAServiceProviderSelectsByServiceIdAndModelId()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class App
            {
                async Task Run(string key)
                {
                    var services = new ServiceCollection();
                    services.AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast");
                    services.AddOpenAIChatCompletion("gpt-4.1", key, serviceId: "smart");
                    var kernel = new Kernel(services.BuildServiceProvider());
                    await kernel.InvokePromptAsync("One", new(new PromptExecutionSettings { ModelId = "gpt-4.1" }));
                    var fn = kernel.CreateFunctionFromPrompt("Two");
                    await kernel.InvokeAsync(fn, new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "fast" }));
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1", "gpt-4o-mini" }, sites.Select(s => s.Model));
    }
}
