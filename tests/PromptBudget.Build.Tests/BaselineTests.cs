using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

public class BaselineTests
{
    /// <summary>Writes a baseline report of Answer ($0.10, 1,200 tokens), Classify and Old, and returns its path.</summary>
    private static string WriteBaseline(TaskFixture f)
    {
        using var before = new TaskFixture();
        before.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.10m, inputTokens: 1200));
        before.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, inputTokens: 300));
        before.Add(Sites.Record(file: "Bot/Old.cs", line: 3, member: "Support.Bot.Old()", worstCaseCostUsd: 0.02m, inputTokens: 100));
        var (result, task) = before.Run();
        Assert.True(result, before.Engine.Log());
        var path = f.TempPath("baseline.json");
        File.Copy(task.JsonReport!, path);
        return path;
    }

    [Fact]
    public void A_site_that_grew_past_the_limit_is_PB3005_at_the_site_and_the_diff_lists_added_removed_and_changed()
    {
        using var f = new TaskFixture();
        var baseline = WriteBaseline(f);
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 45, worstCaseCostUsd: 0.20m, inputTokens: 2400));
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.0525m, inputTokens: 310));
        f.Add(Sites.Record(file: "Bot/New.cs", line: 12, member: "Support.Bot.New()", worstCaseCostUsd: 0.03m, inputTokens: 200));

        var (result, _) = f.Run(t => t.Baseline = baseline);

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors);
        Assert.Equal(FindingCodes.Regression, error.Code);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), error.File);
        Assert.Equal(45, error.LineNumber);
        Assert.Contains("grew by more than 10% since the baseline: worst case $0.10 → $0.20 (+100%), input tokens 1,200 → 2,400 (+100%)", error.Message);
        Assert.Contains("update the baseline report or raise PromptBudgetMaxGrowthPercent", error.Message);

        var diff = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("baseline")!;
        Assert.Equal(new[] { "Bot/New.cs" }, diff.Get("added")!.Items.Select(s => s.GetString("file")).ToArray());
        Assert.Equal(new[] { "Bot/Old.cs" }, diff.Get("removed")!.Items.Select(s => s.GetString("file")).ToArray());
        var changed = diff.Get("changed")!.Items;
        Assert.Equal(2, changed.Count);
        Assert.Equal("Bot/Answer.cs", changed[0].GetString("file"));
        Assert.Equal("0.1", changed[0].Get("before")!.Get("worstCaseCostUsd")!.Text);
        Assert.Equal("0.2", changed[0].Get("after")!.Get("worstCaseCostUsd")!.Text);
        Assert.Equal("1200", changed[0].Get("before")!.Get(CallSiteFieldNames.InputTokens)!.Text);
        Assert.Equal("2400", changed[0].Get("after")!.Get(CallSiteFieldNames.InputTokens)!.Text);
        Assert.True(changed[0].Get("regression")!.Boolean);
        Assert.Equal("5", changed[1].Get("worstCaseCostGrowthPercent")!.Text);
        Assert.False(changed[1].Get("regression")!.Boolean);

        var markdown = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("### Since the baseline", markdown);
        Assert.Contains("1 added, 1 removed, 2 changed (1 grew by more than 10%)", markdown);
        Assert.Contains("| ✖ grew | Bot/Answer.cs:45 | gpt-4o | 1,200 → 2,400 (+100%) | $0.10 → $0.20 (+100%) |", markdown);
        Assert.Contains("| + added | Bot/New.cs:12 |", markdown);
        Assert.Contains("| − removed | Bot/Old.cs:3 |", markdown);
    }

    [Fact]
    public void Growth_of_input_tokens_alone_is_a_regression()
    {
        using var f = new TaskFixture();
        var baseline = WriteBaseline(f);
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.10m, inputTokens: 1500));

        var (result, _) = f.Run(t => t.Baseline = baseline);

        Assert.False(result);
        Assert.Contains("input tokens 1,200 → 1,500 (+25%)", Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.Regression)).Message);
    }

    [Fact]
    public void MaxGrowthPercent_raises_the_limit()
    {
        using var f = new TaskFixture();
        var baseline = WriteBaseline(f);
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.14m, inputTokens: 1600));

        var (result, _) = f.Run(t =>
        {
            t.Baseline = baseline;
            t.MaxGrowthPercent = "50";
        });

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.Errors);
    }

    [Fact]
    public void An_unchanged_build_has_no_diff()
    {
        using var f = new TaskFixture();
        var baseline = WriteBaseline(f);
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.10m, inputTokens: 1200));
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, inputTokens: 300));
        f.Add(Sites.Record(file: "Bot/Old.cs", line: 30, member: "Support.Bot.Old()", worstCaseCostUsd: 0.02m, inputTokens: 100));

        var (result, _) = f.Run(t => t.Baseline = baseline);

        Assert.True(result, f.Engine.Log());
        var diff = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("baseline")!;
        Assert.Empty(diff.Get("added")!.Items);
        Assert.Empty(diff.Get("removed")!.Items);
        Assert.Empty(diff.Get("changed")!.Items);
    }

    [Fact]
    public void FailOn_warning_makes_a_regression_a_warning()
    {
        using var f = new TaskFixture();
        var baseline = WriteBaseline(f);
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.20m));

        var (result, _) = f.Run(t =>
        {
            t.Baseline = baseline;
            t.FailOn = "warning";
        });

        Assert.True(result);
        Assert.Equal(FindingCodes.Regression, Assert.Single(f.Engine.Warnings).Code);
    }

    [Fact]
    public void A_missing_baseline_is_a_PB3006_warning()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record());

        var (result, _) = f.Run(t => t.Baseline = "reports/nope.json");

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.BaselineUnreadable, warning.Code);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "reports", "nope.json"), warning.File);
        Assert.Contains("does not exist", warning.Message);
        Assert.DoesNotContain("\"baseline\"", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void An_unreadable_baseline_is_a_PB3006_warning_even_under_FailOn_none()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record());
        var path = f.TempPath("broken.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1,\n \"callSites\": [ { \"id\": ");

        var (result, _) = f.Run(t =>
        {
            t.Baseline = path;
            t.FailOn = "none";
        });

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.BaselineUnreadable, warning.Code);
        Assert.Equal(path, warning.File);
        Assert.Equal(2, warning.LineNumber);
    }

    [Fact]
    public void A_baseline_of_another_schema_is_a_PB3006_warning()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record());
        var path = f.TempPath("other.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 7, \"callSites\": [] }");

        f.Run(t => t.Baseline = path);

        var message = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.BaselineUnreadable)).Message;
        Assert.Contains("schema version 7", message);
        Assert.Contains($"reads schema versions 1 to {JsonReportWriter.SchemaVersion}", message);
    }
}
