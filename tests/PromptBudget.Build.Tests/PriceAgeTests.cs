using System;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>PB3007: prices that are older than allowed are said out loud, never silently used.</summary>
public class PriceAgeTests
{
    private static TaskFixture WithOneSite()
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(feature: null));
        return f;
    }

    [Fact]
    public void Prices_older_than_the_default_180_days_are_a_warning_naming_the_date_and_the_fix()
    {
        using var f = WithOneSite();

        var (result, _) = f.Run(t => t.Today = new DateTime(2027, 2, 1));

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.PricesOutOfDate, warning.Code);
        Assert.Equal(
            "the prices are from 2026-07-24, 192 days ago, older than PromptBudgetMaxPriceAgeDays = 180: the costs may be out of date. "
            + "Update the PromptBudget package, or pass a newer LiteLLM price file with PromptBudgetPriceFile; PromptBudgetMaxPriceAgeDays = 0 turns this check off.",
            warning.Message);
        Assert.Contains("**PB3007**", f.ReadReport(MarkdownReportWriter.FileName));
        Assert.DoesNotContain("PB3007", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void The_json_report_does_not_change_with_the_day_it_is_written()
    {
        using var f = WithOneSite();
        f.Run(t => t.Today = new DateTime(2026, 8, 1));
        var fresh = f.ReadReport(JsonReportWriter.FileName);

        f.Run(t => t.Today = new DateTime(2027, 8, 1));

        Assert.Equal(fresh, f.ReadReport(JsonReportWriter.FileName));
    }

    [Theory]
    [InlineData("30", 2026, 8, 23, false)]
    [InlineData("30", 2026, 8, 24, true)]
    [InlineData("0", 2030, 1, 1, false)]
    [InlineData(null, 2027, 1, 20, false)]
    [InlineData(null, 2027, 1, 21, true)]
    public void The_allowed_age_is_a_setting_and_zero_turns_it_off(string? maxAgeDays, int year, int month, int day, bool warned)
    {
        using var f = WithOneSite();

        f.Run(t =>
        {
            t.MaxPriceAgeDays = maxAgeDays;
            t.Today = new DateTime(year, month, day);
        });

        Assert.Equal(warned, f.Engine.Warnings.Any(w => w.Code == FindingCodes.PricesOutOfDate));
    }

    [Fact]
    public void Under_FailOn_none_nothing_is_logged()
    {
        using var f = WithOneSite();

        f.Run(t =>
        {
            t.FailOn = "none";
            t.Today = new DateTime(2028, 1, 1);
        });

        Assert.Empty(f.Engine.Warnings);
    }

    [Fact]
    public void A_bad_value_is_reported_by_its_property_name_and_the_default_applies()
    {
        using var f = WithOneSite();

        f.Run(t =>
        {
            t.MaxPriceAgeDays = "half a year";
            t.Today = new DateTime(2028, 1, 1);
        });

        Assert.Contains(f.Engine.Warnings, w => w.Code == FindingCodes.ReportIncomplete && (w.Message ?? "").Contains("PromptBudgetMaxPriceAgeDays is 'half a year'", StringComparison.Ordinal));
        Assert.Contains(f.Engine.Warnings, w => w.Code == FindingCodes.PricesOutOfDate && (w.Message ?? "").Contains("= 180", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_number_of_days_or_calls_is_not_described_as_an_amount_in_USD_but_a_bad_budget_is()
    {
        using var f = WithOneSite();

        f.Run(t =>
        {
            t.MaxPriceAgeDays = "half a year";
            t.ProjectCallsPerMonth = "many";
            t.ProjectMaxCostPerRequestUsd = "cheap";
        });

        // A threshold with a default is a warning that says the default is used; a budget that cannot be read is an error.
        Assert.Equal(
            "PromptBudgetMaxPriceAgeDays is 'half a year', which is not a non-negative number with a '.' decimal point and no thousands separator, e.g. 30 or 2.5; "
            + "its default, 180, is used instead. Fix the value in the project file.",
            Assert.Single(f.Engine.Warnings, w => w.Code == FindingCodes.ReportIncomplete).Message);
        string Error(string property) => f.Engine.Errors.Single(e => e.Code == FindingCodes.ReportIncomplete && (e.Message ?? "").StartsWith(property + " is", StringComparison.Ordinal)).Message!;
        Assert.DoesNotContain("USD", Error("PromptBudgetProjectCallsPerMonth"), StringComparison.Ordinal);
        Assert.EndsWith("that budget is not checked. Fix the value in the project file.", Error("PromptBudgetProjectCallsPerMonth"), StringComparison.Ordinal);
        Assert.Contains("amount in USD", Error("PromptBudgetProjectMaxCostPerRequest"), StringComparison.Ordinal);
    }
}
