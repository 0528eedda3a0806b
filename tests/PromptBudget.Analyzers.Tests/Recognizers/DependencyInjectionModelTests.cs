using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// An injected client or service (constructor parameter kept in a field, or a primary-constructor parameter)
/// gets the model of the registration it resolves to. Real packages (M.E.AI 10.11, SK 1.82, OpenAI 2.15,
/// M.E.DependencyInjection.Abstractions) unless the test says it uses a stub.
/// </summary>
public class DependencyInjectionModelTests
{
    [Fact]
    public async Task AddChatClientRegistrationReachesAConstructorInjectedClient()
    {
        const string program = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key) =>
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient()).UseLogging();
            }
            """;
        const string bot = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                private readonly IChatClient _chat;

                public Bot(IChatClient chat) => _chat = chat;

                public Task<ChatResponse> Ask() => _chat.GetResponseAsync("Where is my order?");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { program, bot })).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
    }

    [Fact]
    public async Task KeyedRegistrationsAreChosenByFromKeyedServices()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key)
                {
                    services.AddKeyedChatClient("fast", sp => new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
                    services.AddKeyedChatClient("smart", new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                }
            }

            class Bot([FromKeyedServices("smart")] IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Where is my order?");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4o", site.Model);
    }

    [Fact]
    public async Task SeveralRegistrationsThatDisagreeAreNamedInPB1009()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key, bool cheap)
                {
                    if (cheap) services.AddSingleton<IChatClient>(sp => new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
                    else services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o").AsIChatClient());
                }
            }

            class Bot(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Where is my order?");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage();
        Assert.Contains("injected IChatClient 'chat' has several registrations: gpt-4o-mini (Test0.cs:10), gpt-4o (Test0.cs:11)", message);
    }

    [Fact]
    public async Task SemanticKernelServicesAndAnInjectedKernel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key)
                {
                    services.AddKernel().AddOpenAIChatCompletion("gpt-4.1-mini", key);
                    // A kernel built here is not the container's: its registration must not count.
                    var local = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                }
            }

            class Chat
            {
                private readonly IChatCompletionService _service;
                private readonly Kernel _kernel;

                public Chat(IChatCompletionService service, Kernel kernel)
                {
                    _service = service;
                    _kernel = kernel;
                }

                public async Task Run()
                {
                    await _service.GetChatMessageContentAsync("Hello");
                    await _kernel.InvokePromptAsync("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4.1-mini" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task AnOpenAIChatClientRegisteredAsASingleton()
    {
        const string source = """
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI.Chat;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key) => services.AddSingleton(new ChatClient("gpt-4.1", key));
            }

            class Bot(ChatClient client)
            {
                public void Ask() => client.CompleteChat("Hello");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1", site.Model);
    }

    // Stub: .NET Aspire's Aspire.OpenAI / Aspire.Azure.AI.OpenAI integrations are not on this feed.
    [Fact]
    public async Task AspireClientIntegrationsRegisterTheModel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            static class Setup
            {
                public static void Configure(IHostApplicationBuilder builder)
                {
                    builder.AddOpenAIClient("openai").AddKeyedChatClient("support", "gpt-4o-mini");
                    builder.AddAzureOpenAIClient("azure").AddKeyedChatClient("legal", deploymentName: "gpt-4o");
                }
            }

            class Bot([FromKeyedServices("support")] IChatClient support, [FromKeyedServices("legal")] IChatClient legal)
            {
                public async Task Ask()
                {
                    await support.GetResponseAsync("Hello");
                    await legal.GetResponseAsync("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.AspireOpenAI });

        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.Equal(new[] { "code", "deployment" }, sites.Select(s => s.ModelSource));
    }

    [Fact]
    public async Task AMethodParameterIsNotInjectedAndStaysUnknown()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key) =>
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
            }

            class Bot
            {
                public Task<ChatResponse> Ask(IChatClient chat) => chat.GetResponseAsync("Hello");
            }
            """;

        Assert.Null(Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites).Model);
    }

    [Fact]
    public async Task ARegistrationOfAnInjectedClientDoesNotLoopAndSaysWhereItIsRegistered()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            class Startup(IChatClient inner)
            {
                public void Configure(IServiceCollection services) => services.AddChatClient(inner);
            }

            class Bot(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Hello");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains("injected IChatClient 'chat' is registered at Test0.cs:7, whose model", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    // Stub: ASP.NET Core's MapPost (the shared framework is not among the test's references); only the name matters.
    [Fact]
    public async Task AMinimalApiHandlerParameterIsInjected()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Endpoints
            {
                public static void MapPost(this object app, string pattern, Delegate handler) { }

                public static void Configure(IServiceCollection services, object app, string key)
                {
                    services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
                    app.MapPost("/ask", async (IChatClient chat, string question) => (await chat.GetResponseAsync(question)).Text);
                    Func<IChatClient, Task<ChatResponse>> notAHandler = chat => chat.GetResponseAsync("Hi");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4o-mini", null }, sites.Select(s => s.Model));
    }
}
