using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

public class AnthropicMessagesRecognizerTests
{
    // claude-sonnet-4-5: input 3e-06, output 1.5e-05 per token (LiteLLM 2026-07-24); counts estimated with the legacy Claude vocabulary × 1.1 (ai-tokenizer 1.0.6's fit).
    private const decimal Input = 0.000003m;
    private const decimal Output = 0.000015m;

    [Fact]
    public async Task ReadsModelConstantSystemMessagesMaxTokensAndThinking()
    {
        const string source = """
            #pragma warning disable CS0618
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Reviewer
            {
                async Task Run(AnthropicClient client)
                {
                    var parameters = new MessageCreateParams
                    {
                        Model = Model.ClaudeSonnet4_5,
                        MaxTokens = 2048,
                        System = "Review the reply.",
                        Messages = [new UserMessageParam("Thanks for waiting!")],
                        Thinking = new ThinkingConfigEnabled(1024),
                    };
                    await client.Messages.{|#0:Create|}(parameters);
                }
            }
            """;
        // ~N input tokens, ≤ M: the Claude fit's count and its upper bound with the 2.5% margin; the cost at the upper bound.
        var input = Expected.ClaudeInputTokens("Review the reply.", "Thanks for waiting!");
        var upper = Expected.UpperBound(input, 0.025m);
        Assert.True(upper > input);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("Anthropic", "claude-sonnet-4-5", Expected.EstimatedInputTokens(input, upper), "estimated", "2,048", "set", Expected.Usd((upper * Input) + (2048 * Output))));
    }

    /// <summary>
    /// PB0001 shows the estimate and its upper bound, in numbers from the independent reference: ai-tokenizer 1.0.6 counts
    /// a request of one user message "Hello, world!" as 13 tokens for Claude Sonnet 4.5 (Core's claude-gemini-counts.json:
    /// 4 legacy-vocabulary tokens × 1.1 → 4, plus 6 + 2 + 1 of framing). The upper bound adds 2.5%, rounded up: 13 + 1 = 14,
    /// and the worst case is 14 × $3/M + 100 × $15/M = $0.001542.
    /// </summary>
    [Fact]
    public async Task AClaudeCallShowsTheEstimateAndItsUpperBound()
    {
        const string source = """
            #pragma warning disable CS0618
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Greeter
            {
                async Task Run(AnthropicClient client) =>
                    await client.Messages.{|#0:Create|}(new MessageCreateParams { Model = Model.ClaudeSonnet4_5, MaxTokens = 100, Messages = [new UserMessageParam("Hello, world!")] });
            }
            """;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("Anthropic", "claude-sonnet-4-5", "~13 input tokens, ≤ 14", "estimated", "100", "set", "$0.001542"));
    }

    [Fact]
    public async Task CountingTokensIsNotAPromptCall()
    {
        const string source = """
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Counter
            {
                async Task Run(AnthropicClient client, MessageCountTokensParams p) => await client.Messages.CountTokens(p);
            }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true });
    }
}
