using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>A shared PromptBudgetReportDirectory: a report per project and target framework, and one combined report.</summary>
public class SolutionReportTests
{
    [Fact]
    public void Each_project_keeps_its_own_report_and_the_combined_one_lists_both()
    {
        using var web = new TaskFixture();
        using var worker = new TaskFixture();
        var shared = web.TempPath("reports");
        web.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.10m));
        worker.Add(Sites.Record(file: "Jobs/Digest.cs", member: "Jobs.Digest.Run()", worstCaseCostUsd: 0.20m));

        web.Run(t => { t.ProjectName = "Web"; t.ReportDirectory = shared; });
        worker.Run(t => { t.ProjectName = "Worker"; t.ReportDirectory = shared; });

        Assert.True(File.Exists(Path.Combine(shared, "Web", "net8.0", JsonReportWriter.FileName)));
        Assert.True(File.Exists(Path.Combine(shared, "Worker", "net8.0", JsonReportWriter.FileName)));
        var combined = JsonReader.Parse(File.ReadAllText(Path.Combine(shared, JsonReportWriter.FileName)));
        Assert.Equal("2 projects (Web, Worker)", combined.GetString("project"));
        Assert.Equal(new[] { "Web/Bot/Answer.cs", "Worker/Jobs/Digest.cs" }, combined.Get("callSites")!.Items.Select(s => s.GetString(CallSiteFieldNames.File)).ToArray());
        Assert.Equal("0.3", combined.Get("totals")!.Get("perRequestUsd")!.Text);
        var markdown = File.ReadAllText(Path.Combine(shared, MarkdownReportWriter.FileName));
        Assert.Contains("Worker/Jobs/Digest.cs:41", markdown);
        Assert.Contains("| **All 2 projects (Web, Worker)** |", markdown);
        Assert.Contains("| **Project Web** |", File.ReadAllText(Path.Combine(shared, "Web", "net8.0", MarkdownReportWriter.FileName)));
    }

    [Fact]
    public void A_feature_spread_over_two_projects_fails_when_its_sum_does()
    {
        using var web = new TaskFixture();
        using var worker = new TaskFixture();
        var shared = web.TempPath("reports");
        web.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.10m));
        worker.Add(Sites.Record(file: "Jobs/Digest.cs", member: "Jobs.Digest.Run()", worstCaseCostUsd: 0.20m));
        var budget = new[] { TaskFixture.Feature("support-bot", maxCostPerRequestUsd: "0.25") };

        var (first, _) = web.Run(t => { t.ProjectName = "Web"; t.ReportDirectory = shared; t.Features = budget; });
        var (second, _) = worker.Run(t => { t.ProjectName = "Worker"; t.ReportDirectory = shared; t.Features = budget; });

        Assert.True(first, "each project alone is within the budget");
        Assert.False(second);
        var error = Assert.Single(worker.Engine.ErrorsWithCode(FindingCodes.FeatureBudgetExceeded));
        Assert.Contains("feature 'support-bot' worst case $0.30 per request exceeds its budget of $0.25 by $0.05 (2 prompts; largest: Worker/Jobs/Digest.cs(41)", error.Message);
        Assert.Equal(Path.Combine(worker.ProjectDirectory, "Jobs", "Digest.cs"), error.File);
    }

    [Fact]
    public void The_combined_report_is_the_same_bytes_whatever_the_build_order()
    {
        string Combined(bool webFirst)
        {
            using var web = new TaskFixture();
            using var worker = new TaskFixture();
            var shared = web.TempPath("reports");
            web.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.10m));
            worker.Add(Sites.Record(file: "Jobs/Digest.cs", member: "Jobs.Digest.Run()", worstCaseCostUsd: 0.20m));
            void RunWeb() => web.Run(t => { t.ProjectName = "Web"; t.ReportDirectory = shared; });
            void RunWorker() => worker.Run(t => { t.ProjectName = "Worker"; t.ReportDirectory = shared; });
            if (webFirst)
            {
                RunWeb();
                RunWorker();
            }
            else
            {
                RunWorker();
                RunWeb();
            }

            // Paths differ between the two temporary folders; everything else must not.
            return File.ReadAllText(Path.Combine(shared, MarkdownReportWriter.FileName));
        }

        Assert.Equal(Combined(webFirst: true), Combined(webFirst: false));
    }

    [Fact]
    public void A_multi_targeted_project_counts_each_site_once_at_its_most_expensive()
    {
        using var f = new TaskFixture();
        var shared = f.TempPath("reports");
        f.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.10m));
        f.Run(t => { t.ProjectName = "Lib"; t.TargetFramework = "net8.0"; t.ReportDirectory = shared; });
        f.Records.Clear();
        f.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.12m));
        f.Run(t => { t.ProjectName = "Lib"; t.TargetFramework = "net10.0"; t.ReportDirectory = shared; });

        var combined = JsonReader.Parse(File.ReadAllText(Path.Combine(shared, JsonReportWriter.FileName)));
        var site = Assert.Single(combined.Get("callSites")!.Items);
        Assert.Equal("0.12", site.Get(CallSiteFieldNames.WorstCaseCostUsd)!.Text);
        Assert.True(File.Exists(Path.Combine(shared, "Lib", "net8.0", JsonReportWriter.FileName)));
        Assert.True(File.Exists(Path.Combine(shared, "Lib", "net10.0", JsonReportWriter.FileName)));
    }
}
