using System.Linq;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
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
        Assert.StartsWith("| ✅ | A.cs:1 | gpt-4o (configuration, most expensive environment) |", rows[0]);
        Assert.StartsWith("| ✅ | B.cs:2 | gpt-4o (default model) |", rows[1]);
        Assert.StartsWith("| ✅ | C.cs:3 | gpt-4o |", rows[2]);
    }

    [Fact]
    public void Call_sites_are_listed_most_expensive_first_with_status()
    {
        var md = Run();

        var rows = md.Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| ⚠️ | Bot/Answer.cs:41 | gpt-4o | 1,234 (exact) | 1,000 (set) | $0.31 | $0.2325 |", rows[0]);
        Assert.StartsWith("| ✅ | Search/Rank.cs:20 |", rows[1]);
        Assert.StartsWith("| ⚠️ | Bot/Classify.cs:7 | gpt-4o-mini |", rows[2]);
        Assert.Contains("| ❌ | support-bot | 2 | $0.36 | $0.25 | $36,000.00 | — |", md);
        Assert.Contains("| ✅ | (none) | 1 | $0.06 | — | — | — |", md);
        Assert.Contains("- ❌ **PB3001** Bot/Answer.cs(41): feature 'support-bot' worst case $0.36 per request exceeds its budget of $0.25", md);
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

        Assert.StartsWith("| ⚠️ | A.cs:1 | gpt-4o | 1,200 (exact) + 2 unbounded |", rows[0]);
        Assert.StartsWith("| ✅ | B.cs:2 | gpt-4o | 1,800 (exact), incl. 800 assumed for 1 unbounded part |", rows[1]);
        Assert.StartsWith("| ⚠️ | C.cs:3 | gpt-4o | 1,200 (exact) | 16,384 (model-maximum) |", rows[2]);
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
