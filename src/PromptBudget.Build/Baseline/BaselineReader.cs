using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PromptBudget.Build.Reports;
using PromptBudget.Core.Json;

namespace PromptBudget.Build.Baseline;

/// <summary>Reads the call sites of an earlier promptbudget.json (schema version 1).</summary>
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
        if (version is not { Kind: JsonKind.Number } || version.Text != JsonReportWriter.SchemaVersion.ToString(CultureInfo.InvariantCulture))
        {
            error = $"it is not a promptbudget.json of schema version {JsonReportWriter.SchemaVersion}";
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
            var id = site.GetString("id");
            if (string.IsNullOrEmpty(id))
            {
                error = "a call site has no 'id'";
                errorLine = site.Line;
                return null;
            }

            result.Add(new BaselineSite(
                id!,
                site.GetString("file") ?? "",
                (int)(Number(site, "line") ?? 0),
                site.GetString("member") ?? "",
                site.GetString("resolvedModel") ?? site.GetString("model"),
                (long)(Number(site, "inputTokens") ?? 0),
                Number(site, "worstCaseCostUsd")));
        }

        return result;
    }

    private static decimal? Number(JsonValue o, string name) =>
        o.Get(name) is { Kind: JsonKind.Number } n && decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
