using System;
using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Robustness;

/// <summary>The failures <see cref="HostileInputHarnessTests"/> found, each reduced to its smallest input.</summary>
public class HostileInputRegressionTests
{
    /// <summary>
    /// A lone surrogate is a legal C# string ("\uD800"); the payload's JSON kept it raw and the strict UTF-8 encoder
    /// of File.WriteAllText threw, so the compilation's whole payload was lost (PB2003) for one character of one prompt.
    /// </summary>
    [Theory]
    [InlineData("tail \\uD800")]
    [InlineData("\\uDC00 head")]
    [InlineData("\\uDC00\\uD800")]
    public async Task ALoneSurrogateInAPromptStillWritesThePayload(string literal)
    {
        var source = $$"""
            using OpenAI.Chat;

            class Bot
            {
                void Ask()
                {
                    var client = new ChatClient("gpt-4o", "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("{{literal}}") }, new ChatCompletionOptions { MaxOutputTokenCount = 1 });
                }
            }
            """;
        var text = System.Text.RegularExpressions.Regex.Unescape(literal);
        var input = Expected.OpenAIInputTokens(text);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "1", "set", Expected.Usd((input * 0.0000025m) + 0.00001m)));

        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(source), Array.Empty<(string, string)>());
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB2003");
        var record = Assert.Single(payload!.Records);
        Assert.Equal(input, record.InputTokens);
    }
}
