using System.IO;
using System.Linq;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>
/// An estimated count (Claude, Gemini) shows its fitted count and the upper bound its margin gives in every report
/// (<c>~78, ≤ 82</c>), the reports say how estimates were made, and an exact OpenAI count shows no margin.
/// </summary>
public class EstimatedCountReportTests
{
    private const string ClaudeFraming = "ai-tokenizer 1.0.6 claude fit: 6 per request + (2 + role) per message";

    private static CallSiteRecord Claude()
    {
        var r = Sites.Record(file: "Bot/Review.cs", line: 12, member: "Bot.Review()", worstCaseCostUsd: 0.0315m, inputTokens: 78, model: "claude-sonnet-4-5");
        r.Sdk = "Anthropic";
        r.Encoding = "claude";
        r.Exact = false;
        r.TokenizerFactor = 1.1m;
        r.TokenizerMargin = 0.025m;
        r.InputTokensUpperBound = 82;
        r.Framing = ClaudeFraming;
        return r;
    }

    private static TaskFixture Run()
    {
        var f = new TaskFixture();
        f.Add(Claude());
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.01m, inputTokens: 1234));
        var (result, _) = f.Run(_ => { });
        Assert.True(result, f.Engine.Log());
        return f;
    }

    [Fact]
    public void Markdown_shows_the_estimate_its_upper_bound_and_how_it_was_made()
    {
        using var f = Run();
        var md = f.ReadReport(MarkdownReportWriter.FileName);

        var rows = md.Split('\n').Where(l => l.StartsWith("| ") && l.Contains(".cs:")).ToList();
        // "~" is escaped for Markdown (a pair of tildes would strike text through).
        Assert.Contains(rows, r => r.StartsWith("| ✓ ok | Bot/Review.cs:12 | claude-sonnet-4-5 | \\~78, ≤ 82 (est.) |"));
        Assert.Contains(rows, r => r.StartsWith("| ✓ ok | Bot/Answer.cs:41 | gpt-4o | 1,234 (exact) |"));
        Assert.Contains("Estimated counts: \\~N, ≤ M is the estimate and the upper bound its tokenizer family's margin gives; the input budget and the worst case use the upper bound. "
            + "claude × 1.1, margin +2.5%; framing ai-tokenizer 1.0.6 claude fit: 6 per request + (2 + role) per message.", md);
    }

    [Fact]
    public void Html_shows_the_estimate_and_its_upper_bound()
    {
        using var f = Run();
        var html = f.ReadReport(HtmlReportWriter.FileName);

        Assert.Contains(">~78, ≤ 82 (est.)</td>", html);
        Assert.Contains(">1,234 (exact)</td>", html);
        Assert.Contains("claude × 1.1, margin +2.5%; framing " + ClaudeFraming, html);
    }

    [Fact]
    public void Json_carries_the_upper_bound_the_margin_and_the_framing_rule_only_for_the_estimate()
    {
        using var f = Run();
        var sites = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("callSites")!.Items;

        var claude = sites.Single(s => s.GetString("file") == "Bot/Review.cs");
        Assert.Equal("78", claude.Get(CallSiteFieldNames.InputTokens)!.Text);
        Assert.Equal("82", claude.Get(CallSiteFieldNames.InputTokensUpperBound)!.Text);
        Assert.Equal("0.025", claude.Get(CallSiteFieldNames.TokenizerMargin)!.Text);
        Assert.Equal(ClaudeFraming, claude.GetString(CallSiteFieldNames.Framing));

        var openAI = sites.Single(s => s.GetString("file") == "Bot/Answer.cs");
        Assert.Equal(JsonKind.Null, openAI.Get(CallSiteFieldNames.InputTokensUpperBound)!.Kind);
        Assert.Equal(JsonKind.Null, openAI.Get(CallSiteFieldNames.TokenizerMargin)!.Kind);
    }

    [Fact]
    public void An_exact_only_report_has_no_counting_note()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record());
        f.Run(_ => { });

        Assert.DoesNotContain("Estimated counts", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void The_worst_case_input_of_an_older_record_without_an_upper_bound_is_its_count()
    {
        var r = Sites.Record(inputTokens: 500);
        Assert.Equal(500, r.WorstCaseInputTokens);
        r.InputTokensUpperBound = 513;
        Assert.Equal(513, r.WorstCaseInputTokens);
    }
}
