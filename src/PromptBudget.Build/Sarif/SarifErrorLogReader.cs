using System;
using System.IO;
using PromptBudget.Build.Model;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Sarif;

/// <summary>
/// Reads the PB0001 results of the compiler's SARIF 2.1 error log: <c>runs[].results[]</c> with
/// <c>ruleId</c> PB0001, the payload at <c>properties.customProperties["PromptBudget.Payload"]</c>, the
/// location at <c>locations[0].physicalLocation</c>. Results with a non-empty <c>suppressions</c> array
/// are skipped. Nothing here throws for bad input: problems are returned beside what could be read.
/// </summary>
public static class SarifErrorLogReader
{
    public const string RuleId = "PB0001";

    public static SarifReadResult Read(string? errorLogPath, string projectDirectory)
    {
        var result = new SarifReadResult();
        if (string.IsNullOrWhiteSpace(errorLogPath) || !File.Exists(errorLogPath))
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.Missing, errorLogPath, 0, "the file does not exist"));
            return result;
        }

        string text;
        try
        {
            text = File.ReadAllText(errorLogPath);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.Unreadable, errorLogPath, 0, ex.Message));
            return result;
        }

        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonParseException ex)
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.Unreadable, errorLogPath, ex.Line, "it is not valid JSON: " + ex.Message));
            return result;
        }

        var version = root.GetString("version");
        if (root.Kind != JsonKind.Object || root.Get("runs") is not { Kind: JsonKind.Array } runs)
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.Unreadable, errorLogPath, 1, "it has no 'runs' array"));
            return result;
        }

        if (version is null || !version.StartsWith("2.1", StringComparison.Ordinal))
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.Unreadable, errorLogPath, root.Line, $"it is SARIF version '{version ?? "(none)"}', not 2.1 (set ErrorLog to '<path>,version=2.1')"));
            return result;
        }

        foreach (var run in runs.Items)
        {
            if (run.Get("results") is not { Kind: JsonKind.Array } results)
            {
                continue;
            }

            foreach (var item in results.Items)
            {
                if (item.GetString("ruleId") == RuleId)
                {
                    ReadResult(item, projectDirectory, result);
                }
            }
        }

        return result;
    }

    private static void ReadResult(JsonValue item, string projectDirectory, SarifReadResult result)
    {
        if (item.Get("suppressions") is { Kind: JsonKind.Array } suppressions && suppressions.Items.Count > 0)
        {
            result.Suppressed++;
            return;
        }

        var (path, line) = Location(item, projectDirectory);
        var payload = item.Get("properties")?.Get("customProperties")?.GetString(CallSiteRecordJson.PropertyName);
        if (payload is null)
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.BadPayload, path, line, $"it has no '{CallSiteRecordJson.PropertyName}' property"));
            return;
        }

        CallSiteRecord record;
        try
        {
            record = CallSiteRecordJson.Read(payload);
        }
        catch (FormatException ex)
        {
            result.Problems.Add(new SarifProblem(SarifProblemKind.BadPayload, path, line, ex.Message));
            return;
        }

        if (path is null && record.File.Length > 0)
        {
            path = ProjectPaths.ToLocalPath(record.File, projectDirectory);
        }

        result.CallSites.Add(new SarifCallSite(record, path, line > 0 ? line : record.Line));
    }

    private static (string? Path, int Line) Location(JsonValue item, string projectDirectory)
    {
        if (item.Get("locations") is not { Kind: JsonKind.Array } locations || locations.Items.Count == 0)
        {
            return (null, 0);
        }

        var physical = locations.Items[0].Get("physicalLocation");
        var uri = physical?.Get("artifactLocation")?.GetString("uri");
        var startLine = physical?.Get("region")?.Get("startLine");
        var line = startLine is { Kind: JsonKind.Number } && int.TryParse(startLine.Text, out var l) ? l : 0;
        return (uri is null ? null : ProjectPaths.ToLocalPath(uri, projectDirectory), line);
    }
}
