using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// A client kept by a chained constructor (<c>: this(c, 500)</c>, <c>: base(c)</c>, a primary constructor's base arguments)
/// comes from the caller of the first constructor, not from the container. Real M.E.AI 10.11 and OpenAI 2.15.
/// </summary>
public class ConstructorChainingModelTests
{
    // A registration of another model: a chained constructor's client must not be taken for an injected one.
    private const string Registration = """
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;

        static class Setup
        {
            public static void Configure(IServiceCollection services, string key) =>
                services.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient());
        }
        """;

    [Fact]
    public async Task ThisChainingTakesTheClientFromTheCallerOfTheFirstConstructor()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            class Bot
            {
                private readonly IChatClient _chat;
                private readonly int _max;

                public Bot(IChatClient chat) : this(chat, 500) { }

                public Bot(IChatClient chat, int max)
                {
                    _chat = chat;
                    _max = max;
                }

                public Task<ChatResponse> Ask() => _chat.GetResponseAsync("Where is my order?");
            }

            class App
            {
                Task<ChatResponse> Run(string key) => new Bot(new OpenAIClient(key).GetChatClient("gpt-4.1").AsIChatClient()).Ask();
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source, Registration })).Sites);

        Assert.Equal("gpt-4.1", site.Model);
        Assert.Contains("the calls of new Bot", site.ModelSourceDetail);
    }

    [Fact]
    public async Task BaseChainingOfAnInjectedDerivedClassUsesItsRegistration()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            abstract class BotBase
            {
                protected readonly IChatClient Chat;

                protected BotBase(IChatClient chat) => Chat = chat;

                public Task<ChatResponse> Ask() => Chat.GetResponseAsync("Where is my order?");
            }

            // Injected: its parameter resolves to the registration.
            sealed class SupportBot(IChatClient chat) : BotBase(chat);

            // Made with a client of its own.
            sealed class LegalBot : BotBase
            {
                public LegalBot(string key) : base(new OpenAIClient(key).GetChatClient("gpt-4.1").AsIChatClient()) { }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, Registration });

        // One call site, run by both bots: the most expensive of their clients is its worst case.
        var site = Assert.Single(sites);
        Assert.Equal("gpt-4.1", site.Model);
        Assert.Contains("gpt-4o-mini", site.ModelSourceDetail);
    }
}
