using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Payload;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

public class PayloadReadingTests
{
    [Fact]
    public void Reads_the_call_sites_of_the_payload_with_their_files_and_lines()
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
        Assert.Contains("\"complete\": true", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void A_bad_line_is_a_PB3004_warning_naming_the_line_and_the_rest_is_kept()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        var future = CallSiteRecordJson.Write(Sites.Record(file: "Bot/Future.cs")).Replace("{\"v\":1,", "{\"v\":99,");
        File.WriteAllText(f.WritePayload(), "{\"promptbudget.payload\":1,\"callSites\":3}\n" + CallSiteRecordJson.Write(f.Records[0]) + "\n{\"v\":1,\"file\":\n" + future + "\n");

        var (result, _) = f.Run(writePayload: false);

        Assert.True(result);
        var warnings = f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(f.PayloadPath, warnings[0].File);
        Assert.Equal(3, warnings[0].LineNumber);
        Assert.Contains("not valid JSON", warnings[0].Message);
        Assert.Equal(4, warnings[1].LineNumber);
        Assert.Contains("schema version 99", warnings[1].Message);
        Assert.Single(CallSites(f));
        Assert.Contains("\"complete\": false", f.ReadReport(JsonReportWriter.FileName));
    }

    [Fact]
    public void A_cut_off_payload_is_incomplete()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        File.WriteAllText(f.WritePayload(), "{\"promptbudget.payload\":1,\"callSites\":2}\n" + CallSiteRecordJson.Write(f.Records[0]) + "\n");

        f.Run(writePayload: false);

        Assert.Contains("promises 2 call sites but the file has 1", Assert.Single(f.Engine.Warnings).Message);
        Assert.Single(CallSites(f));
    }

    [Fact]
    public void A_missing_payload_is_a_PB3004_warning_and_empty_reports()
    {
        using var f = new TaskFixture();

        var (result, task) = f.Run(writePayload: false);

        Assert.True(result);
        Assert.Empty(f.Engine.Errors);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Contains(f.PayloadPath, warning.Message);
        Assert.Contains("does not exist", warning.Message);
        Assert.Empty(CallSites(f));
        Assert.True(File.Exists(task.MarkdownReport));
        Assert.True(File.Exists(task.HtmlReport));
    }

    [Fact]
    public void A_file_that_is_not_a_payload_is_a_PB3004_warning_pointing_at_it()
    {
        using var f = new TaskFixture();
        File.WriteAllText(f.WritePayload(), "{\"version\": \"2.1.0\", \"runs\": []}\n");

        var (result, _) = f.Run(writePayload: false);

        Assert.True(result);
        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(f.PayloadPath, warning.File);
        Assert.Contains("not a PromptBudget payload", warning.Message);
    }

    [Fact]
    public void A_project_without_prompt_calls_gets_no_report_and_loses_its_old_one()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        f.Run();
        Assert.True(File.Exists(Path.Combine(f.IntermediateDirectory, JsonReportWriter.FileName)));
        f.Records.Clear();

        var (result, task) = f.Run();

        Assert.True(result);
        Assert.Empty(f.Engine.Warnings);
        Assert.Empty(task.ReportFiles);
        foreach (var name in new[] { JsonReportWriter.FileName, MarkdownReportWriter.FileName, HtmlReportWriter.FileName })
        {
            Assert.False(File.Exists(Path.Combine(f.IntermediateDirectory, name)), name);
        }
    }

    [Fact]
    public void In_a_shared_report_folder_a_project_that_loses_its_prompts_leaves_the_combined_report()
    {
        using var f = new TaskFixture();
        var shared = f.TempPath("reports");
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        f.Run(t => { t.ReportDirectory = shared; t.ProjectName = "Other"; });
        f.Run(t => t.ReportDirectory = shared);
        Assert.Equal(2, JsonReader.Parse(File.ReadAllText(Path.Combine(shared, JsonReportWriter.FileName))).Get("callSites")!.Items.Count);

        f.Records.Clear();
        f.Run(t => t.ReportDirectory = shared);

        Assert.True(File.Exists(Path.Combine(shared, "Other", "net8.0", JsonReportWriter.FileName)), "another project's report stays");
        Assert.False(File.Exists(Path.Combine(shared, "Shop", "net8.0", JsonReportWriter.FileName)), "this project's own old report goes");
        Assert.Single(JsonReader.Parse(File.ReadAllText(Path.Combine(shared, JsonReportWriter.FileName))).Get("callSites")!.Items);
    }

    [Fact]
    public void A_payload_the_compile_of_this_build_did_not_write_is_not_reported_and_is_deleted()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.31m));
        var payload = f.WritePayload();
        var assembly = f.TempPath("Shop.dll");
        File.WriteAllText(assembly, "new");
        var payloadTicks = File.GetLastWriteTime(payload).Ticks;

        // The assembly's time changed during the build (the compiler ran); the payload's did not.
        f.Run(
            t =>
            {
                t.CompiledAssembly = assembly;
                t.AssemblyTicksBeforeCompile = (File.GetLastWriteTime(assembly).Ticks - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                t.PayloadTicksBeforeCompile = payloadTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            },
            writePayload: false);

        var warning = Assert.Single(f.Engine.Warnings);
        Assert.Equal(FindingCodes.ReportIncomplete, warning.Code);
        Assert.Contains("RunAnalyzers=false", warning.Message);
        Assert.Empty(CallSites(f));
        Assert.False(File.Exists(payload), "the stale payload is deleted so the next build compiles again");
    }

    [Fact]
    public void Before_the_compile_the_reports_say_it_has_not_finished_and_nothing_is_logged()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", worstCaseCostUsd: 0.31m));
        f.Run();
        Assert.Single(CallSites(f));

        var (result, _) = f.Run(t => t.CompileFinished = false);

        Assert.True(result);
        Assert.Empty(f.Engine.Warnings);
        Assert.Empty(f.Engine.Errors);
        Assert.Empty(CallSites(f));
        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"complete\": false", json);
        Assert.Contains("has not finished", json);
    }

    [Fact]
    public void Before_the_compile_a_project_without_a_report_gets_none()
    {
        using var f = new TaskFixture();

        f.Run(t => t.CompileFinished = false);

        Assert.False(File.Exists(Path.Combine(f.IntermediateDirectory, JsonReportWriter.FileName)));
    }

    [Theory]
    [InlineData(true, true, 10L, 10L, 5L, 5L, PayloadState.Current)] // compile skipped: the last payload stands
    [InlineData(true, true, 10L, 20L, 5L, 6L, PayloadState.Current)] // compiled and written
    [InlineData(true, true, 10L, 10L, 5L, 6L, PayloadState.NotWrittenByThisCompile)]
    [InlineData(true, false, 10L, 0L, 5L, 6L, PayloadState.Missing)]
    [InlineData(false, true, 10L, 20L, 5L, 6L, PayloadState.CompilePending)]
    public void Freshness_compares_file_times_before_and_after_the_compile(bool finished, bool exists, long payloadBefore, long payloadNow, long assemblyBefore, long assemblyNow, PayloadState expected) =>
        Assert.Equal(expected, PayloadFreshness.Judge(finished, exists, payloadBefore, payloadNow, assemblyBefore, assemblyNow));

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
