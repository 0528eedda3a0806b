using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// A model read from configuration is resolved in the project's appsettings files (AdditionalFiles).
/// Real OpenAI 2.15 and Microsoft.Extensions.Configuration.Abstractions; GetValue is a stub of Configuration.Binder.
/// </summary>
public class ConfigurationModelTests
{
    private const string AppSettings = """
        {
          // The chat model of the bot.
          "OpenAI": { "ChatModel": "gpt-4o-mini", "Endpoint": "https://example.invalid", },
          "AI": { "model": "gpt-4.1-mini" }
        }
        """;

    [Fact]
    public async Task AnIndexerReadIsResolvedInAppSettings()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                private readonly ChatClient _client;

                public Bot(IConfiguration configuration) => _client = new ChatClient(configuration["OpenAI:ChatModel"], "key");

                public void Ask() => _client.CompleteChat("Hello");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source }, ("/0/appsettings.json", AppSettings))).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal("configuration", site.ModelSource);
        Assert.Equal("appsettings.json: OpenAI:ChatModel", site.ModelSourceDetail);
    }

    [Fact]
    public async Task GetSectionAndGetValueWithKeysInAnotherCase()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                void Run(IConfiguration configuration)
                {
                    new ChatClient(configuration.GetSection("ai")["Model"], "key").CompleteChat("Hello");
                    var model = configuration.GetValue<string>("AI:MODEL");
                    new ChatClient(model, "key").CompleteChat("Hello");
                    new ChatClient(configuration.GetSection("AI:Model").Value, "key").CompleteChat("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.ConfigurationBinder }, ("/0/appsettings.json", AppSettings));

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4.1-mini", "gpt-4.1-mini" }, sites.Select(s => s.Model));
        Assert.All(sites, s => Assert.Equal("configuration", s.ModelSource));
    }

    [Fact]
    public async Task EnvironmentsThatDisagreeGiveTheMostExpensiveModel()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                void Run(IConfiguration configuration) => new ChatClient(configuration["OpenAI:ChatModel"], "key").CompleteChat("Hello");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(
            new[] { source },
            ("/0/appsettings.json", AppSettings),
            ("/0/appsettings.Production.json", """{ "OpenAI": { "ChatModel": "gpt-4o" } }"""),
            ("/0/appsettings.Development.json", """{ "Logging": { "LogLevel": { "Default": "Debug" } } }"""))).Sites);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(
            "OpenAI:ChatModel: environments disagree (appsettings.json: gpt-4o-mini, appsettings.Production.json: gpt-4o); the most expensive, gpt-4o, is the worst case",
            site.ModelSourceDetail);
    }

    [Fact]
    public async Task AnEnvironmentVariableWithAFallbackTakesTheFallback()
    {
        const string source = """
            using System;
            using OpenAI.Chat;

            class Bot
            {
                private static readonly string Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") ?? "gpt-4.1-nano";

                void Run() => new ChatClient(Model, "key").CompleteChat("Hello");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-nano", site.Model);
        // The expression is cut to 40 characters in messages.
        Assert.Equal("the fallback of Environment.GetEnvironmentVariable(\"OPE…, which has no value at build time", site.ModelSourceDetail);
        Assert.Equal("code", site.ModelSource);
    }

    [Fact]
    public async Task AKeyNoFileSetsIsNamedInPB1009()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                void Run(IConfiguration configuration) => new ChatClient(configuration["AI:ChatModel"], "key").CompleteChat("Hello");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source }, ("/0/appsettings.json", AppSettings));

        Assert.Null(Assert.Single(sites).Model);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage();
        Assert.Contains("configuration key 'AI:ChatModel' is set in no appsettings*.json file of the project", message);
        Assert.Contains("prompt_budget.default_model", message);
    }

    [Fact]
    public async Task ARegistrationThatReadsConfigurationReachesTheInjectedClient()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IHostApplicationBuilder builder) =>
                    builder.Services.AddChatClient(new OpenAIClient("key").GetChatClient(builder.Configuration["OpenAI:ChatModel"]).AsIChatClient());
            }

            class Bot(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Hello");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source }, ("/0/appsettings.json", AppSettings))).Sites);

        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal("configuration", site.ModelSource);
    }

    // Stub: Configure<T>(section) / Bind / BindConfiguration of Microsoft.Extensions.Options.ConfigurationExtensions.
    [Fact]
    public async Task OptionsBoundToASectionGiveTheKeyOfTheirProperty()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            public sealed class OpenAISettings { public string ChatModel { get; set; } = ""; }
            public sealed class AISettings { public string Model { get; set; } = ""; }
            public sealed class Unbound { public string Model { get; set; } = ""; }

            static class Setup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<OpenAISettings>(configuration.GetSection("OpenAI"));
                    services.AddOptions<AISettings>().BindConfiguration("AI");
                }
            }

            class Bot(IOptions<OpenAISettings> options, IOptionsMonitor<AISettings> monitor, IOptions<Unbound> unbound)
            {
                private readonly OpenAISettings _settings = options.Value;

                public void Ask()
                {
                    new ChatClient(_settings.ChatModel, "key").CompleteChat("Hello");
                    new ChatClient(monitor.CurrentValue.Model, "key").CompleteChat("Hello");
                    new ChatClient(unbound.Value.Model, "key").CompleteChat("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.OptionsConfigurationExtensions }, ("/0/appsettings.json", AppSettings));

        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4.1-mini", null }, sites.Select(s => s.Model));
        Assert.Equal("appsettings.json: OpenAI:ChatModel", sites[0].ModelSourceDetail);
    }
}
