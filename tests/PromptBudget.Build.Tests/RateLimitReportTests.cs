using System.Linq;
using System.Text.RegularExpressions;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using Xunit;
using static PromptBudget.Build.Tests.RateLimitTests;

namespace PromptBudget.Build.Tests;

/// <summary>
/// The "Rate limits" section of promptbudget.md, .html and .json. One project, worked out by hand:
/// <list type="bullet">
/// <item>claude-sonnet-4* pools claude-sonnet-4-5 (support-bot, 10/min, 1 call, 1,000 in of which 800 cacheable, 500 out) and
/// claude-sonnet-4 (triage, 5/min, 2 calls, 2,000 in, 300 out).
/// RPM 10×1 + 5×2 = 20 of 24 (83.3%); ITPM 10×1,000 + 5×2×2,000 = 30,000 of 40,000 (75%), with the prefix cached
/// 10×200 + 20,000 = 22,000; OTPM 10×500 + 5×2×300 = 8,000 of 6,000 (133.3%).</item>
/// <item>gpt-4o-mini: one support-bot call, 600 in + 400 out: 10 × 1,000 = 10,000 of TPM 100,000 (10%).</item>
/// <item>gemini-2* matches no call.</item>
/// </list>
/// </summary>
public class RateLimitReportTests
{
    private static TaskFixture Project()
    {
        var f = new TaskFixture();
        var sonnet45 = Call("claude-sonnet-4-5", input: 1_000, output: 500, feature: "support-bot");
        sonnet45.CacheablePrefixTokens = 800;
        f.Add(sonnet45);
        f.Add(Call("claude-sonnet-4", input: 2_000, output: 300, feature: "triage", file: "Bot/Triage.cs", line: 7, member: "Support.Bot.TriageAsync(string)", calls: 2m));
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: "support-bot", file: "Bot/Summary.cs", line: 3, member: "Support.Bot.Summarize()"));
        f.Run(t =>
        {
            t.FailOn = "warning";
            t.Features = new[] { Feature("support-bot", "10"), Feature("triage", "5") };
            t.RateLimits = new[]
            {
                Limit("claude-sonnet-4*", rpm: "24", inputTpm: "40000", outputTpm: "6000"),
                Limit("gpt-4o-mini", tpm: "100000"),
                Limit("gemini-2*", rpm: "10"),
            };
        });
        return f;
    }

    [Fact]
    public void Markdown_has_one_row_per_pool_with_each_limit_its_peak_and_percentage_and_the_assumptions()
    {
        using var f = Project();
        var md = f.ReadReport(MarkdownReportWriter.FileName);

        Assert.Contains("### Rate limits\n\nPeak worst case per minute = the sum over features of peak requests per minute × model calls per request", md);
        Assert.Contains("| Status | Model or pool | Prompts | RPM | TPM | ITPM | OTPM | Assumed |\n|---|---|--:|---|---|---|---|---|\n", md);
        var rows = md.Split('\n').Where(l => l.StartsWith("| ") && l.Contains("requests/min")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            "| ✖ over | claude-sonnet-4\\* (claude-sonnet-4, claude-sonnet-4-5) | 2 | 20 of 24 (83.3%) | — | 30,000 of 40,000 (75%); 22,000 if the cacheable prefix is read from the cache | 8,000 of 6,000 (133.3%) "
            + "| peak: support-bot 10 requests/min (PeakRequestsPerMinute of PromptBudgetFeature 'support-bot', assumed); triage 5 requests/min (PeakRequestsPerMinute of PromptBudgetFeature 'triage', assumed); "
            + "×1 at Bot/Answer.cs(41) (prompt\\_budget.calls\\_per\\_request, assumed); ×2 at Bot/Triage.cs(7) (prompt\\_budget.calls\\_per\\_request, assumed) |",
            rows[0]);
        Assert.Equal(
            "| ✓ ok | gpt-4o-mini | 1 | — | 10,000 of 100,000 (10%) | — | — "
            + "| peak: support-bot 10 requests/min (PeakRequestsPerMinute of PromptBudgetFeature 'support-bot', assumed); ×1 model call per request at each call (prompt\\_budget.calls\\_per\\_request, assumed) |",
            rows[1]);
        Assert.Contains("Limits that match no call (PB2007): gemini-2\\*.", md);
    }

    [Fact]
    public void Json_has_each_pool_limit_with_peak_percent_level_and_the_assumed_numbers()
    {
        using var f = Project();
        var json = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName));
        var rateLimits = json.Get("rateLimits")!;
        Assert.Equal(80m, rateLimits.Get("nearPercent")!.Dec());
        Assert.Null(rateLimits.Get("projectPeakRequestsPerMinute")!.Kind == JsonKind.Null ? (decimal?)null : 0m);
        var pools = rateLimits.Get("pools")!.Items;
        Assert.Equal(new[] { "claude-sonnet-4*", "gpt-4o-mini" }, pools.Select(p => p.Get("models")!.Text).ToArray());

        var sonnet = pools[0];
        Assert.True(sonnet.Get("pattern")!.Boolean);
        Assert.Equal("over", sonnet.Get("level")!.Text);
        Assert.Equal(new[] { "claude-sonnet-4", "claude-sonnet-4-5" }, sonnet.Get("modelsCalled")!.Items.Select(m => m.Text).ToArray());
        var limits = sonnet.Get("limits")!.Items;
        Assert.Equal(new[] { "RPM", "ITPM", "OTPM" }, limits.Select(l => l.Get("kind")!.Text).ToArray());
        Assert.Equal(new[] { 20m, 30_000m, 8_000m }, limits.Select(l => l.Get("peakPerMinute")!.Dec()).ToArray());
        Assert.Equal(new[] { 83.33m, 75m, 133.33m }, limits.Select(l => l.Get("percent")!.Dec()).ToArray());
        Assert.Equal(new[] { "warning", "ok", "over" }, limits.Select(l => l.Get("level")!.Text).ToArray());
        Assert.Equal(22_000m, limits[1].Get("peakPerMinuteIfCached")!.Dec());
        Assert.Equal(new[] { 10m, 5m }, sonnet.Get("assumed")!.Get("peakRequestsPerMinute")!.Items.Select(p => p.Get("requestsPerMinute")!.Dec()).ToArray());
        Assert.Equal(new[] { 1m, 2m }, sonnet.Get("assumed")!.Get("callsPerRequest")!.Items.Select(p => p.Get("calls")!.Dec()).ToArray());

        var mini = pools[1];
        Assert.Equal(10m, Assert.Single(mini.Get("limits")!.Items).Get("percent")!.Dec());
        Assert.Equal(new[] { "gemini-2*" }, rateLimits.Get("unmatched")!.Items.Select(u => u.Text).ToArray());
    }

    [Fact]
    public void Html_draws_one_bar_per_pool_at_its_tightest_limit_with_the_limit_line()
    {
        using var f = Project();
        var html = f.ReadReport(HtmlReportWriter.FileName);

        var chart = Regex.Match(html, "<svg class=\"chart rate-limits\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(chart);
        Assert.Equal(2, Regex.Matches(chart, "<rect ").Count);
        Assert.Single(Regex.Matches(chart, "<line class=\"limit\""));
        Assert.Single(Regex.Matches(chart, "<line class=\"near\""));

        // Scale: max(125%, 133.3% × 1.05 = 140%) over a 310-px bar area starting at x=300; the limit at 300 + 100/140 × 310 = 521.4.
        Assert.Contains("<line class=\"limit\" x1=\"521.4\"", chart);
        Assert.Contains("<g class=\"over\"><title>claude-sonnet-4* (claude-sonnet-4, claude-sonnet-4-5) — 20 requests per minute, 83.3% of RPM 24;", chart);
        Assert.Contains(">OTPM 133.3%</text>", chart);
        Assert.Contains(">TPM 10%</text>", chart);

        // The table escapes and marks its assumptions like the Markdown one.
        Assert.Contains("<table id=\"rate-limits\">", html);
        Assert.Contains("<td>20 of 24 (83.3%)</td>", html);
        Assert.Contains("(PeakRequestsPerMinute of PromptBudgetFeature &#39;support-bot&#39;, assumed)", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }
}

internal static class JsonValueNumbers
{
    public static decimal Dec(this JsonValue value) => decimal.Parse(value.Text!, System.Globalization.CultureInfo.InvariantCulture);
}
