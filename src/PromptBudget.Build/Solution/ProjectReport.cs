using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Reports;
using PromptBudget.Core.Json;

namespace PromptBudget.Build.Solution;

/// <summary>
/// One project's promptbudget.json as the solution report reads it back: the project, its target
/// framework and folder, its call sites (whole records) and the limits of its features.
/// </summary>
public sealed class ProjectReport
{
    private ProjectReport(string project, string targetFramework, string? projectDirectory, bool complete, List<BaselineSite> sites, Dictionary<string, BudgetLimits> features)
    {
        Complete = complete;
        Project = project;
        TargetFramework = targetFramework;
        ProjectDirectory = projectDirectory;
        Sites = sites;
        Features = features;
    }

    public string Project { get; }

    public string TargetFramework { get; }

    /// <summary>The project's folder, so a finding at one of its sites names a file an IDE can open.</summary>
    public string? ProjectDirectory { get; }

    /// <summary>Whether that project's report saw every call site with a known cost.</summary>
    public bool Complete { get; }

    public List<BaselineSite> Sites { get; }

    /// <summary>Feature limits by name (ignoring case), from the report's features section.</summary>
    public Dictionary<string, BudgetLimits> Features { get; }

    /// <summary>
    /// The report at <paramref name="path"/>, or null with <paramref name="error"/> when it cannot be read.
    /// The JSON holds no absolute path (the same input gives the same bytes on every machine), so only the
    /// project being built, <paramref name="knownProject"/>, gets its folder: findings at its sites can name a file.
    /// </summary>
    public static ProjectReport? Read(string path, (string Name, string Directory) knownProject, out string error)
    {
        var sites = BaselineReader.Read(path, out error, out _);
        if (sites is null)
        {
            return null;
        }

        JsonValue root;
        try
        {
            root = JsonReader.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonParseException)
        {
            error = ex.Message;
            return null;
        }

        var features = new Dictionary<string, BudgetLimits>(StringComparer.OrdinalIgnoreCase);
        if (root.Get("features") is { Kind: JsonKind.Array } list)
        {
            foreach (var feature in list.Items)
            {
                var name = feature.GetString("name");
                var budgets = feature.Get("budgets");
                if (string.IsNullOrEmpty(name) || budgets is null)
                {
                    continue;
                }

                var limits = new BudgetLimits(name!, Amount(budgets, "maxCostPerRequestUsd"), Amount(budgets, "callsPerMonth"), Amount(budgets, "maxMonthlyCostUsd"));
                if (limits.HasAny)
                {
                    features[name!] = limits;
                }
            }
        }

        return new ProjectReport(root.GetString("project") ?? "", root.GetString("targetFramework") ?? "", root.GetString("project") == knownProject.Name ? knownProject.Directory : null, root.Get("complete") is { Kind: JsonKind.Boolean, Boolean: true }, sites, features);
    }

    private static decimal? Amount(JsonValue o, string name) =>
        o.Get(name) is { Kind: JsonKind.Number } n && decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
