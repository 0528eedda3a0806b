using System.Globalization;
using System.IO;
using System.Linq;
using PromptBudget.Core.Json;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// A rate limit stated as an MSBuild item in a fresh project reaches the task through the package's targets: a
/// pattern written with %2A (MSBuild would read a bare '*' as a file wildcard and drop the item) covers the call,
/// and a TPM below the call's input plus max output fails the build at the call's file and line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RateLimitEndToEndTests
{
    private readonly PackageFixture _package;

    public RateLimitEndToEndTests(PackageFixture package) => _package = package;

    [Fact]
    public void A_call_above_a_stated_TPM_fails_the_build_with_PB3011_at_its_file_and_line()
    {
        var project = UserProject.Create(
            _package,
            "rate-limit",
            Sources.Project(extra: "<ShopBotBudget>1</ShopBotBudget><PromptBudgetProjectPeakRequestsPerMinute>1</PromptBudgetProjectPeakRequestsPerMinute>")
                .Replace("</Project>", "  <ItemGroup><PromptBudgetRateLimit Include=\"gpt-4%2A\" Rpm=\"500\" Tpm=\"400\" /></ItemGroup>\n</Project>"),
            "prompt_budget.feature = shop-bot\n");
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        var result = project.Build();

        // The system prompt (o200k), the 200-token bound of the question, 2 messages × (3 + 1) framing tokens and 3 reply tokens.
        var input = TokenizerRegistry.Count(Sources.SystemPrompt, TokenEncoding.O200kBase) + 200 + (2 * (3 + 1)) + 3;
        string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
        Assert.True(input + 300 > 400 && input < 400, $"the test needs an input under 400 whose sum with 300 is over it (input {input})");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"Answer\.cs\(10,\d+\): error PB3011: the prompt call in [\w.]*Answer\.Ask\(string\) \(gpt-4o\) can never pass the TPM limit of 400 \(PromptBudgetRateLimit 'gpt-4\*'\): ", result.Output);
        Assert.Contains(
            $"a request is admitted against TPM with its input plus its max output tokens, and this call needs {N(input)} input + 300 max output = {N(input + 300)} tokens, "
            + $"more than the limit allows in a whole minute. Lower its max output tokens (max_tokens) to at most {N(400 - input)}",
            result.Output);

        // The peak headroom ran too (1 request/min × the same tokens, above 100% of TPM), and the report has its row.
        Assert.Contains("error PB3012: at the stated peak traffic, the calls of gpt-4* (gpt-4o) need", result.Output);
        var json = JsonReader.Parse(File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.json")));
        var pool = Assert.Single(json.Get("rateLimits")!.Get("pools")!.Items);
        Assert.Equal("gpt-4*", pool.GetString("models"));
        Assert.Equal(
            ((decimal)(input + 300)).ToString(CultureInfo.InvariantCulture),
            pool.Get("limits")!.Items.Single(l => l.GetString("kind") == "TPM").Get("peakPerMinute")!.Text);
        Assert.Contains("### Rate limits", File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.md")));
    }

    [Fact]
    public void Under_TreatWarningsAsErrors_a_limit_nearly_used_up_and_a_bad_limit_stay_warnings()
    {
        // One request per minute of input + 300 max output (about 524 tokens) is 80–100% of a TPM of 600: PB3013.
        // A limit that is not a number: PB2007. Both are advice, listed for MSBuildWarningsNotAsErrors by the package.
        var project = UserProject.Create(
            _package,
            "rate-limit-advice",
            Sources.Project(extra: "<ShopBotBudget>1</ShopBotBudget><TreatWarningsAsErrors>true</TreatWarningsAsErrors><PromptBudgetProjectPeakRequestsPerMinute>1</PromptBudgetProjectPeakRequestsPerMinute>")
                .Replace("</Project>", "  <ItemGroup><PromptBudgetRateLimit Include=\"gpt-4o\" Tpm=\"600\" /><PromptBudgetRateLimit Include=\"gpt-4o-mini\" Rpm=\"lots\" /></ItemGroup>\n</Project>"),
            "prompt_budget.feature = shop-bot\n");
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        var result = project.Build();

        var input = TokenizerRegistry.Count(Sources.SystemPrompt, TokenEncoding.O200kBase) + 200 + (2 * (3 + 1)) + 3;
        Assert.True((input + 300) * 100 > 80 * 600 && input + 300 <= 600, $"the test needs 80–100% of 600 (tokens {input + 300})");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Answer\.cs\(10,\d+\): warning PB3013: at the stated peak traffic, the calls of gpt-4o need ", result.Output);
        Assert.Contains("warning PB2007: Rpm of PromptBudgetRateLimit 'gpt-4o-mini' is 'lots', which is not a number", result.Output);
        Assert.DoesNotContain("error PB", result.Output);
    }
}
