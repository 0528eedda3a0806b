using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;
using static PromptBudget.Build.Tests.Infrastructure.OtlpLines;

namespace PromptBudget.Build.Tests;

/// <summary>
/// The comparison beyond tokens: observed cost from the estimates' price table, matching by feature attribute,
/// PB3014 (max output far above the observed 99th percentile), PB3015 (observed spend over a monthly budget)
/// and the HTML section. Prices come from a price file of the test's own, so every amount is hand-computed.
/// </summary>
public class UsageComparisonTests
{
    // $2 / $10 per million input / output tokens, cache read $0.50, cache write $2.50, reasoning $20.
    private const string Prices = "{\"test-model\": {\"input_cost_per_token\": 0.000002, \"output_cost_per_token\": 0.00001, "
        + "\"cache_read_input_token_cost\": 0.0000005, \"cache_creation_input_token_cost\": 0.0000025, \"output_cost_per_reasoning_token\": 0.00002, "
        + "\"litellm_provider\": \"openai\", \"mode\": \"chat\"}}";

    private static TaskFixture Shop()
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, model: "test-model", feature: "support-bot"));
        f.Add(Sites.Record(file: "Bot/Summary.cs", line: 10, model: "test-model", feature: "summaries", member: "Support.Bot.Summarize()"));
        File.WriteAllText(Path.Combine(f.ProjectDirectory, "promptbudget.prices.json"), Prices);
        return f;
    }

    private static void Usage(TaskFixture f, params string[] lines) =>
        File.WriteAllLines(Path.Combine(f.ProjectDirectory, "usage.jsonl"), lines);

    private static void Configure(TaskFixture f, Microsoft.Build.Utilities.Task task)
    {
        var t = (PromptBudgetReport)task;
        t.UsageFiles = "usage.jsonl";
        t.PriceFiles = new ITaskItem[] { new TaskItem(Path.Combine(f.ProjectDirectory, "promptbudget.prices.json")), new TaskItem(Path.Combine(f.ProjectDirectory, "other.json")) };
    }

    [Fact]
    public void Observed_cost_prices_cache_reads_cache_writes_and_reasoning_apart_with_the_project_price_file()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", input: 1000, output: 300, file: "/app/Bot/Answer.cs", line: 41, cacheRead: 400, cacheWrite: 100, reasoning: 200)));

        var (result, _) = f.Run(t => Configure(f, t));

        Assert.True(result, f.Engine.Log());
        var json = f.ReadReport(JsonReportWriter.FileName);

        // 500 plain input × $2/M + 400 cache reads × $0.50/M + 100 cache writes × $2.50/M
        // + 100 plain output × $10/M + 200 reasoning × $20/M = 0.001 + 0.0002 + 0.00025 + 0.001 + 0.004.
        Assert.Contains("\"observedCostUsd\": 0.00645", json);
        Assert.Contains("\"cacheReadShare\": 0.4", json);
        Assert.Contains("\"reasoningOutputTokens\": 200", json);
        Assert.Contains("\"observedUsd\": 0.00645", json);
        var md = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("| 40% | 200 | $0.00645 |", md);
    }

    [Fact]
    public void Spans_without_location_match_a_feature_by_the_named_attribute_and_each_level_is_counted()
    {
        using var f = Shop();
        Usage(
            f,
            Line(
                Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 42),
                Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41),
                Span("test-model", 1000, 100, feature: "summaries"),
                Span("test-model", 1000, 100, feature: "Summaries"),
                Span("gpt-4.1", 1000, 100, feature: "summaries"),
                Span("test-model", 1000, 100, feature: "not-a-feature"),
                Span("other-model", 10, 1)));

        f.Run(t => { Configure(f, t); ((PromptBudgetReport)t).UsageFeatureAttribute = "app.feature"; });

        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"featureAttribute\": \"app.feature\"", json);
        Assert.Contains("\"matchedByLocation\": 2", json);
        Assert.Contains("\"matchedByFeature\": 3", json);
        Assert.Contains("\"matchedByModel\": 1", json);
        Assert.Contains("\"unmatched\": 1", json);
        Assert.Contains("\"matchedBy\": \"feature\"", json);
        Assert.Contains("\"feature\": \"summaries\"", json);

        // gpt-4.1 under the summaries feature is drift against the feature's calls.
        var drift = f.Engine.WarningsWithCode(FindingCodes.UsageModelDrift).ToList();
        Assert.Contains(drift, d => d.Message!.Contains("spans with app.feature='summaries' report gpt-4.1 (1 spans)") && d.LineNumber == 10);

        // Without the attribute the same spans fall back to the model.
        f.Run(t => Configure(f, t));
        json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"matchedByFeature\": 0", json);
        Assert.Contains("\"matchedByModel\": 3", json);
        Assert.Contains("\"unmatched\": 2", json);
    }

    /// <summary>Three summaries spans of $0.003 (1,000 in × $2/M + 100 out × $10/M) and three more elsewhere over exactly two hours.</summary>
    private static void TwoHoursOfTraffic(TaskFixture f, long lastEnd = T0 + (2 * Hour)) =>
        Usage(
            f,
            Line(
                Span("test-model", 1000, 100, feature: "summaries", start: T0),
                Span("test-model", 1000, 100, feature: "summaries", start: (T0 + lastEnd) / 2),
                Span("test-model", 1000, 100, feature: "summaries", start: lastEnd - 1000, end: lastEnd),
                Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0 + 10),
                Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0 + 20),
                Span("test-model", 1000, 100, feature: "nobody", start: T0 + 30)));

    [Fact]
    public void Observed_spend_projected_over_a_month_beyond_a_feature_monthly_budget_is_PB3015_under_FailOn()
    {
        using var f = Shop();
        TwoHoursOfTraffic(f);

        var (result, _) = f.Run(t =>
        {
            Configure(f, t);
            var task = (PromptBudgetReport)t;
            task.UsageFeatureAttribute = "app.feature";
            task.Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "3") };
            task.ProjectMaxMonthlyCostUsd = "7";
        });

        // summaries: 3 × $0.003 = $0.009 in 2 hours; × (30 days / 2 hours = 360) = $3.24 > $3.
        // Project: 6 × $0.003 = $0.018 → $6.48, under its $7.
        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors, e => e.Code == FindingCodes.UsageSpendOverMonthlyBudget);
        Assert.Contains("feature 'summaries': the usage files show $0.009 spent by 3 spans in 2 hours", error.Message);
        Assert.Contains("a 30-day month costs $3.24, over its monthly budget of $3.00 by $0.24", error.Message);
        Assert.Equal(10, error.LineNumber);
        var md = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("$6.48 per 30-day month at that rate (project budget $7.00)", md);
        Assert.Contains("summaries $3.24 of $3.00 (over: PB3015)", md);

        f.Run(t =>
        {
            Configure(f, t);
            var task = (PromptBudgetReport)t;
            task.UsageFeatureAttribute = "app.feature";
            task.ProjectMaxMonthlyCostUsd = "6";
            task.FailOn = "warning";
        });
        Assert.Empty(f.Engine.Errors);
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageSpendOverMonthlyBudget));
        Assert.Contains("project 'Shop'", warning.Message);
        Assert.Contains("$6.48, over its monthly budget of $6.00 by $0.48", warning.Message);
    }

    [Fact]
    public void Less_than_an_hour_of_spans_is_not_projected()
    {
        using var f = Shop();
        TwoHoursOfTraffic(f, lastEnd: T0 + (Hour / 2));

        var (result, _) = f.Run(t =>
        {
            Configure(f, t);
            ((PromptBudgetReport)t).Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "0.01") };
        });

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageSpendOverMonthlyBudget));
        Assert.Contains("in 30 minutes: less than 1 hour, too short to project over a month.", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Theory]
    [InlineData(120, true)]
    [InlineData(99, false)]
    public void Max_output_far_above_the_observed_99th_percentile_is_PB3014_with_a_suggested_value(int requests, bool expected)
    {
        using var f = new TaskFixture();
        var record = Sites.Record(file: "Bot/Answer.cs", line: 41, model: "test-model");
        record.MaxOutputTokens = 4096;
        f.Add(record);
        File.WriteAllText(Path.Combine(f.ProjectDirectory, "promptbudget.prices.json"), Prices);

        // Outputs 2, 4, …, 2n: with n = 120 the 99th percentile (nearest rank 119) is 238; 4 × 238 < 4,096;
        // suggested: max(2 × 238, 240) = 476, rounded up to 64 → 512.
        Usage(f, Line(Enumerable.Range(1, requests).Select(i => Span("test-model", 500, 2 * i, file: "/app/Bot/Answer.cs", line: 41))));

        f.Run(t => Configure(f, t));

        var advice = f.Engine.WarningsWithCode(FindingCodes.UsageMaxOutputFarAboveObserved).ToList();
        if (!expected)
        {
            Assert.Empty(advice);
            return;
        }

        var warning = Assert.Single(advice);
        Assert.Equal(41, warning.LineNumber);
        Assert.Contains("allows 4,096 output tokens, more than 4× the 238 tokens that 99% of its 120 observed responses stayed within (largest 240)", warning.Message);
        Assert.Contains("set max output tokens to 512", warning.Message);
        Assert.Contains("\"suggested\": 512", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void The_html_report_has_a_chart_per_row_marking_what_beat_the_worst_case_and_no_section_without_usage()
    {
        using var f = Shop();
        f.Run();
        Assert.DoesNotContain("Estimate vs actual", f.ReadReport(HtmlReportWriter.FileName));

        // Answer.cs: input 1,500 beats its worst case of 1,200; Summary.cs stays within.
        Usage(
            f,
            Line(
                Span("test-model", 1500, 100, file: "/app/Bot/Answer.cs", line: 41),
                Span("test-model", 800, 100, file: "/app/Bot/Answer.cs", line: 41),
                Span("test-model", 300, 50, file: "/app/Bot/Summary.cs", line: 10)));
        f.Run(t => Configure(f, t));

        var html = f.ReadReport(HtmlReportWriter.FileName);
        Assert.Contains("<h2 id=\"estimate-vs-actual\">Estimate vs actual</h2>", html);
        Assert.Equal(2, CountOf(html, "<svg class=\"chart usage\""));
        var answer = html.Substring(html.IndexOf("<h3>Bot/Answer.cs(41)", System.StringComparison.Ordinal));
        answer = answer.Substring(0, answer.IndexOf("</svg>", System.StringComparison.Ordinal));
        Assert.Contains("<g class=\"worst\"><title>input worst case: 1,200 tokens</title>", answer);
        Assert.Contains("<g class=\"above\"><title>input max seen: 1,500 tokens (above)</title>", answer);
        Assert.Contains("<g class=\"seen\"><title>output max seen: 100 tokens</title>", answer);
        Assert.Contains("<tr class=\"over\"><td>Bot/Answer.cs(41)</td>", html);
    }

    [Fact]
    public void A_glob_that_matches_no_file_is_PB2006_and_the_section_says_no_spans()
    {
        using var f = Shop();

        var (result, _) = f.Run(t => { ((PromptBudgetReport)t).UsageFilePatterns = "usage/*.jsonl"; });

        Assert.True(result, f.Engine.Log());
        var problem = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageFileUnreadable));
        Assert.Contains("'" + Path.Combine(f.ProjectDirectory, "usage/*.jsonl") + "' cannot be used (no file matches it)", problem.Message);
        Assert.Contains("\"files\": [\n      \"usage/*.jsonl\"\n    ],\n    \"spans\": 0,", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void A_glob_that_matches_no_file_is_PB2006_even_when_another_entry_matched_and_a_file_named_twice_is_read_once()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", input: 1000, output: 300, file: "/app/Bot/Answer.cs", line: 41)));

        var (result, _) = f.Run(t =>
        {
            Configure(f, t);
            var task = (PromptBudgetReport)t;
            task.UsageFilePatterns = "usage*.jsonl;traces/*.jsonl";
            task.UsageFiles = "usage.jsonl;" + Path.Combine(f.ProjectDirectory, "usage.jsonl");
        });

        Assert.True(result, f.Engine.Log());
        var problem = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageFileUnreadable));
        Assert.Contains("'" + Path.Combine(f.ProjectDirectory, "traces/*.jsonl") + "' cannot be used (no file matches it)", problem.Message);
        Assert.Contains("\"spans\": 1,", f.ReadReport(JsonReportWriter.FileName));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
