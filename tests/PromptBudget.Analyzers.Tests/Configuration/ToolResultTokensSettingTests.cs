using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Configuration;
using PromptBudget.Core.Estimation;
using Xunit;
using Settings = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptBudgetConfigurationAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Configuration;

/// <summary>
/// <c>prompt_budget.tool_result_tokens</c> goes through the shared whole-number reader: a value it refuses is PB2001
/// naming the key, and the tool loop's worst case then uses the default allowance and says why.
/// </summary>
public class ToolResultTokensSettingTests
{
    private const string Key = "prompt_budget.tool_result_tokens";

    // A loop at Microsoft.Extensions.AI's default cap, so PB1012 gives the loop's worst case and its tool results.
    private const string Agent = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class Bot
        {
            public Task<ChatResponse> Ask(string key)
            {
                IChatClient inner = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
                IChatClient client = inner.AsBuilder().UseFunctionInvocation().Build();
                return client.GetResponseAsync("Where is my order?", new ChatOptions { MaxOutputTokens = 500 });
            }
        }
        """;

    public static IEnumerable<object[]> BadValues() => new[]
    {
        new object[] { "-5" },
        new object[] { "lots" },
        new object[] { "1.5" },
        new object[] { "5000000000" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_PB2001_naming_the_key(string value) =>
        await Settings.Analyze(
            new AnalyzerTestOptions(PromptSources.OpenAIChatCall("gpt-4o", "Summarise the ticket.", 1000)) { RealSdks = true, EditorConfig = $"{Key} = {value}\n" },
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments(Key, value, "expected " + SettingNumbers.CountExpected + ", at most 1,000,000,000"));

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task After_a_bad_value_the_loop_uses_the_default_allowance_and_PB1012_says_the_value_was_refused(string value)
    {
        var settings = new Dictionary<string, string> { [Key] = value };
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(Agent), Array.Empty<(string, string)>(), settings: settings);
        var site = Assert.Single(payload!.Records);

        Assert.Equal(RequestWorstCase.DefaultToolResultTokens, site.ToolResultTokens);
        Assert.True(site.ToolResultTokensAssumed);

        // The same request as with no setting at all: 40 calls, each adding 500 (tool call) + 1,000 (assumed results).
        var n = site.InputTokens;
        Assert.Equal((40 * n) + (1500 * (39 * 40 / 2)), site.RequestInputTokens);

        var message = Assert.Single(diagnostics, d => d.Id == "PB1012").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"1,000 tokens of tool results per iteration, assumed: the {Key} value '{value}' cannot be used (PB2001), so the default is used", message);
    }

    [Fact]
    public async Task Without_a_value_PB1012_asks_for_the_setting()
    {
        var (diagnostics, _) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(Agent), Array.Empty<(string, string)>());

        var message = Assert.Single(diagnostics, d => d.Id == "PB1012").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("1,000 tokens of tool results per iteration, assumed: set " + Key + ")", message);
        Assert.DoesNotContain("PB2001", message);
    }
}
