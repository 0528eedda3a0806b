using System.Linq;
using PromptBudget.Core.Reporting;
using PromptBudget.Build.Model;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Build.Tests;

public class CallSiteIdentityTests
{
    [Fact]
    public void The_id_is_12_hex_digits_of_file_member_and_ordinal()
    {
        var id = CallSiteId.Compute("Bot/Answer.cs", "Support.Bot.AnswerAsync(string)", 0);

        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Equal(id, CallSiteId.Compute("Bot\\Answer.cs", "Support.Bot.AnswerAsync(string)", 0));
        Assert.NotEqual(id, CallSiteId.Compute("Bot/Answer.cs", "Support.Bot.AnswerAsync(string)", 1));
        Assert.NotEqual(id, CallSiteId.Compute("Bot/Answer.cs", "Support.Bot.Answer(string)", 0));
        Assert.NotEqual(id, CallSiteId.Compute("Bot/Other.cs", "Support.Bot.AnswerAsync(string)", 0));
    }

    [Fact]
    public void The_id_stays_when_only_the_line_moves()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(line: 41));
        f.Run();
        var before = PayloadReadingTests.CallSites(f)[0];

        using var g = new TaskFixture();
        g.Add(Sites.Record(line: 58));
        g.Run();
        var after = PayloadReadingTests.CallSites(g)[0];

        Assert.Equal("41", before.Get("line")!.Text);
        Assert.Equal("58", after.Get("line")!.Text);
        Assert.Equal(before.GetString("id"), after.GetString("id"));
        Assert.Equal(CallSiteId.Compute("Bot/Answer.cs", "Support.Bot.AnswerAsync(string)", 0), after.GetString("id"));
    }

    [Fact]
    public void A_site_reported_twice_appears_once()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, member: "Support.Bot.AnswerAsync(string)", ordinal: 1, worstCaseCostUsd: 0.2m));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, member: "Support.Bot.AnswerAsync(string)", ordinal: 1, worstCaseCostUsd: 0.2m));

        var (result, _) = f.Run();

        Assert.True(result, f.Engine.Log());
        var sites = PayloadReadingTests.CallSites(f);
        Assert.Equal(2, sites.Length);
        Assert.Equal(new[] { "0", "1" }, sites.Select(s => s.Get("ordinal")!.Text).ToArray());
    }

    [Fact]
    public void Sites_are_sorted_by_file_line_and_ordinal_whatever_the_log_order()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Zeta.cs", line: 3, member: "Z.M()"));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 90, member: "B.Late()"));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 12, member: "B.Early()", ordinal: 1));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 12, member: "B.Early()", ordinal: 0));
        f.Add(Sites.Record(file: "Api.cs", line: 5, member: "A.M()"));

        f.Run();

        var order = PayloadReadingTests.CallSites(f).Select(s => s.GetString("file") + ":" + s.Get("line")!.Text + "#" + s.Get("ordinal")!.Text).ToArray();
        Assert.Equal(new[] { "Api.cs:5#0", "Bot/Answer.cs:12#0", "Bot/Answer.cs:12#1", "Bot/Answer.cs:90#0", "Zeta.cs:3#0" }, order);
    }

    [Fact]
    public void Files_outside_the_project_are_relative_with_dot_dot()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("src", "Shop");

        Assert.Equal("Bot/Answer.cs", ProjectPaths.Relative(temp.Combine("src", "Shop", "Bot", "Answer.cs"), project));
        Assert.Equal("../Shared/Prompts.cs", ProjectPaths.Relative(temp.Combine("src", "Shared", "Prompts.cs"), project));
        Assert.Equal("../Shared/Prompts.cs", ProjectPaths.Relative(temp.Combine("src", "Shared", "Prompts.cs"), project + "/"));
    }
}
