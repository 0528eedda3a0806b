using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Settings = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptBudgetConfigurationAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Robustness;

/// <summary>
/// Values that used to throw inside the analyzer (an AD0001 in the user's build) or to print a wrong number
/// as exact: each is now a diagnostic naming the value and where it came from, and the numbers stay sane.
/// <see cref="AnalyzerRun"/> fails any test whose run reports AD0001.
/// </summary>
public class OutOfRangeValueTests
{
    private static async Task<(System.Collections.Immutable.ImmutableArray<Diagnostic> Diagnostics, Core.Reporting.CallSiteRecord Record)> RunAsync(string source, params (string Path, string Text)[] files)
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(source), files);
        return (diagnostics, Assert.Single(payload!.Records));
    }

    private static string OpenAICall(string maxOutput, string members = "", string parameters = "", string prompt = "\"Hi\"") => $$"""
        using OpenAI.Chat;

        class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(long tokens) { } }

        class Bot
        {
        {{members}}
            void Ask({{parameters}})
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(new ChatMessage[] { new UserChatMessage({{prompt}}) }, new ChatCompletionOptions { MaxOutputTokenCount = {{maxOutput}} });
            }
        }
        """;

    [Fact]
    public async Task AClaudeModelIdWithAVersionTooLongForAnIntIsEstimatedNotAnException()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                async Task Run(IChatClient chat) =>
                    await chat.GetResponseAsync("Hello", new ChatOptions { ModelId = "claude-99999999999", MaxOutputTokens = 50 });
            }
            """;

        var (diagnostics, record) = await RunAsync(source);

        Assert.Contains(diagnostics, d => d.Id == "PB1008");
        Assert.False(record.Exact);
        Assert.Null(record.WorstCaseCostUsd);
    }

    [Fact]
    public async Task APriceOf1e28PerTokenIsAPriceFileProblemNotAnOverflow()
    {
        const string path = "/0/promptbudget.prices.json";
        const string prices = """
            {
              "acme-chat-1": {
                "litellm_provider": "openai",
                "input_cost_per_token": 1e28,
                "output_cost_per_token": 0.000001
              }
            }
            """;
        var call = PromptSources.OpenAIChatCall("acme-chat-1", "Hi", 100);

        var (diagnostics, record) = await RunAsync(call, (path, prices));
        Assert.Contains(diagnostics, d => d.Id == "PB1008");
        Assert.Null(record.WorstCaseCostUsd);

        await Settings.Analyze(
            new AnalyzerTestOptions(call) { RealSdks = true, AdditionalFiles = new[] { (path, prices) } },
            Settings.Diagnostic("PB2002").WithSpan(path, 4, 1, 4, 1).WithArguments(
                $"{path}: entry 'acme-chat-1', field 'input_cost_per_token' (line 4): 1e28 USD per token is above the sane limit of $1 per token (prices are per token, not per million)"));
    }

    [Theory]
    [InlineData("-1", "-1", "a token count cannot be negative")]
    [InlineData("int.MinValue", "-2,147,483,648", "a token count cannot be negative")]
    [InlineData("unchecked((int)9999999999L)", "1,410,065,407", "above the sane limit of 1,000,000,000 tokens")]
    public async Task AMaxOutputOutOfRangeIsReportedWithItsValueAndNotUsed(string code, string shown, string problem)
    {
        var (diagnostics, record) = await RunAsync(OpenAICall(code));

        var pb1010 = Assert.Single(diagnostics, d => d.Id == "PB1010");
        Assert.Equal($"MaxOutputTokenCount is {shown}: {problem}; the value is not used (the worst case uses the model's maximum output)", pb1010.GetMessage());
        Assert.Equal(16_384, record.MaxOutputTokens);
        Assert.True(record.WorstCaseCostUsd > 0);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1003");
    }

    [Fact]
    public async Task ATruncatingCastIsTheValueTheProgramSendsNotTheLiteral()
    {
        var (diagnostics, record) = await RunAsync(OpenAICall("unchecked((int)4294967396L)"));

        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1010");
        Assert.Equal(100, record.MaxOutputTokens);
    }

    [Fact]
    public async Task AnAnthropicMaxTokensOfLongMinValueIsReported()
    {
        const string source = """
            #pragma warning disable CS0618
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Reviewer
            {
                async Task Run(AnthropicClient client) =>
                    await client.Messages.Create(new MessageCreateParams { Model = Model.ClaudeSonnet4_5, MaxTokens = long.MinValue, Messages = [new UserMessageParam("Hi")] });
            }
            """;

        var (diagnostics, record) = await RunAsync(source);

        Assert.Contains("MaxTokens is -9,223,372,036,854,775,808", Assert.Single(diagnostics, d => d.Id == "PB1010").GetMessage());
        Assert.True(record.WorstCaseCostUsd > 0);
    }

    [Fact]
    public async Task FourBoundsOfLongMaxValueAreReportedAndLeaveTheirPartsUnbounded()
    {
        var source = OpenAICall(
            "10",
            parameters: "[PromptBound(long.MaxValue)] string a, [PromptBound(long.MaxValue)] string b, [PromptBound(long.MaxValue)] string c, [PromptBound(long.MaxValue)] string d",
            prompt: "a + b + c + d");

        var (diagnostics, record) = await RunAsync(source);

        var pb1010 = diagnostics.Where(d => d.Id == "PB1010").Select(d => d.GetMessage()).ToList();
        Assert.Equal(4, pb1010.Count);
        Assert.Contains("[PromptBound] of 'a' is 9,223,372,036,854,775,807: above the sane limit of 1,000,000,000 tokens; the value is not used (the part is counted as unbounded)", pb1010);
        Assert.Contains(diagnostics, d => d.Id == "PB1007");
        Assert.Equal(4, record.UnboundedSegments);
        Assert.True(record.InputTokens > 0);
    }

    [Fact]
    public async Task AHugeAssumedSegmentSizeIsAnInvalidSetting()
    {
        await Settings.Analyze(
            new AnalyzerTestOptions(PromptSources.OpenAIChatCall("gpt-4o", "Hi", 10)) { RealSdks = true, EditorConfig = "prompt_budget.assumed_segment_tokens = 9223372036854775807\n" },
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.assumed_segment_tokens", "9223372036854775807", "expected " + Core.Configuration.SettingNumbers.CountExpected + ", at most 1,000,000,000"));
    }

    [Fact]
    public async Task PreviewsAndSegmentNamesAreNeverCutInsideAnEmoji()
    {
        // 78 characters before the emoji: an 80-character preview (79 + "…") would keep its first half only;
        // likewise the 40-character name of the method-result segment (a method with two returns, which is not followed).
        var prompt = new string('a', 78) + "\U0001F600\U0001F600 and more";
        var source = OpenAICall("10", members: "    static string Lookup(string key) { if (key.Length > 99) return key; return key + key; }", prompt: $"\"{prompt}\" + Lookup(\"{new string('x', 30)}\U0001F600\")");

        var (_, record) = await RunAsync(source);

        Assert.True(IsWellFormed(record.Preview!), record.Preview);
        Assert.EndsWith("…", record.Preview);
        var segment = Assert.Single(record.Segments);
        Assert.True(IsWellFormed(segment.Name), segment.Name);
        Assert.EndsWith("…", segment.Name);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
