using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Build.Usage;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>
/// PromptBudgetUsageFiles: OTLP/JSON spans from running apps against the static estimate (PB3009, PB3010,
/// PB2006). The fixtures were written by the OpenTelemetry JS SDK's own serializer (Fixtures/otlp/README.md).
/// </summary>
public class UsageTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "otlp", name);

    /// <summary>The two call sites the fixture's spans were made for.</summary>
    private static TaskFixture Shop()
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, inputTokens: 1200, model: "gpt-4o"));
        f.Add(Sites.Record(file: "Bot/Summary.cs", line: 10, inputTokens: 500, model: "gpt-4o-mini", member: "Support.Bot.Summarize()"));
        return f;
    }

    private static string CopyFixture(TaskFixture f, string name)
    {
        var target = Path.Combine(f.ProjectDirectory, "usage", name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Fixture(name), target, overwrite: true);
        return "usage/" + name;
    }

    [Theory]
    [InlineData("traces.jsonl")]
    [InlineData("traces.jsonl.gz")]
    public void Spans_of_the_sdk_fixture_match_by_location_then_by_model_and_are_counted(string name)
    {
        using var f = Shop();
        var file = CopyFixture(f, name);

        var (result, task) = f.Run(t => t.UsageFiles = file);

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageFileUnreadable));
        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"estimateVsActual\"", json);
        Assert.Contains("\"spans\": 22", json);
        Assert.Contains("\"withoutUsage\": 2", json);
        Assert.Contains("\"matchedByLocation\": 16", json);
        Assert.Contains("\"matchedByModel\": 3", json);
        Assert.Contains("\"unmatched\": 1", json);
        var md = f.ReadReport(MarkdownReportWriter.FileName);
        Assert.Contains("### Estimate vs actual", md);
    }

    [Fact]
    public void Input_above_the_static_worst_case_is_PB3009_at_the_call_and_a_model_the_code_does_not_name_is_PB3010()
    {
        using var f = Shop();
        var file = CopyFixture(f, "traces.jsonl");

        f.Run(t => t.UsageFiles = file);

        var over = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.UsageAboveWorstCase));
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), over.File);
        Assert.Equal(41, over.LineNumber);
        Assert.Contains("11 spans at this call used more than the static worst case: input up to 1,350 tokens against a worst case of 1,200", over.Message);
        Assert.DoesNotContain("output up to", over.Message);

        var drift = f.Engine.WarningsWithCode(FindingCodes.UsageModelDrift).ToList();
        Assert.Equal(2, drift.Count);
        Assert.Equal(41, drift[0].LineNumber);
        Assert.Contains("names gpt-4o, but its spans report gpt-4.1 (1 spans)", drift[0].Message);
        Assert.Contains("claude-sonnet-4-5 (1 spans)", drift[1].Message);
        Assert.Empty(f.Engine.Errors);
    }

    [Fact]
    public void Under_FailOn_none_nothing_is_logged_but_the_report_still_compares()
    {
        using var f = Shop();
        var file = CopyFixture(f, "traces.jsonl");

        f.Run(t => { t.UsageFiles = file; t.FailOn = "none"; });

        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageAboveWorstCase));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.UsageModelDrift));
        Assert.Contains("### Estimate vs actual", f.ReadReport(MarkdownReportWriter.FileName));
    }

    [Fact]
    public void Reports_have_no_usage_section_without_usage_files_and_are_deterministic_with_them()
    {
        using var f = Shop();
        f.Run();
        Assert.DoesNotContain("estimateVsActual", f.ReadReport(JsonReportWriter.FileName));
        Assert.DoesNotContain("Estimate vs actual", f.ReadReport(MarkdownReportWriter.FileName));

        var file = CopyFixture(f, "traces.jsonl");
        f.Run(t => t.UsageFiles = file);
        var first = (f.ReadReport(JsonReportWriter.FileName), f.ReadReport(MarkdownReportWriter.FileName), f.ReadReport(HtmlReportWriter.FileName));
        f.Run(t => t.UsageFiles = file);
        Assert.Equal(first, (f.ReadReport(JsonReportWriter.FileName), f.ReadReport(MarkdownReportWriter.FileName), f.ReadReport(HtmlReportWriter.FileName)));
    }

    [Fact]
    public void A_missing_file_a_malformed_line_and_a_non_number_are_PB2006_with_file_and_line_and_the_rest_is_read()
    {
        using var f = Shop();
        var good = File.ReadAllLines(Fixture("traces.jsonl"));
        var bad = good[0].Replace("\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":900}", "\"gen_ai.usage.input_tokens\",\"value\":{\"stringValue\":\"lots\"}");
        Assert.NotEqual(good[0], bad);
        var path = Path.Combine(f.ProjectDirectory, "bad.jsonl");
        File.WriteAllLines(path, new[] { "{not json", bad, good[1], "[]", good[2] });

        var (result, _) = f.Run(t => t.UsageFiles = "bad.jsonl;missing.jsonl");

        Assert.True(result, f.Engine.Log());
        var problems = f.Engine.WarningsWithCode(FindingCodes.UsageFileUnreadable).ToList();
        Assert.True(4 == problems.Count, string.Join("\n", problems.Select(p => p.LineNumber + ": " + p.Message)));
        Assert.All(problems.Take(3), p => Assert.Equal(path, p.File));
        Assert.Equal(new[] { 1, 2, 4, 0 }, problems.Select(p => p.LineNumber).ToArray());
        Assert.Contains("not JSON", problems[0].Message);
        Assert.Contains("'gen_ai.usage.input_tokens' is 'lots', not a whole number", problems[1].Message);
        Assert.Contains("missing.jsonl", problems[3].Message);
        Assert.Contains("does not exist", problems[3].Message);

        // Line 2 keeps its 10 usable spans; lines 3 and 5 are read whole.
        var json = f.ReadReport(JsonReportWriter.FileName);
        Assert.Contains("\"unreadableSpans\": 1", json);
        Assert.Contains("\"unreadableLines\": 2", json);
        Assert.Contains("\"matchedByLocation\": 15", json);
        Assert.Contains("\"matchedByModel\": 3", json);
    }

    [Fact]
    public void A_truncated_gzip_file_is_PB2006_and_the_lines_before_the_damage_are_kept()
    {
        using var f = Shop();
        var text = string.Concat(Enumerable.Repeat(File.ReadAllText(Fixture("traces.jsonl")), 50));
        byte[] gz;
        using (var buffer = new MemoryStream())
        {
            using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                zip.Write(bytes, 0, bytes.Length);
            }

            gz = buffer.ToArray();
        }

        var path = Path.Combine(f.ProjectDirectory, "cut.jsonl.gz");
        File.WriteAllBytes(path, gz.Take(gz.Length / 2).ToArray());

        var (result, _) = f.Run(t => t.UsageFiles = "cut.jsonl.gz");

        Assert.True(result, f.Engine.Log());
        var all = f.Engine.WarningsWithCode(FindingCodes.UsageFileUnreadable).ToList();
        Assert.True(all.Count == 1, string.Join("\n", all.Select(p => p.LineNumber + ": " + p.Message)));
        var problem = all[0];
        Assert.Equal(path, problem.File);
        Assert.True(problem.LineNumber > 1, problem.Message);
        Assert.Contains("ends early or is damaged", problem.Message);
    }

    [Fact]
    public void Ints_may_be_strings_or_numbers_and_older_attribute_names_are_read()
    {
        var line = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"chat\",\"attributes\":["
            + "{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}},"
            + "{\"key\":\"gen_ai.usage.prompt_tokens\",\"value\":{\"intValue\":\"9007199254740993\"}},"
            + "{\"key\":\"gen_ai.usage.completion_tokens\",\"value\":{\"doubleValue\":12.0}},"
            + "{\"key\":\"code.filepath\",\"value\":{\"stringValue\":\"src/Bot/Answer.cs\"}},"
            + "{\"key\":\"code.lineno\",\"value\":{\"intValue\":\"43\"}}]}]}]}]}";
        using var temp = new TempDirectory();
        var path = temp.Combine("one.jsonl");
        File.WriteAllText(path, line + "\n");
        UsageSpan? seen = null;
        var problems = new System.Collections.Generic.List<UsageProblem>();

        OtlpUsageReader.Read(path, s => seen = new UsageSpan { InputTokens = s.InputTokens, OutputTokens = s.OutputTokens, FilePath = s.FilePath, Line = s.Line, RequestModel = s.RequestModel }, new UsageReadCounts(), problems);

        Assert.Empty(problems);
        Assert.Equal(9007199254740993L, seen!.InputTokens);
        Assert.Equal(12L, seen.OutputTokens);
        Assert.Equal("src/Bot/Answer.cs", seen.FilePath);
        Assert.Equal(43L, seen.Line);
    }

    [Fact]
    public void Percentiles_are_exact_up_to_the_limit_and_within_one_percent_above_it()
    {
        var small = new TokenDistribution();
        for (var i = 1; i <= 100; i++)
        {
            small.Add(i);
        }

        Assert.True(small.IsExact);
        Assert.Equal(50, small.Percentile(50));
        Assert.Equal(95, small.Percentile(95));
        Assert.Equal(100, small.Max);

        var large = new TokenDistribution();
        for (var i = 1; i <= 100_000; i++)
        {
            large.Add(i);
        }

        Assert.False(large.IsExact);
        Assert.Equal(100_000, large.Max);
        Assert.InRange(large.Percentile(50), 50_000, 50_400);
        Assert.InRange(large.Percentile(95), 95_000, 95_800);
        Assert.Equal(100_000, large.Percentile(100));
    }
}
