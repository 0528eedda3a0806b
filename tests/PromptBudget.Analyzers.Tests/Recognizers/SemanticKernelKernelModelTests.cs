using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Semantic Kernel (real packages SK.Core / Connectors.OpenAI 1.82): the model of a call comes from the kernel it
/// runs on, followed to the builder that built that kernel, and from the registration a service id selects.
/// </summary>
public class SemanticKernelKernelModelTests
{
    [Fact]
    public async Task TwoKernelsInOneFileEachGiveTheirOwnModel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Two
            {
                async Task Run(string key)
                {
                    Kernel big = Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: key).Build();
                    Kernel small = Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "gpt-4o-mini", apiKey: key).Build();
                    await big.InvokePromptAsync("Summarize the contract.");
                    await small.InvokePromptAsync("Say hello.");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4o", "gpt-4o-mini" }, sites.Select(s => s.Model));
        Assert.All(sites, s => Assert.Equal("code", s.ModelSource));
    }

    [Fact]
    public async Task BuilderKeptInALocalAndAddedToBeforeBuild()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            class Local
            {
                async Task Run(string key)
                {
                    var b = Kernel.CreateBuilder();
                    b.AddOpenAIChatCompletion("gpt-4.1-mini", key);
                    var kernel = b.Build();
                    var chat = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory("You are terse.");
                    history.AddUserMessage("Where is my order?");
                    await chat.GetChatMessageContentAsync(history);
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-mini", site.Model);
    }

    [Fact]
    public async Task RegistrationOnTheBuildersServicesCounts()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            class Services
            {
                async Task Run(string key)
                {
                    var b = Kernel.CreateBuilder();
                    b.Services.AddOpenAIChatCompletion("gpt-4.1-nano", key);
                    var kernel = b.Build();
                    await kernel.InvokePromptAsync("Say hello.");
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-nano", site.Model);
    }

    [Fact]
    public async Task ServiceIdSelectsItsRegistrationAndAnUnknownIdIsNeverAnotherModel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Keyed
            {
                async Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder()
                        .AddOpenAIChatCompletion("gpt-4o", key, serviceId: "smart")
                        .AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast")
                        .Build();
                    await kernel.InvokePromptAsync("Summarize.", new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "smart", MaxTokens = 10 }));
                    var fast = kernel.GetRequiredService<IChatCompletionService>("fast");
                    await fast.GetChatMessageContentAsync("Say hello.");
                    await kernel.InvokePromptAsync("Translate.", new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "cheap", MaxTokens = 10 }));
                    await kernel.InvokePromptAsync("Anything.");
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // No service id: Semantic Kernel takes the last registration.
        Assert.Equal(new[] { "gpt-4o", "gpt-4o-mini", null, "gpt-4o-mini" }, sites.Select(s => s.Model));
        var unknown = Assert.Single(diagnostics, d => d.Id == "PB1009");
        Assert.Contains("the kernel 'kernel' has no chat service registered with service id 'cheap' (registered: gpt-4o, gpt-4o-mini)", unknown.GetMessage());
    }

    [Fact]
    public async Task ExecutionSettingsModelIdThatNoServiceHasLeavesTheKernelsService()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Override
            {
                async Task Run(string key)
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                    await kernel.InvokePromptAsync("Say hello.", new KernelArguments(new OpenAIPromptExecutionSettings { ModelId = "gpt-4.1-mini" }));
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        // Semantic Kernel 1.82 (OrderedAIServiceSelector): ModelId selects a service with that model; with none, settings
        // with no service id take the default service, whose own model is sent (OpenAIChatCompletionService ignores ModelId).
        Assert.Equal("gpt-4o", site.Model);
    }

    [Fact]
    public async Task KernelInAFieldBuiltInTheConstructor()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Bot
            {
                private readonly Kernel _kernel;

                public Bot(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion(modelId: "gpt-4o-mini", apiKey: key);
                    _kernel = builder.Build();
                }

                public async Task Run() => await _kernel.InvokePromptAsync("Say hello.");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
    }

    [Fact]
    public async Task AKernelWhoseOriginIsNotInViewIsNamedInPB1009()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Elsewhere
            {
                async Task Run(Kernel kernel) => await kernel.InvokePromptAsync("Say hello.");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains("'kernel' is a parameter of Elsewhere.Run, and nothing in this project calls it", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    // Stub: Connectors.AzureOpenAI is not on this feed. A deployment is mapped like any Azure deployment; a model id wins.
    [Fact]
    public async Task AzureRegistrationsGiveTheirDeploymentOrModelId()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Azure
            {
                async Task Run(string key)
                {
                    var byDeployment = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("gpt-4o-mini", "https://example.invalid", key).Build();
                    await byDeployment.InvokePromptAsync("Say hello.");
                    var byModel = Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("prod-chat", "https://example.invalid", key, modelId: "gpt-4.1").Build();
                    await byModel.InvokePromptAsync("Say hello.");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.SemanticKernelAzureOpenAI });

        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4.1" }, sites.Select(s => s.Model));
        Assert.Equal(new[] { "deployment", "code" }, sites.Select(s => s.ModelSource));
    }
}
