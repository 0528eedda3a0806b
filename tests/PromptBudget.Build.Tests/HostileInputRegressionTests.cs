using System.IO;
using System.Linq;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>The failures <see cref="HostileInputHarnessTests"/> found in the task, each reduced to its smallest input.</summary>
public class HostileInputRegressionTests
{
    /// <summary>
    /// A whole number beyond a long (26 digits fit a decimal) was cast: an OverflowException out of Execute (MSBuild's
    /// MSB4018 and a stack trace), and a line beyond an int wrapped silently. Now that line is PB3004 naming the field.
    /// </summary>
    [Theory]
    [InlineData(CallSiteFieldNames.InputTokens, "99999999999999999999999999")]
    [InlineData(CallSiteFieldNames.Line, "99999999999")]
    [InlineData(CallSiteFieldNames.WorstCaseCostUsd, "1e400")]
    public void A_number_out_of_range_in_the_payload_is_a_PB3004_naming_the_field_and_the_rest_is_kept(string field, string number)
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs"));
        f.Add(Sites.Record(file: "Bot/Huge.cs"));
        var path = f.WritePayload();
        var lines = File.ReadAllLines(path);
        lines[2] = System.Text.RegularExpressions.Regex.Replace(lines[2], "\"" + System.Text.RegularExpressions.Regex.Escape(field) + "\":[0-9.]+", "\"" + field + "\":" + number);
        Assert.Contains(number, lines[2]);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var (result, _) = f.Run(writePayload: false);

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.ReportIncomplete));
        Assert.Equal(f.PayloadPath, warning.File);
        Assert.Equal(3, warning.LineNumber);
        Assert.Contains("'" + field + "' is " + number, warning.Message);
        var site = Assert.Single(JsonReader.Parse(f.ReadReport(JsonReportWriter.FileName)).Get("callSites")!.Items);
        Assert.Equal("Bot/Answer.cs", site.GetString("file"));
    }

    [Fact]
    public void A_baseline_with_a_number_out_of_range_is_a_PB3006_naming_the_file_not_an_exception()
    {
        using var f = new TaskFixture();
        f.Add(Sites.Record());
        var baseline = f.TempPath("baseline.json");
        File.WriteAllText(baseline, "{\"schemaVersion\": 2, \"callSites\": [{\"id\": \"x\",\n \"gen_ai.usage.input_tokens\": 99999999999999999999999999}]}");

        var (result, _) = f.Run(t => t.Baseline = baseline);

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.BaselineUnreadable));
        Assert.Equal(baseline, warning.File);
        Assert.Contains("call site 'x' cannot be read: 'gen_ai.usage.input_tokens' is 99999999999999999999999999", warning.Message);
    }
}
