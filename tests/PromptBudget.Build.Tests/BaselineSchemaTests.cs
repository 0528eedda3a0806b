using System.IO;
using System.Linq;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using PromptBudget.Tests.Shared;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>The baseline reader reads what the JSON report writes, field for field, and a version-1 report still.</summary>
public class BaselineSchemaTests
{
    [Fact]
    public void A_report_written_by_this_version_reads_back_with_every_field()
    {
        using var f = new TaskFixture();
        var record = FullCallSiteRecord.Create();
        f.Add(record);
        var (_, task) = f.Run();
        var reportedId = JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("callSites")!.Items[0].GetString(JsonReportWriter.IdName);

        var sites = BaselineReader.Read(task.JsonReport!, out var error, out _);

        Assert.True(sites is not null, error);
        var site = Assert.Single(sites!);
        Assert.Equal(reportedId, site.Id);
        FullCallSiteRecord.AssertNoDefaults(site.Record);
        // The record's file is already project-relative and its feature named, so the report shows it unchanged.
        Assert.Equal(CallSiteRecordJson.Write(record), CallSiteRecordJson.Write(site.Record));
    }

    [Fact]
    public void A_version_1_report_reads_its_renamed_and_nested_fields()
    {
        using var f = new TaskFixture();
        var path = f.TempPath("v1.json");
        File.WriteAllText(path, """
            {
              "schemaVersion": 1,
              "callSites": [
                {
                  "id": "a1b2c3", "file": "Bot/Answer.cs", "line": 41, "column": 9, "member": "Support.Bot.AnswerAsync(string)",
                  "model": "prod-chat", "gen_ai.request.model": "prod-chat", "resolvedModel": "gpt-4o",
                  "inputTokens": 1200, "gen_ai.usage.input_tokens": 1200,
                  "maxOutputTokens": 1000, "gen_ai.request.max_tokens": 1000, "maxOutputSource": "set",
                  "reasoningTokens": 64, "cacheablePrefixTokens": 1024, "worstCaseCostUsd": 0.013,
                  "budget": { "maxInputTokens": 2000, "maxOutputTokens": 4000, "maxCostPerCallUsd": 0.05 },
                  "status": "ok"
                }
              ]
            }
            """);

        var sites = BaselineReader.Read(path, out var error, out _);

        Assert.True(sites is not null, error);
        var r = Assert.Single(sites!).Record;
        Assert.Equal(("prod-chat", "gpt-4o"), (r.Model, r.ResolvedModel));
        Assert.Equal((1200L, 1000L, 64L, 1024L), (r.InputTokens, r.MaxOutputTokens!.Value, r.ReasoningTokens, r.CacheablePrefixTokens));
        Assert.Equal((2000L, 4000L, 0.05m), (r.BudgetMaxInputTokens!.Value, r.BudgetMaxOutputTokens!.Value, r.BudgetMaxCostPerCallUsd!.Value));
        Assert.Equal(0.013m, r.WorstCaseCostUsd);
    }

    [Fact]
    public void A_version_1_baseline_still_catches_a_regression()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.20m, inputTokens: 1200));
        var (_, current) = f.Run();
        var id = JsonReader.Parse(File.ReadAllText(current.JsonReport!)).Get("callSites")!.Items[0].GetString("id");
        var path = f.TempPath("v1.json");
        File.WriteAllText(path, "{ \"schemaVersion\": 1, \"callSites\": [ { \"id\": \"" + id + "\", \"file\": \"Bot/Answer.cs\", \"line\": 41, "
            + "\"model\": \"gpt-4o\", \"resolvedModel\": \"gpt-4o\", \"inputTokens\": 1200, \"worstCaseCostUsd\": 0.10 } ] }");

        var (result, _) = f.Run(t => t.Baseline = path);

        Assert.False(result);
        Assert.Contains("worst case $0.10 → $0.20 (+100%)", Assert.Single(f.Engine.Errors).Message);
    }
}
