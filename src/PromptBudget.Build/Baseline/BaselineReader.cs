using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PromptBudget.Build.Reports;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Baseline;

/// <summary>
/// Reads the call sites of an earlier promptbudget.json, whole, with the field table the report is
/// written with. Reads the current schema and version 1 (see <see cref="ReportSchemaV1"/>), so a
/// committed baseline keeps working after an upgrade; any other version is an error that says so.
/// </summary>
public static class BaselineReader
{
    /// <summary>The baseline's sites, or null with <paramref name="error"/> (and its line) saying why not.</summary>
    public static List<BaselineSite>? Read(string path, out string error, out int errorLine)
    {
        error = "";
        errorLine = 0;
        if (!File.Exists(path))
        {
            error = "the file does not exist";
            return null;
        }

        JsonValue root;
        try
        {
            root = JsonReader.Parse(File.ReadAllText(path));
        }
        catch (JsonParseException ex)
        {
            error = "it is not valid JSON: " + ex.Message;
            errorLine = ex.Line;
            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            error = ex.Message;
            return null;
        }

        var version = root.Get("schemaVersion");
        var versionText = version is { Kind: JsonKind.Number } ? version.Text! : null;
        Func<JsonValue, string, JsonValue?> lookup;
        if (versionText == JsonReportWriter.SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            lookup = (site, name) => site.Get(name);
        }
        else if (versionText == ReportSchemaV1.Version.ToString(CultureInfo.InvariantCulture))
        {
            lookup = ReportSchemaV1.Lookup;
        }
        else
        {
            // Say which version it is and which this build reads, so a team with a newer (or no) report knows what to do.
            error = (versionText is null ? "it has no schemaVersion, so it is not a promptbudget.json" : $"it is a promptbudget.json of schema version {versionText}")
                + $", and this PromptBudget reads schema versions {ReportSchemaV1.Version} to {JsonReportWriter.SchemaVersion}; write the baseline again with this version";
            errorLine = root.Line;
            return null;
        }

        if (root.Get("callSites") is not { Kind: JsonKind.Array } sites)
        {
            error = "it has no 'callSites' array";
            errorLine = root.Line;
            return null;
        }

        var result = new List<BaselineSite>();
        foreach (var site in sites.Items)
        {
            var id = site.GetString(JsonReportWriter.IdName);
            if (string.IsNullOrEmpty(id))
            {
                error = $"a call site has no '{JsonReportWriter.IdName}'";
                errorLine = site.Line;
                return null;
            }

            try
            {
                result.Add(new BaselineSite(id!, CallSiteFields.Read(name => lookup(site, name))));
            }
            catch (FormatException ex)
            {
                error = $"call site '{id}' cannot be read: {ex.Message}";
                errorLine = site.Line;
                return null;
            }
        }

        return result;
    }
}
