using System.Linq;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

public class MarkdownReportTests
{
    private static string Run(bool redact = false)
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini", preview: "Classify: a | b\nor c"));
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.31m, inputTokens: 1234, preview: "Answer <kindly> with *care*"));
        f.Add(Sites.Record(file: "Search/Rank.cs", line: 20, member: "Search.Rank()", feature: null, worstCaseCostUsd: 0.06m));
        f.Run(t =>
        {
            t.RedactPrompts = redact;
            t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25", callsPerMonth: "100000") };
        });
        return f.ReadReport(MarkdownReportWriter.FileName);
    }

    [Fact]
    public void The_summary_gives_prompts_total_and_price_date()
    {
        var md = Run();

        Assert.StartsWith("## PromptBudget: Shop (net8.0)\n\n**3 prompts** · worst case **$0.42** per request in total · prices of 2026-07-24\n", md);
        Assert.EndsWith("\n", md);
        Assert.DoesNotContain("\n\n\n", md);
    }

    [Fact]
    public void A_report_whose_only_prompt_has_no_cost_says_so_instead_of_zero_dollars()
    {
        // The field trial's oddity: a project whose only call has no model said "worst case at least $0.00 per request".
        using var f = new TaskFixture();
        f.Add(Sites.Record(model: null, worstCaseCostUsd: null));
        f.Run(_ => { });

        var md = f.ReadReport(MarkdownReportWriter.FileName);
        var summary = md.Split('\n').Single(l => l.StartsWith("**1 prompt**", System.StringComparison.Ordinal));
        Assert.StartsWith("**1 prompt** · **no prompt has a known cost**: its model or price is not known (see the findings), so no worst case per request can be given; nothing is counted as $0 · ", summary);
        Assert.DoesNotContain("$0.00", md);
        Assert.DoesNotContain("at least", summary);
        var html = f.ReadReport(HtmlReportWriter.FileName);
        Assert.Contains("1 prompt · no prompt has a known cost: its model or price is not known", html);
        Assert.DoesNotContain("$0.00", html);
    }

    [Fact]
    public void A_priced_prompt_beside_an_unpriced_one_keeps_the_at_least_total()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "A.cs", line: 1, worstCaseCostUsd: 0.30m));
        f.Add(Sites.Record(file: "B.cs", line: 2, model: null, worstCaseCostUsd: null));
        f.Run(_ => { });

        var md = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("**2 prompts** · worst case **at least $0.30** per request in total", md);
        Assert.Contains("incomplete: 1 prompt with no known cost (not counted as $0)", md);
        Assert.DoesNotContain("no prompt has a known cost", md);
    }

    [Fact]
    public void A_model_from_configuration_says_so()
    {
        using var f = new TaskFixture();
        var fromConfig = Sites.Record(file: "A.cs", line: 1, worstCaseCostUsd: 0.30m);
        fromConfig.ModelSource = "configuration";
        fromConfig.ModelSourceDetail = "AI:Model: environments disagree (appsettings.json: gpt-4o-mini, appsettings.Production.json: gpt-4o); the most expensive, gpt-4o, is the worst case";
        var fromDefault = Sites.Record(file: "B.cs", line: 2, worstCaseCostUsd: 0.20m);
        fromDefault.ModelSource = "default";
        var inCode = Sites.Record(file: "C.cs", line: 3, worstCaseCostUsd: 0.10m);
        f.Add(fromConfig);
        f.Add(fromDefault);
        f.Add(inCode);
        f.Run(_ => { });

        var rows = f.ReadReport(MarkdownReportWriter.FileName).Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();
        Assert.StartsWith("| ✓ ok | A.cs:1 | gpt-4o (configuration, most expensive environment) |", rows[0]);
        Assert.StartsWith("| ✓ ok | B.cs:2 | gpt-4o (default model) |", rows[1]);
        Assert.StartsWith("| ✓ ok | C.cs:3 | gpt-4o |", rows[2]);
    }

    [Fact]
    public void A_prompt_file_shows_its_function_template_format_and_loader()
    {
        using var f = new TaskFixture();
        var story = Sites.Record(file: "Prompts/GenerateStory.yaml", line: 3, member: "GenerateStory", worstCaseCostUsd: 0.30m);
        story.TemplateFormat = "handlebars";
        story.LoadedBy = "Program.cs:14 (resource name 'GenerateStory.yaml' (matched by file name)); Program.cs:15 (invoked: resource name 'GenerateStory.yaml')";
        var escalation = Sites.Record(file: "Prompts/escalation.prompty", line: 20, member: "Escalate", worstCaseCostUsd: 0.20m);
        escalation.TemplateFormat = "jinja2";
        f.Add(story);
        f.Add(escalation);
        f.Run(_ => { });

        var rows = f.ReadReport(MarkdownReportWriter.FileName).Split('\n').Where(l => l.StartsWith("| ") && l.Contains("Prompts/")).ToList();
        Assert.StartsWith("| ✓ ok | Prompts/GenerateStory.yaml:3 (GenerateStory, handlebars template; loaded by Program.cs:14, Program.cs:15) | gpt-4o |", rows[0]);
        Assert.StartsWith("| ✓ ok | Prompts/escalation.prompty:20 (Escalate, jinja2 template) | gpt-4o |", rows[1]);
    }

    [Fact]
    public void Call_sites_are_listed_most_expensive_first_with_status()
    {
        var md = Run();

        var rows = md.Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| ! check | Bot/Answer.cs:41 | gpt-4o | 1,234 (exact) | 1,000 (set) | $0.31 | $0.2325 | feature support-bot over budget |", rows[0]);
        Assert.StartsWith("| ✓ ok | Search/Rank.cs:20 |", rows[1]);
        Assert.StartsWith("| ! check | Bot/Classify.cs:7 | gpt-4o-mini |", rows[2]);
        Assert.Contains("| ✖ over | support-bot | 2 | $0.36 | $0.25 | $36,000.00 | — |", md);
        Assert.Contains("| ✓ ok | (none) | 1 | $0.06 | — | — | — |", md);
        Assert.Contains("- ✖ **PB3001** Bot/Answer.cs(41): feature 'support-bot' worst case $0.36 per request exceeds its budget of $0.25", md);
        Assert.Contains("Status: **over** = over one of its own budgets", md);
        Assert.DoesNotContain("❌", md);
        Assert.DoesNotContain("✅", md);
    }

    [Fact]
    public void Unbounded_parts_and_an_unset_max_output_are_warnings_unless_a_size_is_assumed()
    {
        using var f = new TaskFixture();
        var unbounded = Sites.Record(file: "A.cs", line: 1, feature: null, worstCaseCostUsd: 0.04m);
        unbounded.UnboundedSegments = 2;
        var assumed = Sites.Record(file: "B.cs", line: 2, feature: null, worstCaseCostUsd: 0.03m, inputTokens: 1800);
        assumed.UnboundedSegments = 1;
        assumed.AssumedUnboundedTokens = 800;
        var unsetOutput = Sites.Record(file: "C.cs", line: 3, feature: null, worstCaseCostUsd: 0.02m);
        unsetOutput.MaxOutputSource = "model-maximum";
        unsetOutput.MaxOutputTokens = 16384;
        f.Add(unbounded);
        f.Add(assumed);
        f.Add(unsetOutput);
        f.Run(_ => { });
        var rows = f.ReadReport(MarkdownReportWriter.FileName).Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();

        Assert.StartsWith("| ! check | A.cs:1 | gpt-4o | 1,200 (exact) + 2 unbounded | 1,000 (set) | ≥ $0.04 | $0.03 | 2 unbounded parts |", rows[0]);
        Assert.StartsWith("| ✓ ok | B.cs:2 | gpt-4o | 1,800 (exact), incl. 800 assumed for 1 unbounded part |", rows[1]);
        Assert.StartsWith("| ! check | C.cs:3 | gpt-4o | 1,200 (exact) | 16,384 (model-maximum) | $0.02 | $0.015 | max output not set: model maximum 16,384 |", rows[2]);
        Assert.Contains("worst case **at least $0.09** per request in total", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void An_unbounded_part_without_a_budget_is_check_and_named_and_with_a_budget_is_over()
    {
        using var f = new TaskFixture();
        var free = Sites.Record(file: "A.cs", line: 1, feature: null);
        free.UnboundedSegments = 1;
        free.Segments.Add(new SegmentRecord { Name = "question" });
        free.Violations.Add(new ViolationRecord { Kind = "unbounded-segment", Limit = 0, Actual = 1, Unit = "segments" });
        var budgeted = Sites.Record(file: "B.cs", line: 2, feature: null, member: "B.M()");
        budgeted.UnboundedSegments = 1;
        budgeted.BudgetMaxInputTokens = 5000;
        budgeted.Segments.Add(new SegmentRecord { Name = "text" });
        budgeted.Violations.Add(new ViolationRecord { Kind = "unbounded-segment", Limit = 0, Actual = 1, Unit = "segments" });
        var overCost = Sites.Record(file: "C.cs", line: 3, feature: null, member: "C.M()", worstCaseCostUsd: 0.0031m);
        overCost.BudgetMaxCostPerCallUsd = 0.001m;
        overCost.Violations.Add(new ViolationRecord { Kind = "cost-per-call", Limit = 0.001m, Actual = 0.0031m, Unit = "USD" });
        f.Add(free).Add(budgeted).Add(overCost);

        f.Run(t => t.FailOn = "none");
        var rows = f.ReadReport(MarkdownReportWriter.FileName).Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();

        Assert.Contains(rows, r => r.StartsWith("| ! check | A.cs:1 |") && r.Contains("| unbounded part: question |"));
        Assert.Contains(rows, r => r.StartsWith("| ✖ over | B.cs:2 |") && r.Contains("unbounded part: text"));
        Assert.Contains(rows, r => r.StartsWith("| ✖ over | C.cs:3 |") && r.Contains("over max\\_cost\\_per\\_call $0.001 by $0.0021"));
    }

    [Fact]
    public void Previews_escape_pipes_newlines_and_html()
    {
        var md = Run();

        Assert.Contains("| Classify: a \\| b or c |", md);
        Assert.Contains("Answer &lt;kindly&gt; with \\*care\\*", md);
        Assert.DoesNotContain("<kindly>", md);
    }

    [Fact]
    public void Redacted_reports_have_no_prompt_column()
    {
        var md = Run(redact: true);

        Assert.DoesNotContain("Classify:", md);
        Assert.DoesNotContain("kindly", md);
        Assert.DoesNotContain("| Prompt |", md);
    }
}
