using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;
using static PromptBudget.Build.Tests.Infrastructure.OtlpLines;

namespace PromptBudget.Build.Tests;

/// <summary>
/// What the usage files cannot tell is said, never left out: a feature attribute no span carries (PB2008), a
/// monthly budget the observed spend cannot be checked against (PB3016, and what PB3004 then says), and usage
/// files whose newest span is old (PB3017).
/// </summary>
public class UsageCoverageTests
{
    private const string Prices = "{\"test-model\": {\"input_cost_per_token\": 0.000002, \"output_cost_per_token\": 0.00001, \"litellm_provider\": \"openai\", \"mode\": \"chat\"}}";

    private static TaskFixture Shop()
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, model: "test-model", feature: "support-bot"));
        f.Add(Sites.Record(file: "Bot/Summary.cs", line: 10, model: "test-model", feature: "summaries", member: "Support.Bot.Summarize()"));
        File.WriteAllText(Path.Combine(f.ProjectDirectory, "promptbudget.prices.json"), Prices);
        return f;
    }

    private static void Usage(TaskFixture f, params string[] lines) => File.WriteAllLines(Path.Combine(f.ProjectDirectory, "usage.jsonl"), lines);

    private static void Configure(TaskFixture f, PromptBudgetReport t, string? featureAttribute = null)
    {
        t.UsageFiles = "usage.jsonl";
        t.UsageFeatureAttribute = featureAttribute;
        t.PriceFiles = new ITaskItem[] { new TaskItem(Path.Combine(f.ProjectDirectory, "promptbudget.prices.json")) };
    }

    // ---- PB2008: the feature attribute --------------------------------------------------------------------------

    [Fact]
    public void A_feature_attribute_no_span_carries_is_PB2008_naming_it_the_files_and_the_close_names_the_spans_carry()
    {
        using var f = Shop();
        Usage(f, Line(
            Span("test-model", 1000, 100, feature: "summaries", featureAttribute: "app_feature"),
            Span("test-model", 1000, 100, feature: "summaries", featureAttribute: "business.feature"),
            Span("test-model", 1000, 100, feature: "x", featureAttribute: "http.route")));

        var (result, _) = f.Run(t => Configure(f, t, "app.feature"));

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageFeatureAttributeOnNoSpan));
        Assert.Contains("PromptBudgetUsageFeatureAttribute is 'app.feature', but in the usage files (usage.jsonl) none of their 3 spans with usage carries it", warning.Message);
        Assert.Contains("look close: 'app_feature', 'business.feature'", warning.Message);
        Assert.DoesNotContain("http.route", warning.Message);
        Assert.DoesNotContain("gen_ai.operation.name", warning.Message);
        Assert.Contains("\"matchedByFeature\": 0", f.ReadReport("promptbudget.json"));

        // The name the spans do carry: matched by feature, and nothing to say.
        f.Run(t => Configure(f, t, "app_feature"));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageFeatureAttributeOnNoSpan));
        Assert.Contains("\"matchedByFeature\": 1", f.ReadReport("promptbudget.json"));
    }

    [Fact]
    public void A_feature_attribute_only_on_spans_without_usage_is_PB2008_saying_so()
    {
        using var f = Shop();
        var requestSpan = "{\"name\":\"GET /summarize\",\"attributes\":[" + Text("app.feature", "summaries") + "]}";
        Usage(f, Line(requestSpan, Span("test-model", 1000, 100)));

        f.Run(t => Configure(f, t, "app.feature"));

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageFeatureAttributeOnNoSpan));
        Assert.Contains("it is only on spans without token usage", warning.Message);
        Assert.Contains("not on the 1 model-call spans", warning.Message);
    }

    [Fact]
    public void PB2008_is_a_warning_even_under_FailOn_none_like_PB2006()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100)));

        var (result, _) = f.Run(t => { Configure(f, t, "app.feature"); t.FailOn = "none"; });

        Assert.True(result);
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageFeatureAttributeOnNoSpan));
    }

    [Theory]
    [InlineData("app.feature", new[] { "app.features", "App.Feature", "feature", "service.feature_name", "user.name", "trace.id" }, new[] { "App.Feature", "app.features", "feature", "service.feature_name" })]
    [InlineData("app.id", new[] { "app.ids", "trace.id", "valid" }, new[] { "app.ids", "trace.id" })]
    public void Close_names_are_a_small_edit_away_or_share_the_last_segment(string attribute, string[] seen, string[] expected) =>
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), UsageCoverageFindings.CloseNames(attribute, seen).OrderBy(x => x, StringComparer.Ordinal));

    // ---- PB3016 and PB3004: monthly budgets the observed spend cannot be checked against -------------------------

    [Fact]
    public void Spans_without_times_leave_a_monthly_budget_unchecked_from_usage_and_PB3016_says_so()
    {
        using var f = Shop();
        Usage(f, Line(
            Span("test-model", 1000, 100, file: "/app/Bot/Summary.cs", line: 10, start: 0, end: 0),
            Span("test-model", 1000, 100, file: "/app/Bot/Summary.cs", line: 10, start: 0, end: 0)));

        var (result, _) = f.Run(t => { Configure(f, t); t.Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "3") }; });

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
        Assert.Contains("the monthly budget of feature 'summaries' ($3.00) is not checked against the observed spend of the usage files (PB3015)", warning.Message);
        Assert.Contains("their 2 matched spans carry no start and end times", warning.Message);

        // PB3004 no longer says only that the budget is unchecked for want of calls per month: neither check runs.
        var incomplete = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete));
        Assert.Contains("feature 'summaries' has a monthly budget of $3.00 but no calls per month, so its projected worst case is not checked against it, and neither is the observed spend of the usage files (PB3016 says why)", incomplete.Message);
    }

    [Fact]
    public void Spans_covering_under_an_hour_leave_the_project_monthly_budget_unchecked_and_PB3016_gives_the_time()
    {
        using var f = Shop();
        Usage(f, Line(
            Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0),
            Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0 + (Hour / 4), end: T0 + (Hour / 2))));

        f.Run(t => { Configure(f, t); t.ProjectMaxMonthlyCostUsd = "100"; t.ProjectCallsPerMonth = "1000"; });

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
        Assert.Contains("project 'Shop' ($100.00)", warning.Message);
        Assert.Contains("their 2 matched spans cover only 30 minutes", warning.Message);
        Assert.Contains("at least 1 hour", warning.Message);
    }

    [Fact]
    public void PB3016_is_a_warning_under_FailOn_error_and_nothing_under_none_as_PB3004()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41)));

        var (failing, _) = f.Run(t => { Configure(f, t); t.ProjectMaxMonthlyCostUsd = "1000"; t.ProjectCallsPerMonth = "1000"; });
        Assert.True(failing, f.Engine.Log());
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));

        f.Run(t => { Configure(f, t); t.ProjectMaxMonthlyCostUsd = "1000"; t.ProjectCallsPerMonth = "1000"; t.FailOn = "none"; });
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
        Assert.Contains(f.Engine.Messages, m => m.Message!.StartsWith("PB3016:"));
    }

    [Fact]
    public void No_usage_files_or_no_monthly_budget_gives_no_PB3016()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41)));

        f.Run(t => Configure(f, t));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));

        f.Run(t => t.ProjectMaxMonthlyCostUsd = "100");
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
    }

    [Fact]
    public void A_feature_whose_calls_no_span_is_attributed_to_is_PB3016_at_its_call_while_the_project_is_checked()
    {
        using var f = Shop();
        Usage(f, Line(
            Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0),
            Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0 + (2 * Hour))));

        f.Run(t => { Configure(f, t); t.Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "3", callsPerMonth: "10") }; });

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
        Assert.Contains("feature 'summaries': its monthly budget of $3.00 is not checked against the observed spend of the usage files (PB3015): none of their 2 matched spans is attributed to its calls", warning.Message);
        Assert.Equal(10, warning.LineNumber);
    }

    [Fact]
    public void PB3004_for_a_monthly_budget_without_calls_per_month_says_whether_the_observed_spend_checks_it()
    {
        using var f = Shop();

        // Without usage files: the worst case is not checked, and usage files would check the spend.
        f.Run(t => t.Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "3") });
        var without = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete)).Message;
        Assert.Contains("so its projected worst case is not checked against it. Set CallsPerMonth of PromptBudgetFeature 'summaries', or name usage files (PromptBudgetUsageFiles)", without);

        // With two hours of the feature's spans: PB3015 checks the observed spend, and PB3004 says only the worst case is unchecked.
        Usage(f, Line(
            Span("test-model", 1000, 100, file: "/app/Bot/Summary.cs", line: 10, start: T0),
            Span("test-model", 1000, 100, file: "/app/Bot/Summary.cs", line: 10, start: T0 + (2 * Hour))));
        f.Run(t => { Configure(f, t); t.Features = new[] { TaskFixture.Feature("summaries", maxMonthlyCostUsd: "3") }; });
        var with = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete)).Message;
        Assert.Contains("so its projected worst case is not checked against it; only the observed spend of the usage files is (PB3015)", with);
        Assert.DoesNotContain("neither", with);
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageSpendNotChecked));
    }

    // ---- PB3017: old usage data ----------------------------------------------------------------------------------

    [Fact]
    public void A_usage_file_whose_newest_span_is_older_than_30_days_is_PB3017_with_its_date()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100, file: "/app/Bot/Answer.cs", line: 41, start: T0, end: T0 + Hour)));

        // T0 + 1 hour is 2026-07-01 13:00 UTC; 2026-08-15 00:00 is 44 days and 11 hours later.
        var (result, _) = f.Run(t => { Configure(f, t); t.Today = new DateTime(2026, 8, 15); });

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld));
        Assert.Equal(Path.Combine(f.ProjectDirectory, "usage.jsonl"), warning.File);
        Assert.Contains("the newest span of the usage file", warning.Message);
        Assert.Contains("is from 2026-07-01, 44 days before this build, older than PromptBudgetMaxUsageAgeDays = 30", warning.Message);

        // Within the default 30 days (the fixture's today, 2026-07-31), or with the check widened or off: nothing.
        f.Run(t => Configure(f, t));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld));
        f.Run(t => { Configure(f, t); t.Today = new DateTime(2026, 8, 15); t.MaxUsageAgeDays = "60"; });
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld));
        f.Run(t => { Configure(f, t); t.Today = new DateTime(2026, 8, 15); t.MaxUsageAgeDays = "0"; });
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld));
    }

    [Fact]
    public void PB3017_judges_each_file_by_its_own_newest_span()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100, start: T0)));
        File.WriteAllLines(Path.Combine(f.ProjectDirectory, "recent.jsonl"), new[] { Line(Span("test-model", 1000, 100, start: T0 + (40L * 24 * Hour))) });

        f.Run(t => { Configure(f, t); t.UsageFiles = "usage.jsonl;recent.jsonl"; t.Today = new DateTime(2026, 8, 15); });

        Assert.EndsWith("usage.jsonl", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld)).File);
    }

    [Fact]
    public void An_unusable_usage_age_is_a_PB3004_warning_and_the_default_applies()
    {
        using var f = Shop();
        Usage(f, Line(Span("test-model", 1000, 100, start: T0)));

        var (result, _) = f.Run(t => { Configure(f, t); t.MaxUsageAgeDays = "a month"; t.Today = new DateTime(2026, 8, 15); });

        Assert.True(result, f.Engine.Log());
        Assert.Contains(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete), w => w.Message!.Contains("PromptBudgetMaxUsageAgeDays is 'a month'"));
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageDataOld));
    }
}
