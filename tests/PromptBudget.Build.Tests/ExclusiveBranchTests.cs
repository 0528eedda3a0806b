using System.Linq;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>Issue 18 item 5: calls in mutually exclusive branches of one member add their largest arm, not their sum.</summary>
public class ExclusiveBranchTests
{
    private const string Member = "Support.Bot.AnswerAsync(string)";

    private static CallSiteRecord At(int ordinal, decimal cost, string? branch, string member = Member, string file = "Bot/Answer.cs")
    {
        var record = Sites.Record(file: file, line: 10 + ordinal, member: member, ordinal: ordinal, worstCaseCostUsd: cost);
        record.Branch = branch;
        return record;
    }

    private static JsonValue Feature(TaskFixture f) =>
        JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("features")!.Items.Single(x => x.GetString("name") == "support-bot");

    private static JsonValue Project(TaskFixture f) => JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("totals")!;

    [Fact]
    public void If_and_else_give_the_larger_arm_not_the_sum()
    {
        using var f = new TaskFixture();
        f.Add(At(0, 0.30m, "if#0:0"));
        f.Add(At(1, 0.10m, "if#0:1"));
        f.Add(At(2, 0.05m, null));

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.40") });

        Assert.True(result, f.Engine.Log());
        var feature = Feature(f);
        Assert.Equal("0.35", feature.Get("perRequestUsd")!.Text);
        Assert.Equal("sum; max of 2 branches in " + Member, feature.GetString("formedBy"));
        Assert.Equal("3", feature.Get("sites")!.Text);
        Assert.Contains("$0.35 (max of 2 branches in " + Member + ")", f.ReadReport(MarkdownReportWriter.FileName));
        Assert.Contains("max of 2 branches in " + Member, f.ReadReport(HtmlReportWriter.FileName));
    }

    [Fact]
    public void Nested_branches_take_the_largest_arm_at_every_level()
    {
        using var f = new TaskFixture();
        // if (a) { A 0.10; if (b) B 0.25 else C 0.05 } else { switch: D 0.20 | E 0.40 }
        f.Add(At(0, 0.10m, "if#0:0"));
        f.Add(At(1, 0.25m, "if#0:0/if#1:0"));
        f.Add(At(2, 0.05m, "if#0:0/if#1:1"));
        f.Add(At(3, 0.20m, "if#0:1/switch#0:0"));
        f.Add(At(4, 0.40m, "if#0:1/switch#0:1"));

        f.Run();

        // then-arm: 0.10 + max(0.25, 0.05) = 0.35; else-arm: max(0.20, 0.40) = 0.40; the request: 0.40.
        Assert.Equal("0.4", Feature(f).Get("perRequestUsd")!.Text);
        Assert.Equal(
            "sum; max of 2 branches in " + Member + "; max of 2 branches in " + Member + "; max of 2 branches in " + Member,
            Feature(f).GetString("formedBy"));
    }

    [Fact]
    public void The_same_branch_path_in_another_member_or_file_is_independent()
    {
        using var f = new TaskFixture();
        f.Add(At(0, 0.30m, "if#0:0"));
        f.Add(At(1, 0.10m, "if#0:1", member: "Support.Bot.OtherAsync(string)"));
        f.Add(At(2, 0.20m, "if#0:1", file: "Bot/Other.cs"));

        f.Run();

        Assert.Equal("0.6", Project(f).Get("perRequestUsd")!.Text);
        Assert.Equal("sum", Project(f).GetString("formedBy"));
        Assert.DoesNotContain("max of", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void The_max_applies_to_the_budget_check()
    {
        using var f = new TaskFixture();
        f.Add(At(0, 0.30m, "cond#0:0"));
        f.Add(At(1, 0.30m, "cond#0:1"));

        var (withinMax, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.45") });

        Assert.True(withinMax, "0.30 per request, not 0.60: " + f.Engine.Log());
        Assert.Empty(f.Engine.Errors);
    }

    [Fact]
    public void The_branch_path_round_trips_through_the_record()
    {
        var record = At(0, 0.1m, "if#0:1/switch#2:3");

        var read = CallSiteRecordJson.Read(CallSiteRecordJson.Write(record));

        Assert.Equal("if#0:1/switch#2:3", read.Branch);
    }
}
