using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using Xunit;

namespace PromptBudget.Build.Tests;

public class BudgetTests
{
    /// <summary>support-bot: $0.31 + $0.06 + $0.05 = $0.42 per request; the largest at Bot/Answer.cs(41).</summary>
    private static TaskFixture SupportBot()
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini"));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.31m));
        f.Add(Sites.Record(file: "Bot/Summarize.cs", line: 10, member: "Support.Bot.SummarizeAsync(string)", worstCaseCostUsd: 0.06m));
        return f;
    }

    [Fact]
    public void A_feature_over_its_budget_per_request_is_PB3001_at_the_largest_site()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Equal(FindingCodes.FeatureBudgetExceeded, error.Code);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), error.File);
        Assert.Equal(41, error.LineNumber);
        Assert.Equal(9, error.ColumnNumber);
        Assert.Equal(
            "feature 'support-bot' worst case $0.42 per request exceeds its budget of $0.25 by $0.17 (3 prompts; largest: Bot/Answer.cs(41) gpt-4o $0.31). "
            + "Lower max output tokens or shorten the prompts, or raise MaxCostPerRequestUsd of PromptBudgetFeature 'support-bot'.",
            error.Message);
        Assert.Empty(f.Engine.Warnings);

        var feature = Feature(f, "support-bot");
        Assert.Equal("0.42", feature.Get("perRequestUsd")!.Text);
        Assert.True(feature.Get("overPerRequest")!.Boolean);
        Assert.Equal("3", feature.Get("sites")!.Text);
        Assert.Equal("0.25", feature.Get("budgets")!.Get("maxCostPerRequestUsd")!.Text);
    }

    [Fact]
    public void A_feature_under_its_budget_logs_nothing()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.50", callsPerMonth: "10000", maxMonthlyCostUsd: "5000") });

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.Errors);
        Assert.Empty(f.Engine.Warnings);
        var feature = Feature(f, "support-bot");
        Assert.False(feature.Get("overPerRequest")!.Boolean);
        Assert.Equal("4200", feature.Get("monthlyUsd")!.Text);
    }

    [Fact]
    public void Feature_items_match_sites_ignoring_case()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("Support-Bot", maxCostPerRequestUsd: "0.25") });

        Assert.False(result);
        Assert.Contains("feature 'support-bot'", Assert.Single(f.Engine.Errors).Message);
    }

    [Fact]
    public void A_feature_over_its_monthly_budget_is_PB3002()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", callsPerMonth: "100000", maxMonthlyCostUsd: "5000") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Equal(FindingCodes.FeatureMonthlyBudgetExceeded, error.Code);
        Assert.Equal(41, error.LineNumber);
        Assert.Contains("projected monthly worst case $42,000.00 ($0.42 per request × 100,000 calls per month) exceeds its monthly budget of $5,000.00 by $37,000.00", error.Message);
        Assert.Contains("raise MaxMonthlyCostUsd (or lower CallsPerMonth) of PromptBudgetFeature 'support-bot'", error.Message);
        Assert.True(Feature(f, "support-bot").Get("overMonthly")!.Boolean);
    }

    [Fact]
    public void Calls_per_request_weigh_a_site()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(worstCaseCostUsd: 0.10m, callsPerRequest: 3m));

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Contains("worst case $0.30 per request exceeds its budget of $0.25 by $0.05", error.Message);
        Assert.Contains("gpt-4o $0.10 × 3 calls per request", error.Message);
    }

    [Fact]
    public void The_project_budget_is_PB3003()
    {
        using var f = SupportBot();
        f.Add(Sites.Record(file: "Search/Rank.cs", line: 20, member: "Search.Rank()", feature: null, worstCaseCostUsd: 0.40m));

        var (result, _) = f.Run(t =>
        {
            t.ProjectMaxCostPerRequestUsd = "0.50";
            t.ProjectCallsPerMonth = "1000";
            t.ProjectMaxMonthlyCostUsd = "100";
        });

        Assert.False(result);
        var errors = f.Engine.ErrorsWithCode(FindingCodes.ProjectBudgetExceeded).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(Path.Combine(f.ProjectDirectory, "Search", "Rank.cs"), e.File));
        Assert.All(errors, e => Assert.Equal(20, e.LineNumber));
        Assert.Contains("project 'Shop' worst case $0.82 per request across all its prompts exceeds its budget of $0.50 by $0.32 (4 prompts; largest: Search/Rank.cs(20) gpt-4o $0.40)", errors[0].Message);
        Assert.Contains("raise PromptBudgetProjectMaxCostPerRequest.", errors[0].Message);
        Assert.Contains("$820.00 ($0.82 per request × 1,000 calls per month) exceeds its monthly budget of $100.00 by $720.00", errors[1].Message);

        var totals = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("totals")!;
        Assert.Equal("0.82", totals.Get("perRequestUsd")!.Text);
        Assert.Equal("820", totals.Get("monthlyUsd")!.Text);
        Assert.True(totals.Get("overPerRequest")!.Boolean);
        Assert.True(totals.Get("overMonthly")!.Boolean);
        Assert.Equal("0.4", Feature(f, "(none)").Get("perRequestUsd")!.Text);
    }

    [Fact]
    public void FailOn_warning_logs_warnings_and_the_build_passes()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t =>
        {
            t.FailOn = "warning";
            t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") };
        });

        Assert.True(result);
        Assert.Empty(f.Engine.Errors);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.FeatureBudgetExceeded, warning.Code);
        Assert.Equal(41, warning.LineNumber);
    }

    [Fact]
    public void FailOn_none_logs_nothing_but_still_writes_the_reports()
    {
        using var f = SupportBot();

        var (result, task) = f.Run(t =>
        {
            t.FailOn = "none";
            t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") };
            t.ProjectMaxCostPerRequestUsd = "0.01";
        });

        Assert.True(result);
        Assert.Empty(f.Engine.Errors);
        Assert.Empty(f.Engine.Warnings);
        Assert.True(File.Exists(task.JsonReport));
        Assert.True(Feature(f, "support-bot").Get("overPerRequest")!.Boolean);
        Assert.Contains("PB3001", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void An_unknown_cost_makes_the_total_incomplete_and_is_never_counted_as_zero()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.30m));
        f.Add(Sites.Record(file: "Bot/Mystery.cs", line: 9, member: "Support.Bot.Mystery()", worstCaseCostUsd: null, model: "my-finetune"));

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Contains("worst case of at least $0.30 per request exceeds its budget of $0.25 by at least $0.05 (2 prompts, 1 of them has no known cost; largest: Bot/Answer.cs(41)", error.Message);
        var feature = Feature(f, "support-bot");
        Assert.True(feature.Get("incomplete")!.Boolean);
        Assert.Equal("1", feature.Get("unknownCostSites")!.Text);
        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"complete\": false", json);
        Assert.Contains("incomplete", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void A_budget_that_an_unknown_cost_keeps_from_being_checked_is_PB3004_at_that_site()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.10m));
        f.Add(Sites.Record(file: "Bot/Mystery.cs", line: 9, member: "Support.Bot.Mystery()", worstCaseCostUsd: null, model: "my-finetune"));

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") });

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Mystery.cs"), warning.File);
        Assert.Equal(9, warning.LineNumber);
        Assert.Contains("feature 'support-bot' cannot be checked against its budget per request: 1 of its 2 prompts has no known worst-case cost (first: Bot/Mystery.cs(9), model 'my-finetune' has no known price), and the others come to $0.10 per request", warning.Message);
    }

    [Fact]
    public void A_budget_written_with_a_decimal_comma_fails_the_build_instead_of_going_unchecked()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0,25") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Equal(FindingCodes.ReportIncomplete, error.Code);
        Assert.Contains("MaxCostPerRequestUsd of PromptBudgetFeature 'support-bot' is '0,25'", error.Message);
        Assert.Contains("that budget is not checked", error.Message);

        var (warned, _) = f.Run(t => { t.FailOn = "warning"; t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0,25") }; });
        Assert.True(warned);
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete));
    }

    [Fact]
    public void A_monthly_budget_without_calls_per_month_is_a_PB3004_warning()
    {
        using var f = SupportBot();

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxMonthlyCostUsd: "100") });

        Assert.True(result);
        Assert.Contains("Set CallsPerMonth of PromptBudgetFeature 'support-bot'", Assert.Single(f.Engine.Warnings).Message);
    }

    [Fact]
    public void A_configured_feature_without_prompts_is_listed()
    {
        using var f = SupportBot();

        f.Run(t => t.Features = new[] { TaskFixture.Feature("billing", maxCostPerRequestUsd: "1") });

        var billing = Feature(f, "billing");
        Assert.Equal("0", billing.Get("sites")!.Text);
        Assert.False(billing.Get("overPerRequest")!.Boolean);
    }

    private static JsonValue Feature(TaskFixture f, string name) =>
        JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("features")!.Items.Single(x => x.GetString("name") == name);
}
