using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Options objects bound to configuration (nested, named, Get&lt;T&gt;, Bind), max output tokens read from configuration,
/// and what PB1009 says of values only the running app has. Real OpenAI 2.15, M.E.Options and M.E.Configuration.Abstractions;
/// Configuration.Binder (GetValue, Get&lt;T&gt;, Bind) and Options.ConfigurationExtensions (Configure&lt;T&gt;) are stubs of their public signatures.
/// </summary>
public class ConfigurationOptionsTests
{
    private const string AppSettings = """
        {
          "AI": { "Chat": { "Model": "gpt-4.1-mini" }, "Summary": { "Model": "gpt-4o" }, "MaxTokens": 500 },
          "Models": { "Fast": { "Model": "gpt-4.1-nano" }, "Smart": { "Model": "gpt-4.1" } }
        }
        """;

    private const string Options = """
        public sealed class AiOptions
        {
            public ChatSection Chat { get; set; } = new();
            public ChatSection Summary { get; set; } = new();
            public int MaxTokens { get; set; }
        }

        public sealed class ChatSection { public string Model { get; set; } = ""; }

        public sealed class ModelOptions { public string Model { get; set; } = ""; }
        """;

    private static string[] Sources(string source) => new[] { source, Options, SdkStubs.ConfigurationBinder, SdkStubs.OptionsConfigurationExtensions };

    [Fact]
    public async Task NestedPropertiesOfBoundOptionsGiveTheirFullKey()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            static class Setup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration) =>
                    services.Configure<AiOptions>(configuration.GetSection("AI"));
            }

            class Bot(IOptions<AiOptions> options)
            {
                private readonly AiOptions _ai = options.Value;

                public void Ask()
                {
                    new ChatClient(_ai.Chat.Model, "key").CompleteChat("Hello");
                    new ChatClient(options.Value.Summary.Model, "key").CompleteChat("Summarize");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(Sources(source), ("/0/appsettings.json", AppSettings));

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.Equal(new[] { "appsettings.json: AI:Chat:Model", "appsettings.json: AI:Summary:Model" }, sites.Select(s => s.ModelSourceDetail));
        Assert.All(sites, s => Assert.Equal("configuration", s.ModelSource));
    }

    [Fact]
    public async Task GetOfASectionAndBindIntoAnObject()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                private readonly AiOptions _bound = new();

                public Bot(IConfiguration configuration) => configuration.Bind("AI", _bound);

                public void Run(IConfiguration configuration)
                {
                    var ai = configuration.GetRequiredSection("AI").Get<AiOptions>();
                    new ChatClient(ai.Chat.Model, "key").CompleteChat("Hello");

                    var fast = new ModelOptions();
                    configuration.GetSection("Models:Fast").Bind(fast);
                    new ChatClient(fast.Model, "key").CompleteChat("Hello");

                    new ChatClient(_bound.Summary.Model, "key").CompleteChat("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(Sources(source), ("/0/appsettings.json", AppSettings));

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.Equal(new[] { "appsettings.json: AI:Chat:Model", "appsettings.json: Models:Fast:Model", "appsettings.json: AI:Summary:Model" }, sites.Select(s => s.ModelSourceDetail));
    }

    [Fact]
    public async Task NamedOptionsAreReadByTheirName()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            static class Setup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<ModelOptions>("fast", configuration.GetSection("Models:Fast"));
                    services.AddOptions<ModelOptions>("smart").BindConfiguration("Models:Smart");
                }
            }

            class Bot(IOptionsSnapshot<ModelOptions> snapshot, IOptionsMonitor<ModelOptions> monitor, IOptions<ModelOptions> unnamed)
            {
                public void Ask()
                {
                    new ChatClient(snapshot.Get("fast").Model, "key").CompleteChat("Hello");
                    new ChatClient(monitor.Get("smart").Model, "key").CompleteChat("Hello");
                    new ChatClient(unnamed.Value.Model, "key").CompleteChat("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(Sources(source), ("/0/appsettings.json", AppSettings));

        // No unnamed binding: the third is not guessed from the named ones.
        Assert.Equal(new[] { "gpt-4.1-nano", "gpt-4.1", null }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task MaxOutputTokensReadFromConfigurationTakeTheLargestEnvironment()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            class Bot(IConfiguration configuration, IOptions<AiOptions> options)
            {
                public void Ask()
                {
                    var client = new ChatClient("gpt-4o-mini", "key");
                    client.CompleteChat(new ChatMessage[] { "Hello" }, new ChatCompletionOptions { MaxOutputTokenCount = configuration.GetValue<int>("AI:MaxTokens") });
                    client.CompleteChat(new ChatMessage[] { "Hello" }, new ChatCompletionOptions { MaxOutputTokenCount = int.Parse(configuration["AI:MaxTokens"]) });
                    client.CompleteChat(new ChatMessage[] { "Hello" }, new ChatCompletionOptions { MaxOutputTokenCount = configuration.GetValue<int>("AI:Missing", 300) });
                    client.CompleteChat(new ChatMessage[] { "Hello" }, new ChatCompletionOptions { MaxOutputTokenCount = configuration.GetValue<int>("AI:Missing") });
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(
            Sources(source),
            ("/0/appsettings.json", AppSettings),
            ("/0/appsettings.Production.json", """{ "AI": { "MaxTokens": "2000" } }"""));

        Assert.Equal(new long?[] { 2000, 2000, 300, 16384 }, sites.Select(s => s.MaxOutputTokens));
        Assert.Equal(new[] { "configuration", "configuration", "configuration", "model-maximum" }, sites.Select(s => s.MaxOutputSource));
        Assert.Equal("AI:MaxTokens: environments disagree (appsettings.json: 500, appsettings.Production.json: 2000); the largest, 2000, is the worst case", sites[0].MaxOutputSourceDetail);
        Assert.Equal("the fallback of AI:Missing: no appsettings file sets it", sites[2].MaxOutputSourceDetail);
        Assert.StartsWith("configuration key 'AI:Missing' is set in no appsettings*.json file of the project", sites[3].MaxOutputSourceDetail);

        // gpt-4o-mini: $0.60 per million output tokens; the 2,000 tokens of the worst case cost $0.0012.
        Assert.Equal(2000 * 0.0000006m, sites[0].OutputCostUsd);
        Assert.Contains("max output 2,000 (set in configuration)", diagnostics.First(d => d.Id == "PB0001").GetMessage());
    }

    [Fact]
    public async Task AnEnvironmentVariableWithoutFallbackIsNamedInPB1009()
    {
        const string source = """
            using System;
            using OpenAI.Chat;

            class Bot
            {
                void Run() => new ChatClient(Environment.GetEnvironmentVariable("OPENAI_MODEL"), "key").CompleteChat("Hello");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains(
            "environment variable 'OPENAI_MODEL' is read at run time, and no appsettings*.json file of the project can set it",
            Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task AKeyNoFileSetsSaysUserSecretsAreNeverReadWhenTheProjectUsesThem()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Bot
            {
                void Run(IConfiguration configuration) => new ChatClient(configuration["OpenAI:Model"], "key").CompleteChat("Hello");
            }
            """;

        var (withSecrets, _) = await CallSiteRun.CallSitesWithPropertiesAsync(
            new[] { source }, new Dictionary<string, string> { ["UserSecretsId"] = "b2a7c1de-0000-4000-8000-000000000001" }, ("/0/appsettings.json", AppSettings));
        var (without, _) = await CallSiteRun.CallSitesAsync(new[] { source }, ("/0/appsettings.json", AppSettings));

        Assert.Contains(
            "configuration key 'OpenAI:Model' is set in no appsettings*.json file of the project (an environment variable or another provider may set it at run time; user secrets, which this project uses, are never read)",
            Assert.Single(withSecrets, d => d.Id == "PB1009").GetMessage());
        Assert.Contains(
            "configuration key 'OpenAI:Model' is set in no appsettings*.json file of the project (an environment variable or another provider may set it at run time)",
            Assert.Single(without, d => d.Id == "PB1009").GetMessage());
    }
}
