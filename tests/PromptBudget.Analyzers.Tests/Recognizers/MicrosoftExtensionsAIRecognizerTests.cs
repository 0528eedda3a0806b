using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

public class MicrosoftExtensionsAIRecognizerTests
{
    // gpt-4o-mini: input 1.5e-07, output 6e-07 per token (LiteLLM 2026-07-24).
    private const decimal MiniInput = 0.00000015m;
    private const decimal MiniOutput = 0.0000006m;

    [Fact]
    public async Task FollowsTheModelThroughAsIChatClientAndReadsChatOptions()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class Summarizer
            {
                private readonly IChatClient _chat = new ChatClient("gpt-4o-mini", "key").AsIChatClient();

                async Task Run()
                {
                    var messages = new List<Microsoft.Extensions.AI.ChatMessage> { new(ChatRole.System, "Summarise in one line.") };
                    messages.Add(new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, "The order shipped late."));
                    var options = new ChatOptions { Instructions = "Be neutral." };
                    options.MaxOutputTokens = 200;
                    await _chat.{|#0:GetResponseAsync|}(messages, options);
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Be neutral.", "Summarise in one line.", "The order shipped late.");
        var cost = (input * MiniInput) + (200 * MiniOutput);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("Microsoft.Extensions.AI", "gpt-4o-mini", Expected.InputTokens(input), "exact", "200", "set", Expected.Usd(cost)));
    }

    [Fact]
    public async Task AStringPromptWithModelIdInOptions()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                async Task Run(IChatClient chat)
                {
                    await chat.{|#0:GetResponseAsync|}("Hello", new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 50 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Hello");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("Microsoft.Extensions.AI", "gpt-4o-mini", Expected.InputTokens(input), "exact", "50", "set", Expected.Usd((input * MiniInput) + (50 * MiniOutput))));
    }

    [Fact]
    public async Task AClientOfUnknownModelWithoutDefaultIsReported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                async Task Run(IChatClient chat) => await chat.{|#0:GetResponseAsync|}("Hello", new ChatOptions { MaxOutputTokens = 5 });
            }
            """;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1009").WithLocation(0).WithArguments("Microsoft.Extensions.AI", "'chat' is a parameter of Bot.Run, and nothing in this project calls it"));
    }

    [Fact]
    public async Task OtherChatClientMembersAreNotPrompts()
    {
        const string source = """
            using Microsoft.Extensions.AI;

            class Bot
            {
                void Run(IChatClient chat)
                {
                    _ = chat.GetService(typeof(ChatClientMetadata));
                    chat.Dispose();
                }
            }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true });
    }
}
