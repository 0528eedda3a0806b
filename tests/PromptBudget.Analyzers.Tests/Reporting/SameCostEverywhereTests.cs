using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Reporting;

/// <summary>One call's cost must read the same in the IDE (PB0001, PB1003) and in the reports built from its payload.</summary>
public class SameCostEverywhereTests
{
    [Fact]
    public async Task PB0001_PB1003_and_the_Markdown_and_HTML_reports_print_one_cost_string()
    {
        // gpt-4o with no max output: 16,384 output tokens at $10/M plus a few input tokens, about $0.1639:
        // four significant digits, so a formatter that keeps three ($0.164) shows up as a difference.
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask()
                {
                    ChatClient client = new("gpt-4o", "key");
                    client.CompleteChat("Hi");
                }
            }
            """;

        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(source), System.Array.Empty<(string, string)>());

        var pb0001 = Assert.Single(diagnostics, d => d.Id == "PB0001");
        var pb1003 = Assert.Single(diagnostics, d => d.Id == "PB1003");
        var inIde = Regex.Match(pb0001.GetMessage(), @"worst case (\$[0-9.,]+) per call").Groups[1].Value;
        Assert.Equal(inIde, Regex.Match(pb1003.GetMessage(), @"\((\$[0-9.,]+) per call\)").Groups[1].Value);
        Assert.Matches(@"^\$0\.\d{4}$", inIde);

        var model = ReportOf(Assert.Single(payload!.Records));
        var row = Assert.Single(MarkdownReportWriter.Write(model).Split('\n'), l => l.Contains("Test0.cs:"));
        Assert.Contains("| " + inIde + " |", row);
        Assert.Contains(">" + inIde + "<", HtmlReportWriter.Write(model));
    }

    private static ReportModel ReportOf(CallSiteRecord record)
    {
        var sites = new[] { new ReportCallSite("site-1", "Test0.cs", null, record.Line, record) };
        var features = BudgetCalculator.Features(sites, new Dictionary<string, BudgetLimits>());
        var project = BudgetCalculator.Project(sites, BudgetLimits.None("Run"));
        return new ReportModel("Run", "net10.0", "/0", redacted: false, sites, features, project, baseline: null, new List<Finding>(), inputsComplete: true);
    }
}
