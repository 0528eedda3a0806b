using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// Usage files through the package's targets alone: a glob in PromptBudgetUsageFiles and a PromptBudgetUsageFile
/// item (gzip), priced with the project's promptbudget.prices.json, matched to the call by file and line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class UsageEndToEndTests
{
    // gpt-4o at $10 / $20 per million input / output tokens (overriding the embedded prices, so the sums are easy).
    private const string Prices = "{\"gpt-4o\": {\"input_cost_per_token\": 0.00001, \"output_cost_per_token\": 0.00002}}";

    private readonly PackageFixture _package;

    public UsageEndToEndTests(PackageFixture package) => _package = package;

    private static string Span(long input, long output, long start) =>
        "{\"name\":\"chat gpt-4o\",\"startTimeUnixNano\":\"" + start + "\",\"endTimeUnixNano\":\"" + (start + 1_000_000) + "\",\"attributes\":["
        + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},"
        + "{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"" + input + "\"}},"
        + "{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":" + output + "}},"
        + "{\"key\":\"code.file.path\",\"value\":{\"stringValue\":\"/build/agent/src/Answer.cs\"}},"
        + "{\"key\":\"code.line.number\",\"value\":{\"intValue\":10}}]}";

    private static string Line(params string[] spans) =>
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + string.Join(",", spans) + "]}]}]}\n";

    [Fact]
    public void UsageFilesFromAGlobAndAnItemArePricedWithTheProjectPricesAndCheckedAgainstTheMonthlyBudget()
    {
        const long T0 = 1782907200_000000000L;
        const long Hour = 3600_000000000L;
        var project = UserProject.Create(
            _package,
            "usage-files",
            Sources.Project(extra: "<ShopBotBudget>1</ShopBotBudget><PromptBudgetDefaultFeature>shop-bot</PromptBudgetDefaultFeature><PromptBudgetUsageFiles>usage/*.jsonl</PromptBudgetUsageFiles>")
                .Replace("MaxCostPerRequestUsd=\"$(ShopBotBudget)\"", "MaxCostPerRequestUsd=\"$(ShopBotBudget)\" MaxMonthlyCostUsd=\"$(ShopBotMonthly)\"")
                .Replace("</Project>", "  <ItemGroup><PromptBudgetUsageFile Include=\"more/spans.jsonl.gz\" /><AdditionalFiles Include=\"promptbudget.prices.json\" /></ItemGroup>\n</Project>"),
            "prompt_budget.feature = shop-bot\n");
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        project.Write("promptbudget.prices.json", Prices);

        // Two hours: 5,000 input tokens beat the call's worst case; 3 spans × (1,000 × $10/M + 100 × $20/M) +
        // (5,000 × $10/M + 100 × $20/M) = $0.036 + $0.052 = $0.088, × 360 two-hour periods in 30 days = $31.68.
        project.Write("usage/day.jsonl", Line(Span(1000, 100, T0), Span(1000, 100, T0 + Hour)));
        Directory.CreateDirectory(Path.Combine(project.Directory, "more"));
        using (var gz = new GZipStream(File.Create(Path.Combine(project.Directory, "more", "spans.jsonl.gz")), CompressionLevel.Optimal))
        {
            var bytes = Encoding.UTF8.GetBytes(Line(Span(1000, 100, T0 + (Hour / 2)), Span(5000, 100, (T0 + (2 * Hour)) - 1_000_000)));
            gz.Write(bytes, 0, bytes.Length);
        }

        var over = project.Build("-p:ShopBotMonthly=30");

        Assert.True(over.ExitCode != 0, over.ToString());
        Assert.Contains("error PB3015: feature 'shop-bot': the usage files show $0.088 spent by 4 spans in 2 hours; at that rate a 30-day month costs $31.68, over its monthly budget of $30.00 by $1.68", over.Output);
        Assert.Matches(@"Answer\.cs\(\d+,\d+\): warning PB3009: .*4 spans at this call used more than the static worst case: input up to 5,000 tokens", over.Output);
        Assert.DoesNotContain("PB2006", over.Output);

        var within = project.Build("-p:ShopBotMonthly=40");

        Assert.True(within.ExitCode == 0, within.ToString());
        // PB3004 names PB3015 as the check that covers the monthly budget without calls per month; no PB3015 is reported.
        Assert.DoesNotMatch(@"(error|warning) PB3015", within.Output);
        Assert.Contains("only the observed spend of the usage files is (PB3015)", within.Output);
        var json = File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.json"));
        Assert.Contains("\"matchedByLocation\": 4", json);
        Assert.Contains("\"monthlyUsd\": 31.68", json);
        Assert.Contains("<h2 id=\"estimate-vs-actual\">", File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.html")));
    }

    /// <summary>
    /// What the usage files cannot tell is a warning that stays a warning under TreatWarningsAsErrors: a feature attribute
    /// no span carries (PB2008), a monthly budget ten minutes of spans cannot check (PB3016), spans older than 30 days (PB3017).
    /// </summary>
    [Fact]
    public void UsageThatCannotBeCheckedIsSaidInWarningsThatKeepAWarningsAsErrorsBuildGreen()
    {
        const long T0 = 1782907200_000000000L; // 2026-07-01T12:00:00Z, months before any run of this test
        const long Minute = 60_000000000L;
        var project = UserProject.Create(
            _package,
            "usage-unchecked",
            Sources.Project(extra: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors><ShopBotBudget>1</ShopBotBudget><PromptBudgetDefaultFeature>shop-bot</PromptBudgetDefaultFeature>"
                + "<PromptBudgetUsageFiles>usage.jsonl</PromptBudgetUsageFiles><PromptBudgetUsageFeatureAttribute>app.feature</PromptBudgetUsageFeatureAttribute>")
                .Replace("MaxCostPerRequestUsd=\"$(ShopBotBudget)\"", "MaxCostPerRequestUsd=\"$(ShopBotBudget)\" MaxMonthlyCostUsd=\"30\" CallsPerMonth=\"1000\""),
            "prompt_budget.feature = shop-bot\n");
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        var tagged = "{\"key\":\"app_feature\",\"value\":{\"stringValue\":\"shop-bot\"}},";
        project.Write("usage.jsonl", Line(Span(1000, 100, T0).Replace("\"attributes\":[", "\"attributes\":[" + tagged), Span(1000, 100, T0 + (10 * Minute))));

        var build = project.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning PB2008: PromptBudgetUsageFeatureAttribute is 'app.feature', but in the usage files (usage.jsonl) none of their 2 spans with usage carries it; attributes the spans do carry that look close: 'app_feature'", build.Output);
        Assert.Contains("warning PB3016: the monthly budget of feature 'shop-bot' ($30.00) is not checked against the observed spend of the usage files (PB3015): their 2 matched spans cover only 10 minutes", build.Output);
        Assert.Matches(@"usage\.jsonl : warning PB3017: the newest span of the usage file '[^']*usage\.jsonl' is from 2026-07-01, \d+ days before this build", build.Output);
        Assert.DoesNotContain("error PB", build.Output);
    }
}
