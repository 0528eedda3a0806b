using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;
using static PromptBudget.Build.Tests.RateLimitTests;

namespace PromptBudget.Build.Tests;

/// <summary>
/// Rate-limit checks that cannot run are PB2007, never a figure of "≥ 0%" that passes: a limit that every call with a
/// peak counts an unknown amount against, and a peak rate on a feature no call has.
/// </summary>
public class RateLimitUncheckedTests
{
    private static CallSiteRecord UnknownOutput(string file, int line, string member)
    {
        var r = Call("gpt-4o-mini", input: 600, output: 0, file: file, line: line, member: member, outputSource: "unknown");
        r.MaxOutputTokens = null;
        return r;
    }

    [Fact]
    public void A_TPM_and_OTPM_limit_whose_calls_all_have_unknown_output_is_PB2007_and_the_row_says_not_checked_instead_of_zero()
    {
        using var f = new TaskFixture();
        f.Add(UnknownOutput("Bot/A.cs", 4, "A()"));
        f.Add(UnknownOutput("Bot/B.cs", 9, "B()"));

        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "100") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "1000", tpm: "100000", outputTpm: "50000") };
        });

        Assert.True(result, f.Engine.Log());
        var warnings = f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("TPM 100,000 of PromptBudgetRateLimit 'gpt-4o-mini' is not checked", warnings[0].Message);
        Assert.Contains("OTPM 50,000 of PromptBudgetRateLimit 'gpt-4o-mini' is not checked", warnings[1].Message);
        Assert.All(warnings, w => Assert.Contains("Bot/A.cs(4), Bot/B.cs(9): its max output tokens are not known", w.Message));
        Assert.All(warnings, w => Assert.EndsWith("A.cs", w.File));

        // RPM is known for both calls: 100 × 2 = 200 of 1,000 (20%), a figure without "≥".
        var md = f.ReadReport(MarkdownReportWriter.FileName);
        var row = md.Split('\n').Single(l => l.Contains("gpt-4o-mini") && l.Contains("limit 100,000"));
        Assert.Contains("200 of 1,000 (20%)", row);
        Assert.Contains("limit 100,000, not checked: every call with a peak rate counts an unknown amount", row);
        Assert.Contains("limit 50,000, not checked:", row);
        Assert.DoesNotContain("≥ 0", row);

        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"level\": \"not-checked\"", json);
        Assert.DoesNotContain("\"percent\": 0", json);
    }

    [Fact]
    public void A_partly_unknown_TPM_figure_is_still_checked_as_a_stated_lower_bound_without_PB2007()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        f.Add(UnknownOutput("Bot/U.cs", 5, "U()"));

        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        // 10 × 1,000 = 10,000 of 100,000, a lower bound whose reason the row states.
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        var md = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("≥ 10,000 of 100,000 (≥ 10%)", md);
        Assert.Contains("at least: 1 prompt with unknown max output", md);
    }

    [Fact]
    public void RPM_of_a_pool_whose_only_call_is_a_tool_loop_of_unknown_cap_is_not_checked()
    {
        using var f = new TaskFixture();
        var loop = Call("gpt-4o-mini", input: 600, output: 400, file: "Bot/Agent.cs", line: 12, member: "Agent()");
        loop.LoopIterationCapSource = "unknown";
        loop.LoopIterationCap = null;
        f.Add(loop);

        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "500") };
        });

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains("RPM 500 of PromptBudgetRateLimit 'gpt-4o-mini' is not checked", warning.Message);
        Assert.Contains("Bot/Agent.cs(12): the iteration cap of its tool loop is not known", warning.Message);
        Assert.Contains("Give the tool loops a cap", warning.Message);
        Assert.Contains("RPM not checked", f.ReadReport(HtmlReportWriter.FileName));
    }

    [Fact]
    public void A_peak_rate_on_a_feature_no_call_has_is_PB2007_naming_the_item_and_the_features_there_are()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));

        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10"), Feature("suport-bot", "50") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "500") };
        });

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains("PeakRequestsPerMinute of PromptBudgetFeature 'suport-bot' is set, but no call of this project has the feature 'suport-bot'", warning.Message);
        Assert.Contains("the calls' features are 'support-bot'", warning.Message);
    }

    [Fact]
    public void A_peak_rate_on_a_feature_no_call_has_is_PB2007_also_without_rate_limit_items()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));

        f.Run(t => t.Features = new[] { Feature("checkout", "50") });

        Assert.Contains("PromptBudgetFeature 'checkout'", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable)).Message);
    }

    [Fact]
    public void A_peak_rate_is_not_called_unmatched_when_the_call_sites_could_not_all_be_read()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        f.WritePayload();
        System.IO.File.AppendAllText(f.PayloadPath, "{not json\n");

        f.Run(t => t.Features = new[] { Feature("checkout", "50") }, writePayload: false);

        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.NotEmpty(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete));
    }
}
