using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>
/// A call through a tool loop counts one request's worst case (every model call of the loop), not one call's, in
/// the feature's and the project's cost per request and per month; the reports show the cap, where it comes from,
/// and the numbers PromptBudget assumed.
/// </summary>
public class ToolLoopBudgetTests
{
    // An agent: $0.004 per call, up to 40 calls at the library's default cap: $0.61 per request, as the analyzer priced it.
    private static CallSiteRecord Agent(string? capSource = "library-default", long? cap = 40, decimal? requestCost = 0.61m)
    {
        var r = Sites.Record(file: "Bot/Agent.cs", line: 12, member: "Support.Agent.RunAsync(string)", worstCaseCostUsd: 0.004m, model: "gpt-4o-mini");
        r.LoopIterationCap = cap;
        r.LoopIterationCapSource = capSource;
        r.LoopIterationCapDetail = capSource == "library-default" ? "FunctionInvokingChatClient.MaximumIterationsPerRequest default of Microsoft.Extensions.AI 10.11.0.0" : "MaximumIterationsPerRequest = x";
        r.ToolResultTokens = 1000;
        r.ToolResultTokensAssumed = true;
        r.RequestModelCalls = cap;
        r.RequestInputTokens = cap is null ? null : 1_218_000;
        r.RequestOutputTokens = cap is null ? null : 40_000;
        r.RequestWorstCaseCostUsd = requestCost;
        return r;
    }

    private static TaskFixture SupportBot(CallSiteRecord agent)
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini"));
        f.Add(agent);
        return f;
    }

    [Fact]
    public void TheLoopsWorstCasePerRequestCountsAgainstTheFeaturesBudgetPerRequest()
    {
        using var f = SupportBot(Agent());

        // $0.05 + $0.61 = $0.66 per request; a budget of $0.10 per request that one call's $0.004 would have passed.
        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.10", callsPerMonth: "1000") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.Errors, e => e.Code == FindingCodes.FeatureBudgetExceeded);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Agent.cs"), error.File);
        Assert.Contains("worst case $0.66 per request exceeds its budget of $0.10 by $0.56", error.Message);
        Assert.Contains("largest: Bot/Agent.cs(12) gpt-4o-mini $0.61 (tool loop of 40 model calls)", error.Message);

        var feature = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("features")!.Items.Single(x => x.GetString("name") == "support-bot");
        Assert.Equal("0.66", feature.Get("perRequestUsd")!.Text);
        Assert.Equal("660", feature.Get("monthlyUsd")!.Text);
    }

    [Fact]
    public void TheMonthlyProjectBudgetCountsTheLoopToo()
    {
        using var f = SupportBot(Agent());

        var (result, _) = f.Run(t =>
        {
            t.ProjectMaxCostPerRequestUsd = "1.00";
            t.ProjectCallsPerMonth = "1000";
            t.ProjectMaxMonthlyCostUsd = "500";
        });

        Assert.False(result);
        Assert.Contains(f.Engine.Errors, e => e.Code == FindingCodes.ProjectBudgetExceeded && e.Message!.Contains("$660", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ALoopWhoseCapIsUnknownMakesTheTotalIncompleteInsteadOfCountingOneCall()
    {
        using var f = SupportBot(Agent(capSource: "unknown", cap: null, requestCost: null));

        var (result, _) = f.Run(t => t.Features = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "1.00") });

        var feature = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("features")!.Items.Single(x => x.GetString("name") == "support-bot");
        Assert.Equal("0.05", feature.Get("perRequestUsd")!.Text);
        Assert.Contains(f.Engine.Warnings, w => w.Code == FindingCodes.ReportIncomplete);
        Assert.Contains("tool loop with a cap that cannot be known", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void TheReportsShowTheCapItsSourceTheAssumptionsAndTheWorstCasePerRequest()
    {
        using var f = SupportBot(Agent());

        f.Run();

        var markdown = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("### " + ToolLoopSection.Heading, markdown);
        Assert.Contains("| Bot/Agent.cs:12 | gpt-4o-mini | 40 (library default, assumed: FunctionInvokingChatClient.MaximumIterationsPerRequest default of Microsoft.Extensions.AI 10.11.0.0) | 1,000 (assumed; prompt\\_budget.tool\\_result\\_tokens) | 1,218,000 in, 40,000 out | $0.004 | **$0.61** |", markdown);
        Assert.Contains("$0.004 per call, $0.61 per request (40 model calls)", markdown);

        var html = f.ReadReport(HtmlReportWriter.FileName);
        Assert.Contains("<table class=\"sortable\" id=\"loops\">", html);
        Assert.Contains("40 (library default, assumed: FunctionInvokingChatClient.MaximumIterationsPerRequest default of Microsoft.Extensions.AI 10.11.0.0)", html);
        Assert.Contains("1,000 (assumed; prompt_budget.tool_result_tokens)", html);

        var site = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("callSites")!.Items.Single(s => s.GetString("file") == "Bot/Agent.cs");
        Assert.Equal("40", site.Get(CallSiteFieldNames.LoopIterationCap)!.Text);
        Assert.Equal("library-default", site.GetString(CallSiteFieldNames.LoopIterationCapSource));
        Assert.True(site.Get(CallSiteFieldNames.ToolResultTokensAssumed)!.Boolean);
        Assert.Equal("0.61", site.Get(CallSiteFieldNames.RequestWorstCaseCostUsd)!.Text);
    }
}
