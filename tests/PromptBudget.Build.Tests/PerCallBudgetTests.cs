using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>PB3008: a per-call budget the user configured fails the build like a feature budget.</summary>
public class PerCallBudgetTests
{
    private static CallSiteRecord OverCostBudget()
    {
        var record = Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.10m);
        record.BudgetMaxCostPerCallUsd = 0.04m;
        record.Violations.Add(new ViolationRecord { Kind = "cost-per-call", Limit = 0.04m, Actual = 0.10m, Unit = "USD" });
        return record;
    }

    [Fact]
    public void Over_a_per_call_budget_is_an_error_at_the_call_with_the_amount_over_and_what_to_change()
    {
        using var f = new TaskFixture();
        f.Add(OverCostBudget());

        var (result, _) = f.Run();

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.PerCallBudgetExceeded));
        Assert.Equal(System.IO.Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), error.File);
        Assert.Equal(41, error.LineNumber);
        Assert.Equal(9, error.ColumnNumber);
        Assert.Contains("(gpt-4o) worst case $0.10 per call is $0.06 over the per-call budget of $0.04 (prompt_budget.max_cost_per_call)", error.Message);
        Assert.Contains("lower its max output tokens", error.Message);
    }

    [Theory]
    [InlineData("warning", 0, 1)]
    [InlineData("none", 0, 0)]
    public void FailOn_warning_and_none_behave_as_for_feature_budgets(string failOn, int errors, int warnings)
    {
        using var f = new TaskFixture();
        f.Add(OverCostBudget());

        var (result, _) = f.Run(t => t.FailOn = failOn);

        Assert.True(result);
        Assert.Equal(errors, f.Engine.ErrorsWithCode(FindingCodes.PerCallBudgetExceeded).Count());
        Assert.Equal(warnings, f.Engine.WarningsWithCode(FindingCodes.PerCallBudgetExceeded).Count());
    }

    [Fact]
    public void Input_and_output_token_budgets_name_their_keys()
    {
        using var f = new TaskFixture();
        var record = Sites.Record(inputTokens: 1200);
        record.Violations.Add(new ViolationRecord { Kind = "input-tokens", Limit = 1000, Actual = 1200, Unit = "tokens" });
        record.Violations.Add(new ViolationRecord { Kind = "output-tokens", Limit = 500, Actual = 1000, Unit = "tokens" });
        f.Add(record);

        f.Run();

        var messages = f.Engine.ErrorsWithCode(FindingCodes.PerCallBudgetExceeded).Select(e => e.Message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("has 1,200 input tokens, 200 over the per-call budget of 1,000 (prompt_budget.max_input_tokens)", messages[0]);
        Assert.Contains("allows 1,000 output tokens, 500 over the per-call budget of 500 (prompt_budget.max_output_tokens)", messages[1]);
    }

    [Fact]
    public void An_unbounded_part_fails_only_where_it_makes_a_configured_budget_uncheckable()
    {
        using var f = new TaskFixture();
        var withBudget = Sites.Record(file: "Bot/Answer.cs");
        withBudget.BudgetMaxInputTokens = 4000;
        withBudget.Segments.Add(new SegmentRecord { Name = "question" });
        withBudget.Violations.Add(new ViolationRecord { Kind = "unbounded-segment", Limit = 0, Actual = 1, Unit = "segments" });
        var withoutBudget = Sites.Record(file: "Bot/Other.cs", member: "Support.Bot.Other()");
        withoutBudget.Segments.Add(new SegmentRecord { Name = "text" });
        withoutBudget.Violations.Add(new ViolationRecord { Kind = "unbounded-segment", Limit = 0, Actual = 1, Unit = "segments" });
        f.Add(withBudget).Add(withoutBudget);

        var (result, _) = f.Run();

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.PerCallBudgetExceeded));
        Assert.EndsWith("Answer.cs", error.File);
        Assert.Contains("cannot be checked against prompt_budget.max_input_tokens: 'question' has no size bound", error.Message);
        Assert.Contains("[PromptBudget.PromptBound(n)]", error.Message);
        Assert.Contains("PromptBudget.PromptBound.Tokens(value, n)", error.Message);
    }

    [Fact]
    public void A_bad_FailOn_is_only_a_warning()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(worstCaseCostUsd: 0.05m));

        var (result, _) = f.Run(t => t.FailOn = "sometimes");

        Assert.True(result);
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete));
    }
}
