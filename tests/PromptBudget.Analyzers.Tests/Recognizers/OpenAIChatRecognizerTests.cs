using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

public class OpenAIChatRecognizerTests
{
    // gpt-4o: input $2.5e-06, output $1e-05 per token, max output 16,384 (LiteLLM 2026-07-24).
    private const decimal Gpt4oInput = 0.0000025m;
    private const decimal Gpt4oOutput = 0.00001m;

    [Fact]
    public async Task ReportsTokensAndWorstCaseOfACallAgainstTheRealSdk()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask()
                {
                    var client = new ChatClient("gpt-4o", "key");
                    client.{|#0:CompleteChat|}(
                        new ChatMessage[] { new SystemChatMessage("You are terse."), new UserChatMessage("Hello there") },
                        new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("You are terse.", "Hello there");
        var cost = (input * Gpt4oInput) + (100 * Gpt4oOutput);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "100", "set", Expected.Usd(cost)));
    }

    [Fact]
    public async Task WarnsWhenNoMaxOutputIsSetAndPricesTheModelMaximum()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask(ChatClient unused)
                {
                    ChatClient client = new("gpt-4o", "key");
                    client.{|#0:CompleteChat|}("Hi");
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Hi");
        var cost = (input * Gpt4oInput) + (16384 * Gpt4oOutput);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1003").WithLocation(0).WithArguments("gpt-4o", "16,384", Expected.Usd(cost), "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task IgnoresCallsThatAreNotPromptCalls()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Get(ChatClient client)
                {
                    _ = new ChatCompletionOptions { MaxOutputTokenCount = 5 };
                    System.Console.WriteLine("CompleteChat");
                }
            }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true });
    }
}
