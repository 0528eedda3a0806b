using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Sarif;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

public class SarifReadingTests
{
    [Fact]
    public void Reads_PB0001_results_with_their_location_and_payload()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.31m));
        f.Add(Sites.Record(file: "Bot/Classify.cs", line: 7, member: "Support.Bot.ClassifyAsync(string)", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini"));

        var (result, task) = f.Run();

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.Warnings);
        var sites = CallSites(f);
        Assert.Equal(2, sites.Length);
        Assert.Equal("Bot/Answer.cs", sites[0].GetString("file"));
        Assert.Equal("41", sites[0].Get("line")!.Text);
        Assert.Equal("gpt-4o", sites[0].GetString(CallSiteFieldNames.Model));
        Assert.Equal("0.31", sites[0].Get("worstCaseCostUsd")!.Text);
        Assert.Equal("Bot/Classify.cs", sites[1].GetString("file"));
        Assert.Equal("gpt-4o-mini", sites[1].GetString(CallSiteFieldNames.Model));
        Assert.Equal(Path.Combine(f.IntermediateDirectory, JsonReportWriter.FileName), task.JsonReport);
        Assert.Equal(3, task.ReportFiles.Length);
    }

    [Fact]
    public void The_location_in_the_log_wins_over_the_payload_line()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(line: 41), line: 44);

        f.Run();

        Assert.Equal("44", CallSites(f)[0].Get("line")!.Text);
    }

    [Fact]
    public void Suppressed_results_and_other_rules_are_skipped()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        f.Add(Sites.Record(file: "Bot/Secret.cs", member: "Support.Bot.Secret()"), suppressed: true);
        f.Sarif.AddPayload(null, "Bot/Answer.cs", 12, ruleId: "CS8618");
        f.Sarif.AddPayload(null, "Bot/Answer.cs", 13, ruleId: "PB1003");

        var (result, _) = f.Run();

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.Warnings);
        Assert.Equal(new[] { "Bot/Answer.cs" }, CallSites(f).Select(s => s.GetString("file")).ToArray());
    }

    [Fact]
    public void A_bad_payload_is_a_PB3004_warning_at_its_location_and_the_rest_is_kept()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        f.Sarif.AddPayload("{\"v\":1,\"file\":", "Bot/Broken.cs", 17);
        f.Sarif.AddPayload(CallSiteRecordJson.Write(Sites.Record(file: "Bot/Future.cs")).Replace("{\"v\":1,", "{\"v\":99,"), "Bot/Future.cs", 3);

        var (result, _) = f.Run();

        Assert.True(result);
        var warnings = f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Broken.cs"), warnings[0].File);
        Assert.Equal(17, warnings[0].LineNumber);
        Assert.Contains("Bot/Broken.cs(17)", warnings[0].Message);
        Assert.Contains("not valid JSON", warnings[0].Message);
        Assert.Equal(3, warnings[1].LineNumber);
        Assert.Contains("schema version 99", warnings[1].Message);
        Assert.Single(CallSites(f));
        Assert.Contains("\"complete\": false", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void A_missing_error_log_is_a_PB3004_warning_and_empty_reports()
    {
        using var f = new TaskFixture();

        var (result, task) = f.Run(writeErrorLog: false);

        Assert.True(result);
        Assert.Empty(f.Engine.Errors);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Contains(f.ErrorLogPath, warning.Message);
        Assert.Contains("does not exist", warning.Message);
        Assert.Empty(CallSites(f));
        Assert.True(File.Exists(task.MarkdownReport));
        Assert.True(File.Exists(task.HtmlReport));
    }

    [Fact]
    public void An_empty_error_log_property_is_a_PB3004_warning()
    {
        using var f = new TaskFixture();

        var (result, _) = f.Run(t => t.ErrorLog = "", writeErrorLog: false);

        Assert.True(result);
        Assert.Equal(FindingCodes.ReportIncomplete, Assert.Single(f.Engine.Warnings).Code);
    }

    [Fact]
    public void An_unreadable_error_log_is_a_PB3004_warning_pointing_at_it()
    {
        using var f = new TaskFixture();
        Directory.CreateDirectory(Path.GetDirectoryName(f.ErrorLogPath)!);
        File.WriteAllText(f.ErrorLogPath, "{\n  \"version\": \"2.1.0\",\n  \"runs\": [ { \"results\": [ \n");

        var (result, _) = f.Run(writeErrorLog: false);

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Equal(f.ErrorLogPath, warning.File);
        Assert.True(warning.LineNumber > 0);
        Assert.Contains("cannot be read", warning.Message);
    }

    [Fact]
    public void A_SARIF_1_log_is_reported_as_unreadable()
    {
        using var f = new TaskFixture();
        Directory.CreateDirectory(Path.GetDirectoryName(f.ErrorLogPath)!);
        File.WriteAllText(f.ErrorLogPath, "{\"version\": \"1.0.0\", \"runs\": [ { \"results\": [] } ] }");

        f.Run(writeErrorLog: false);

        Assert.Contains("not 2.1", Assert.Single(f.Engine.Warnings).Message);
    }

    [Fact]
    public void A_run_without_PB0001_results_is_fine()
    {
        using var f = new TaskFixture();

        var (result, _) = f.Run();

        Assert.True(result);
        Assert.Empty(f.Engine.Warnings);
        Assert.Contains("\"complete\": true", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void PB0001_turned_off_is_a_PB3004_warning()
    {
        using var f = new TaskFixture();

        var (result, _) = f.Run(t => t.Pb0001Disabled = true);

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Contains("PB0001 is turned off", warning.Message);
    }

    [Fact]
    public void File_URIs_become_local_paths()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("My Shop", "Bot", "Answer #1.cs");
        var uri = new System.Uri(path).AbsoluteUri;
        Assert.Contains("%20", uri);

        Assert.Equal(path, ProjectPaths.ToLocalPath(uri, temp.Path));
        Assert.Equal(temp.Combine("Bot", "A.cs"), ProjectPaths.ToLocalPath("Bot/A.cs", temp.Path));
    }

    internal static JsonValue[] CallSites(TaskFixture f) =>
        JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("callSites")!.Items.ToArray();
}
