using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// A chat client, kernel or kernel builder passed to a helper in the same compilation takes the model of the arguments
/// the helper's calls give it. Real packages (M.E.AI 10.11, SK 1.82, OpenAI 2.15).
/// </summary>
public class HelperParameterModelTests
{
    [Fact]
    public async Task CallersThatAgreeGiveTheirModel()
    {
        const string program = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            static class Program
            {
                static async Task Main()
                {
                    IChatClient client = new OpenAIClient("key").GetChatClient("gpt-4.1-mini").AsIChatClient();
                    await Questions.Ask(client, "Where is my order?");
                    await Questions.Ask(client, "When does it arrive?");
                }
            }
            """;
        const string helper = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            static class Questions
            {
                public static Task<ChatResponse> Ask(IChatClient chat, string question) => chat.GetResponseAsync(question);
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { program, helper })).Sites);

        Assert.Equal("gpt-4.1-mini", site.Model);
        Assert.Equal("code", site.ModelSource);
        Assert.Equal("the calls of Questions.Ask (Test0.cs:10, Test0.cs:11)", site.ModelSourceDetail);
    }

    [Fact]
    public async Task CallersThatDisagreeGiveTheMostExpensiveAndSaySo()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Jobs
            {
                async Task Run(string key)
                {
                    await Summarize(Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build());
                    var smart = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                    await Summarize(smart);
                }

                private static Task<FunctionResult> Summarize(Kernel kernel) => kernel.InvokePromptAsync("Summarize the contract.");
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4o", site.Model);
        Assert.Equal("the calls of Jobs.Summarize disagree (Test0.cs:8: gpt-4o-mini, Test0.cs:10: gpt-4o); the most expensive, gpt-4o, is the worst case", site.ModelSourceDetail);
    }

    [Fact]
    public async Task AHelperNothingCallsIsPB1009AndACallerWithAnUnreadableArgumentIsNamed()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                public Task<ChatResponse> Unused(IChatClient chat) => chat.GetResponseAsync("Hello");

                public Task<ChatResponse> Ask(IChatClient chat) => chat.GetResponseAsync("Hello");

                public Task<ChatResponse> Run(System.Func<IChatClient> make) => Ask(make());
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new string?[] { null, null }, sites.Select(s => s.Model));
        var messages = diagnostics.Where(d => d.Id == "PB1009").Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.Contains("'chat' is a parameter of Bot.Unused, and nothing in this project calls it"));
        Assert.Contains(messages, m => m.Contains("the calls of Bot.Ask: at Test0.cs:10, 'make()' is not a value the analyzer can read"));
    }

    [Fact]
    public async Task HelpersOfHelpersAreFollowedAndRecursionAddsNothing()
    {
        const string source = """
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Chain
            {
                void Start() => Outer(new ChatClient("gpt-4.1-nano", "key"), 3);

                void Outer(ChatClient client, int n) => Inner(client, n);

                void Inner(ChatClient client, int n)
                {
                    client.CompleteChat("Hello");
                    if (n > 0)
                    {
                        Inner(client, n - 1);
                    }
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-nano", site.Model);
    }

    [Fact]
    public async Task MutualRecursionEndsAndKeepsTheOuterCallersModel()
    {
        const string source = """
            using OpenAI.Chat;

            class Ping
            {
                void Start() => A(new ChatClient("gpt-4.1-mini", "key"), 4);
                void A(ChatClient c, int n) { if (n > 0) B(c, n - 1); }
                void B(ChatClient c, int n) { c.CompleteChat("Hello"); A(c, n); }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-mini", site.Model);
    }

    [Fact]
    public async Task TheStepBudgetStopsAHelperWithTooManyCalls()
    {
        // 70 calls of one helper: more than the 64 arguments one call site may follow.
        var calls = string.Concat(Enumerable.Range(0, 70).Select(i => $"        Ask(new ChatClient(\"gpt-4.1-mini\", \"key\"));\n"));
        var source = "using OpenAI.Chat;\n\nclass Many\n{\n    void Run()\n    {\n" + calls + "    }\n\n    void Ask(ChatClient c) => c.CompleteChat(\"Hello\");\n}\n";

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains("'c' is a parameter of Many.Ask: more than 64 calls to follow for one call site; stopped there", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task TheDepthLimitStopsALongChainWithPB1009()
    {
        const string source = """
            using OpenAI.Chat;

            class Deep
            {
                void Start() => A(new ChatClient("gpt-4.1-nano", "key"));
                void A(ChatClient c) => B(c);
                void B(ChatClient c) => C(c);
                void C(ChatClient c) => D(c);
                void D(ChatClient c) => E(c);
                void E(ChatClient c) => c.CompleteChat("Hello");
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // E, D, C, B are followed (4 helpers deep); A's parameter would be the fifth.
        Assert.Null(Assert.Single(sites).Model);
        Assert.Contains("'c' is a parameter of Deep.A: followed through 4 helpers, and stopped there", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task AMethodUsedAsADelegateOrThroughAnInterfaceIsNotGuessed()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            interface IAsker { Task<ChatResponse> Ask(IChatClient chat); }

            class Asker : IAsker
            {
                public Task<ChatResponse> Ask(IChatClient chat) => chat.GetResponseAsync("Hello");

                static Task<ChatResponse> Greet(IChatClient chat) => chat.GetResponseAsync("Hi");

                void Run()
                {
                    var client = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();
                    Ask(client);
                    Greet(client);
                    Func<IChatClient, Task<ChatResponse>> later = Greet;
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new string?[] { null, null }, sites.Select(s => s.Model));
        var messages = diagnostics.Where(d => d.Id == "PB1009").Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.Contains("'chat' is a parameter of Asker.Ask, which can be overridden or called through an interface"));
        Assert.Contains(messages, m => m.Contains("'chat' is a parameter of Asker.Greet, which is also used as a delegate"));
    }

    [Fact]
    public async Task AConstructorCalledInViewTakesItsArgumentsAndOneNothingCallsIsInjected()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddChatClient(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient());

                public static Bot Make() => new Bot(new OpenAIClient("key").GetChatClient("gpt-4.1-mini").AsIChatClient());
            }

            class Bot(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Hello");
            }

            class Injected(IChatClient chat)
            {
                public Task<ChatResponse> Ask() => chat.GetResponseAsync("Hello");
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4o" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task AKernelBuilderPassedToAHelperThatBuildsTheKernel()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Builders
            {
                async Task Run(string key)
                {
                    var builder = Kernel.CreateBuilder();
                    builder.AddOpenAIChatCompletion("gpt-4.1-mini", key);
                    await Answer(builder);
                }

                static async Task Answer(IKernelBuilder builder)
                {
                    var kernel = builder.Build();
                    await kernel.InvokePromptAsync("Say hello.");
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-4.1-mini", site.Model);
    }
}
