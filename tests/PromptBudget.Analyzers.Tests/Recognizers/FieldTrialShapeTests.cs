using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// The three shapes that named no model in the field trial (docs/field-trial.md), reduced from the apps: options read
/// through the service provider in a DI factory (SK Demos HomeAutomation), a kernel builder passed to a helper that
/// registers in an if/else (SK Demos FunctionInvocationApproval), a client chosen by a conditional expression
/// (dotnet/ai-samples CustomerSupport). Real SK 1.82, M.E.AI 10.11, OpenAI 2.15, M.E.Options and DI; the options
/// binding extensions are stubs of their public signatures.
/// </summary>
public class FieldTrialShapeTests
{
    private const string OpenAIOptions = """
        public sealed class OpenAIOptions
        {
            public const string SectionName = "OpenAI";
            public string ChatModelId { get; set; } = "";
            public string ApiKey { get; set; } = "";
        }
        """;

    private const string AppSettings = """{ "OpenAI": { "ChatModelId": "gpt-4o", "ApiKey": "" }, "Other": { "ChatModelId": "gpt-4.1-nano" } }""";

    [Theory]
    [InlineData("builder.Services.AddOptions<OpenAIOptions>().Bind(builder.Configuration.GetSection(OpenAIOptions.SectionName));", "OpenAIOptions o = sp.GetRequiredService<IOptions<OpenAIOptions>>().Value;")]
    [InlineData("builder.Services.Configure<OpenAIOptions>(builder.Configuration.GetSection(\"OpenAI\"));", "var o = sp.GetService<IOptions<OpenAIOptions>>()!.Value;")]
    [InlineData("builder.Services.Configure<OpenAIOptions>(builder.Configuration.GetSection(\"OpenAI\"));", "var o = sp.GetRequiredService<IOptionsMonitor<OpenAIOptions>>().CurrentValue;")]
    [InlineData("builder.Services.AddOptions<OpenAIOptions>().BindConfiguration(\"OpenAI\");", "var o = sp.GetRequiredService<IOptionsSnapshot<OpenAIOptions>>().Value;")]
    public async Task OptionsReadThroughTheServiceProviderInADiFactory(string binding, string read)
    {
        var program = $$"""
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            static class Program
            {
                public static void Configure(Builder builder)
                {
                    {{binding}}
                    builder.Services.AddSingleton<IChatCompletionService>(sp =>
                    {
                        {{read}}
                        return new OpenAIChatCompletionService(o.ChatModelId, o.ApiKey);
                    });
                    builder.Services.AddKeyedTransient<Kernel>("HomeAutomationKernel", (sp, key) => new Kernel(sp, new KernelPluginCollection()));
                }
            }

            sealed class Builder
            {
                public IServiceCollection Services { get; } = new ServiceCollection();
                public IConfiguration Configuration { get; } = null!;
            }
            """;
        const string worker = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            sealed class Worker([FromKeyedServices("HomeAutomationKernel")] Kernel kernel)
            {
                private readonly Kernel _kernel = kernel;

                public async Task Run(string input)
                {
                    var chat = _kernel.GetRequiredService<IChatCompletionService>();
                    var settings = new OpenAIPromptExecutionSettings();
                    await chat.GetChatMessageContentAsync(input, settings, _kernel);
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(
            new[] { "#nullable enable\n" + program, worker, OpenAIOptions, SdkStubs.ConfigurationBinder, SdkStubs.OptionsConfigurationExtensions },
            ("/0/appsettings.json", AppSettings));

        var site = Assert.Single(sites);
        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal("appsettings.json: OpenAI:ChatModelId", site.ModelSourceDetail);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1009");
    }

    [Fact]
    public async Task OptionsReadInADiFactoryButBoundToNoSectionArePB1009SayingSo()
    {
        const string program = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            static class Program
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddSingleton<IChatClient>(sp => new ChatClient(sp.GetRequiredService<IOptions<OpenAIOptions>>().Value.ChatModelId, "key").AsIChatClient());
            }

            sealed class Bot(IChatClient chat)
            {
                public System.Threading.Tasks.Task Ask() => chat.GetResponseAsync("Hello");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { program, OpenAIOptions }, ("/0/appsettings.json", AppSettings));

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains("the options OpenAIOptions are bound to no configuration section in this project", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task KernelBuilderPassedToAHelperThatRegistersInBothArmsOfAnIf()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            sealed class Program
            {
                public static async Task Main()
                {
                    var builder = Kernel.CreateBuilder();
                    AddChatCompletion(builder);
                    builder.Services.AddSingleton<IFunctionInvocationFilter, Filter>();
                    var kernel = builder.Build();
                    var arguments = new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0 });
                    await kernel.InvokePromptAsync("I want to build a software. Let's start from the first step.", arguments);
                }

                private static void AddChatCompletion(IKernelBuilder builder)
                {
                    var useAzure = Environment.GetEnvironmentVariable("USE_AZURE") == "1";
                    if (useAzure)
                    {
                        builder.AddAzureOpenAIChatCompletion("gpt-4o", "https://example", "key");
                    }
                    else
                    {
                        builder.AddOpenAIChatCompletion("gpt-4o-mini", "key");
                    }
                }

                private sealed class Filter : IFunctionInvocationFilter
                {
                    public Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next) => next(context);
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.SemanticKernelAzureOpenAI });

        var site = Assert.Single(sites);
        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal(
            "the chat services the kernel 'kernel' may be built with (registered in exclusive branches) disagree (Test0.cs:24: gpt-4o, Test0.cs:28: gpt-4o-mini); the most expensive, gpt-4o, is the worst case",
            site.ModelSourceDetail);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1009");
    }

    [Theory]
    // Not an if/else: both registrations are made, one after the other; the last one is what the kernel uses.
    [InlineData("builder.AddOpenAIChatCompletion(\"gpt-4o\", \"key\"); builder.AddOpenAIChatCompletion(\"gpt-4o-mini\", \"key\");", "gpt-4o-mini")]
    // An if with no else: the later, unconditional registration always comes last.
    [InlineData("if (System.Environment.UserName == \"a\") { builder.AddOpenAIChatCompletion(\"gpt-4o\", \"key\"); } builder.AddOpenAIChatCompletion(\"gpt-4o-mini\", \"key\");", "gpt-4o-mini")]
    // An early return: the conditional registration may be the last one made.
    [InlineData("if (System.Environment.UserName == \"a\") { builder.AddOpenAIChatCompletion(\"gpt-4o\", \"key\"); return; } builder.AddOpenAIChatCompletion(\"gpt-4o-mini\", \"key\");", "gpt-4o")]
    // A switch statement: one section each.
    [InlineData("switch (System.Environment.UserName) { case \"a\": builder.AddOpenAIChatCompletion(\"gpt-4o-mini\", \"key\"); break; default: builder.AddOpenAIChatCompletion(\"gpt-4.1\", \"key\"); break; }", "gpt-4.1")]
    public async Task WhichRegistrationsOfAHelperMayBeTheLast(string body, string model)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            sealed class Program
            {
                public static async Task Main()
                {
                    var builder = Kernel.CreateBuilder();
                    AddChatCompletion(builder);
                    var kernel = builder.Build();
                    await kernel.InvokePromptAsync("Hello");
                }

                private static void AddChatCompletion(IKernelBuilder builder)
                {
                    {{body}}
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        var site = Assert.Single(sites);
        Assert.Equal(model, site.Model);
        Assert.Equal(model != "gpt-4o-mini", site.ModelSourceDetail?.Contains("is the worst case") == true);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1009");
    }

    private const string Summarizer = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public class TicketSummarizer
        {
            private readonly IChatClient _chatClient;

            public TicketSummarizer(IChatClient chatClient) => _chatClient = chatClient;

            public Task<ChatResponse> SummarizeAsync(string input) => _chatClient.GetResponseAsync("Summarize: " + input);
        }
        """;

    [Theory]
    // A constant condition (a local assigned once with a constant) picks its arm.
    [InlineData("var useOpenAIChat = true;", "useOpenAIChat ?\n        azure.GetChatClient(\"gpt-4o-mini\").AsIChatClient() : new ChatClient(\"gpt-4o\", key).AsIChatClient()", "gpt-4o-mini", null)]
    [InlineData("const bool useOpenAIChat = false;", "useOpenAIChat ? azure.GetChatClient(\"gpt-4o-mini\").AsIChatClient() : new ChatClient(\"gpt-4o\", key).AsIChatClient()", "gpt-4o", null)]
    // A condition known only at run time: the most expensive arm, said.
    [InlineData("var useOpenAIChat = System.Environment.GetEnvironmentVariable(\"X\") == \"1\";", "useOpenAIChat ? azure.GetChatClient(\"gpt-4o-mini\").AsIChatClient() : new ChatClient(\"gpt-4o\", key).AsIChatClient()", "gpt-4o", "the most expensive, gpt-4o, is the worst case")]
    [InlineData("var useOpenAIChat = true; useOpenAIChat = System.Environment.GetEnvironmentVariable(\"X\") == \"1\";", "useOpenAIChat ? azure.GetChatClient(\"gpt-4o-mini\").AsIChatClient() : new ChatClient(\"gpt-4o\", key).AsIChatClient()", "gpt-4o", "the most expensive, gpt-4o, is the worst case")]
    [InlineData("IChatClient? configured = null;", "configured ?? new ChatClient(\"gpt-4o-mini\", key).AsIChatClient()", "gpt-4o-mini", null)]
    [InlineData("var provider = System.Environment.GetEnvironmentVariable(\"P\");", "provider switch { \"azure\" => azure.GetChatClient(\"gpt-4.1\").AsIChatClient(), _ => new ChatClient(\"gpt-4o-mini\", key).AsIChatClient() }", "gpt-4.1", "the most expensive, gpt-4.1, is the worst case")]
    public async Task ClientChosenByAConditionalExpression(string condition, string choice, string model, string? detail)
    {
        var program = $$"""
            #nullable enable
            using System;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            static class Program
            {
                public static async Task Run(AzureOpenAIClient azure, string key)
                {
                    {{condition}}
                    IChatClient chatClient = {{choice}};
                    var summarizer = new TicketSummarizer(chatClient);
                    await summarizer.SummarizeAsync(Console.ReadLine()!);
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { program, Summarizer });

        var site = Assert.Single(sites);
        Assert.Equal(model, site.Model);
        Assert.DoesNotContain("\n", site.ModelSourceDetail ?? "");
        if (detail is null)
        {
            Assert.DoesNotContain("worst case", site.ModelSourceDetail ?? "");
            Assert.StartsWith(
                choice.StartsWith("configured", System.StringComparison.Ordinal)
                    ? "the right side of 'configured ?? new ChatClient("
                    : "the arm the constant condition 'useOpenAIChat' (" + (model == "gpt-4o-mini" ? "true" : "false") + ") picks in 'useOpenAIChat ? azure",
                site.ModelSourceDetail);
        }
        else
        {
            Assert.Contains(detail, site.ModelSourceDetail);
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1009");
    }

    [Fact]
    public async Task AConditionalWithAnArmThatCannotBeReadIsPB1009SayingWhichArm()
    {
        const string program = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            static class Program
            {
                public static async Task Run(IChatClient other, bool flag, string key)
                {
                    IChatClient chatClient = flag ? new ChatClient("gpt-4o", key).AsIChatClient() : other;
                    await new TicketSummarizer(chatClient).SummarizeAsync("x");
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { program, Summarizer });

        Assert.Null(Assert.Single(sites).Model);
        var message = Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage();
        Assert.Contains("conditional", message);
        Assert.Contains("'other'", message);
    }

    [Fact]
    public async Task AToolLoopInOneArmIsTheCallsLoop()
    {
        const string program = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            static class Program
            {
                public static async Task Run(string key)
                {
                    IChatClient plain = new ChatClient("gpt-4o-mini", key).AsIChatClient();
                    IChatClient chatClient = Environment.UserName == "a"
                        ? plain
                        : new ChatClientBuilder(new ChatClient("gpt-4o-mini", key).AsIChatClient()).UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = 7).Build();
                    await chatClient.GetResponseAsync("x");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { program });

        var site = Assert.Single(sites);
        Assert.Equal("gpt-4o-mini", site.Model);
        Assert.Equal(7, site.LoopIterationCap);
    }
}
