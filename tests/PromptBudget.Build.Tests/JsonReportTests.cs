using System.IO;
using System.Linq;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

public class JsonReportTests
{
    private static readonly CallSiteRecord[] Records =
    {
        Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.31m, preview: "You are <b>helpful</b> & \"kind\""),
        Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini"),
        Sites.Record(file: "Search/Rank.cs", line: 20, member: "Search.Rank()", feature: null, worstCaseCostUsd: null, model: null),
        Sites.Record(file: "Bot/Answer.cs", line: 41, ordinal: 1, worstCaseCostUsd: 0.02m),
    };

    [Fact]
    public void The_same_input_gives_the_same_bytes_whatever_the_log_order()
    {
        var first = Run(Records);
        var again = Run(Records);
        var reversed = Run(Records.Reverse().ToArray());

        Assert.Equal(first, again);
        Assert.Equal(first, reversed);
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("}\n", first);
        Assert.StartsWith("{\n  \"schemaVersion\": 2,\n", first);
    }

    [Fact]
    public void Call_sites_carry_the_required_fields()
    {
        var root = JsonReader.Parse(Run(Records));

        Assert.Equal("Shop", root.GetString("project"));
        Assert.Equal("net8.0", root.GetString("targetFramework"));
        Assert.Equal("2026-07-24", root.GetString("priceTableDate"));
        var site = root.Get("callSites")!.Items[0];
        var names = site.Members.Select(m => m.Key).ToList();
        // Every record field once, under the payload's name, between the id and the status: no aliases.
        var expected = new[] { JsonReportWriter.IdName }.Concat(CallSiteFields.All.Select(x => x.Name)).Append("status");
        Assert.Equal(expected, names);
        foreach (var genAi in new[] { "gen_ai.request.model", "gen_ai.request.max_tokens", "gen_ai.usage.input_tokens", "gen_ai.usage.reasoning.output_tokens" })
        {
            Assert.Contains(genAi, names);
        }

        Assert.Equal("You are <b>helpful</b> & \"kind\"", site.GetString("preview"));
        Assert.Equal("support-bot", site.GetString("feature"));
        var unknown = root.Get("callSites")!.Items.Single(s => s.GetString("file") == "Search/Rank.cs");
        Assert.Equal(JsonKind.Null, unknown.Get("worstCaseCostUsd")!.Kind);
        Assert.Equal("(none)", unknown.GetString("feature"));
        Assert.Equal("warning", unknown.GetString("status"));

        var feature = root.Get("features")!.Items[0];
        foreach (var required in new[] { "name", "sites", "perRequestUsd", "monthlyUsd", "budgets", "overPerRequest", "overMonthly", "incomplete" })
        {
            Assert.NotNull(feature.Get(required));
        }

        Assert.Equal(new[] { "(none)", "support-bot" }, root.Get("features")!.Items.Select(x => x.GetString("name")).ToArray());
        var totals = root.Get("totals")!;
        Assert.Equal("0.38", totals.Get("perRequestUsd")!.Text);
        Assert.True(totals.Get("incomplete")!.Boolean);
        Assert.Equal("1", totals.Get("unknownCostSites")!.Text);
    }

    [Fact]
    public void Violations_are_listed()
    {
        var record = Sites.Record();
        record.Violations.Add(new ViolationRecord { Kind = "cost-per-call", Limit = 0.05m, Actual = 0.10m, Unit = "usd" });

        var site = JsonReader.Parse(Run(new[] { record })).Get("callSites")!.Items[0];

        var violation = Assert.Single(site.Get("violations")!.Items);
        Assert.Equal("cost-per-call", violation.GetString("kind"));
        Assert.Equal("0.05", violation.Get("limit")!.Text);
        Assert.Equal("over", site.GetString("status"));
    }

    [Fact]
    public void RedactPrompts_leaves_the_previews_empty()
    {
        var json = Run(Records, redact: true);

        Assert.DoesNotContain("helpful", json);
        Assert.DoesNotContain("support bot", json);
        Assert.Contains("\"redacted\": true", json);
        Assert.All(JsonReader.Parse(json).Get("callSites")!.Items, s => Assert.Equal("", s.GetString("preview")));
    }

    [Fact]
    public void Reports_are_copied_to_the_project_folder_of_the_report_directory_beside_the_combined_ones()
    {
        using var f = new TaskFixture();
        f.Add(Records[0]);
        var copies = f.TempPath("artifacts", "promptbudget");

        var (result, task) = f.Run(t => t.ReportDirectory = copies);

        Assert.True(result);
        Assert.Equal(9, task.ReportFiles.Length);
        foreach (var name in new[] { JsonReportWriter.FileName, MarkdownReportWriter.FileName, HtmlReportWriter.FileName })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(f.IntermediateDirectory, name)), File.ReadAllText(Path.Combine(copies, "Shop", "net8.0", name)));
            Assert.True(File.Exists(Path.Combine(copies, name)), "the combined " + name);
        }
    }

    [Fact]
    public void An_unchanged_report_is_not_rewritten()
    {
        using var f = new TaskFixture();
        f.Add(Records[0]);
        var (_, task) = f.Run();
        var stamp = new System.DateTime(2020, 1, 1, 0, 0, 0, System.DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(task.JsonReport!, stamp);

        f.Run();

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(task.JsonReport!));
    }

    private static string Run(CallSiteRecord[] records, bool redact = false)
    {
        using var f = new TaskFixture();
        foreach (var record in records)
        {
            f.Add(record);
        }

        // FailOn=warning: a record over a per-call budget would otherwise fail the run (PB3008); the report is what is tested here.
        var (result, _) = f.Run(t => { t.RedactPrompts = redact; t.FailOn = "warning"; });
        Assert.True(result, f.Engine.Log());
        return f.ReadReport(JsonReportWriter.FileName);
    }
}
