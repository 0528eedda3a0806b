using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Sarif;

namespace PromptBudget.Build;

/// <summary>
/// Runs after CoreCompile: reads the PB0001 results of the compiler's SARIF error log, writes
/// promptbudget.json/.md/.html and logs PB3xxx for budgets that span call sites (per feature, per
/// project) and for regressions against a baseline report.
/// </summary>
public sealed class PromptBudgetReport : Task
{
    /// <summary>The compiler's SARIF 2.1 error log. Missing or unreadable: PB3004 and an empty report.</summary>
    public string? ErrorLog { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = "";

    public string? ProjectName { get; set; }

    public string? TargetFramework { get; set; }

    [Required]
    public string IntermediateReportDirectory { get; set; } = "";

    /// <summary>A second folder the reports are copied to (optional).</summary>
    public string? ReportDirectory { get; set; }

    /// <summary><c>error</c> (default), <c>warning</c> or <c>none</c>: how PB3001–PB3005 are logged.</summary>
    public string? FailOn { get; set; }

    /// <summary>An earlier promptbudget.json to compare with (optional; relative to <see cref="ProjectDirectory"/>).</summary>
    public string? Baseline { get; set; }

    /// <summary>How much (percent) a site's worst case or input tokens may grow over the baseline. Default 10.</summary>
    public string? MaxGrowthPercent { get; set; }

    /// <summary>Days the prices may be old before PB3007 (default 180; 0 turns the check off).</summary>
    public string? MaxPriceAgeDays { get; set; }

    /// <summary>Today, for the price-age check; tests set it.</summary>
    internal DateTime Today { get; set; } = DateTime.UtcNow;

    /// <summary>Leave prompt text out of every report.</summary>
    public bool RedactPrompts { get; set; }

    public string? ProjectMaxCostPerRequestUsd { get; set; }

    public string? ProjectCallsPerMonth { get; set; }

    public string? ProjectMaxMonthlyCostUsd { get; set; }

    /// <summary><c>PromptBudgetFeature</c> items: <c>MaxCostPerRequestUsd</c>, <c>CallsPerMonth</c>, <c>MaxMonthlyCostUsd</c> metadata.</summary>
    public ITaskItem[]? Features { get; set; }

    /// <summary>Set by the targets when .editorconfig or NoWarn turns PB0001 off: the report cannot see any prompt.</summary>
    public bool Pb0001Disabled { get; set; }

    /// <summary>Every report file written (both folders).</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = Array.Empty<ITaskItem>();

    [Output]
    public string? JsonReport { get; private set; }

    [Output]
    public string? MarkdownReport { get; private set; }

    [Output]
    public string? HtmlReport { get; private set; }

    public override bool Execute()
    {
        var findings = new List<Finding>();
        var problems = new List<SettingProblem>();
        var failOn = SettingParser.FailOn(FailOn, problems);
        var maxGrowth = SettingParser.NonNegative(MaxGrowthPercent, PropertyNames.MaxGrowthPercent, problems) ?? 10m;
        var maxPriceAge = SettingParser.NonNegative(MaxPriceAgeDays, PropertyNames.MaxPriceAgeDays, problems) ?? PriceAgeFindings.DefaultMaxAgeDays;
        var projectName = string.IsNullOrWhiteSpace(ProjectName) ? Path.GetFileName(ProjectDirectory.TrimEnd('/', '\\')) : ProjectName!;
        var projectLimits = SettingParser.Project(projectName, ProjectMaxCostPerRequestUsd, ProjectCallsPerMonth, ProjectMaxMonthlyCostUsd, problems);
        var featureLimits = SettingParser.Features(Features, problems);
        findings.AddRange(problems.Select(InputFindings.Setting));

        if (Pb0001Disabled)
        {
            findings.Add(InputFindings.RuleDisabled());
        }

        var sarif = SarifErrorLogReader.Read(ErrorLog, ProjectDirectory);
        findings.AddRange(InputFindings.Sarif(sarif.Problems, ProjectDirectory));
        var inputsComplete = sarif.Problems.Count == 0 && !Pb0001Disabled;
        Log.LogMessage(MessageImportance.Low, $"PromptBudget: {sarif.CallSites.Count} PB0001 results read from '{ErrorLog}', {sarif.Suppressed} suppressed ones skipped.");

        var sites = CallSiteCollector.Collect(sarif.CallSites, ProjectDirectory);
        var features = BudgetCalculator.Features(sites, featureLimits);
        var project = BudgetCalculator.Project(sites, projectLimits);
        foreach (var feature in features)
        {
            findings.AddRange(BudgetFindings.ForFeature(feature));
        }

        findings.AddRange(BudgetFindings.ForProject(project));
        findings.AddRange(PriceAgeFindings.For(sites, maxPriceAge, Today));

        var diff = CompareWithBaseline(sites, maxGrowth, findings);
        var model = new ReportModel(projectName, TargetFramework ?? "", ProjectDirectory, RedactPrompts, sites, features, project, diff, findings, inputsComplete);
        WriteReports(model);

        foreach (var finding in findings)
        {
            LogFinding(finding, failOn);
        }

        return !Log.HasLoggedErrors;
    }

    private BaselineDiff? CompareWithBaseline(IReadOnlyList<ReportCallSite> sites, decimal maxGrowth, List<Finding> findings)
    {
        if (string.IsNullOrWhiteSpace(Baseline))
        {
            return null;
        }

        var path = ProjectPaths.ToLocalPath(Baseline!, ProjectDirectory);
        var baseline = BaselineReader.Read(path, out var error, out var line);
        if (baseline is null)
        {
            findings.Add(InputFindings.BaselineUnreadable(path, line, error));
            return null;
        }

        var diff = BaselineComparer.Compare(baseline, sites, maxGrowth);
        findings.AddRange(RegressionFindings.For(diff));
        return diff;
    }

    private void WriteReports(ReportModel model)
    {
        var reports = new[]
        {
            (Name: JsonReportWriter.FileName, Content: JsonReportWriter.Write(model)),
            (Name: MarkdownReportWriter.FileName, Content: MarkdownReportWriter.Write(model)),
            (Name: HtmlReportWriter.FileName, Content: HtmlReportWriter.Write(model)),
        };

        var written = new List<ITaskItem>();
        var directories = new List<string> { IntermediateReportDirectory };
        if (!string.IsNullOrWhiteSpace(ReportDirectory))
        {
            directories.Add(ReportDirectory!);
        }

        foreach (var directory in directories)
        {
            var fullDirectory = Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(ProjectDirectory, directory));
            foreach (var (name, content) in reports)
            {
                var path = Path.Combine(fullDirectory, name);
                try
                {
                    ReportFileWriter.Write(path, content);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Log.LogWarning(null, FindingCodes.ReportIncomplete, null, path, 0, 0, 0, 0, $"the report '{path}' cannot be written ({ex.Message}). Check that the folder is writable.");
                    continue;
                }

                written.Add(new TaskItem(path));
                if (directory == IntermediateReportDirectory)
                {
                    switch (name)
                    {
                        case JsonReportWriter.FileName: JsonReport = path; break;
                        case MarkdownReportWriter.FileName: MarkdownReport = path; break;
                        default: HtmlReport = path; break;
                    }
                }
            }
        }

        ReportFiles = written.ToArray();
    }

    private void LogFinding(Finding finding, FailOnMode failOn)
    {
        var level = finding.Kind switch
        {
            FindingKind.Budget => failOn,
            FindingKind.Incomplete or FindingKind.Prices => failOn == FailOnMode.None ? FailOnMode.None : FailOnMode.Warning,
            _ => FailOnMode.Warning,
        };
        var file = finding.FilePath ?? "";
        switch (level)
        {
            case FailOnMode.Error:
                Log.LogError(null, finding.Code, null, file, finding.Line, finding.Column, 0, 0, finding.Message);
                break;
            case FailOnMode.Warning:
                Log.LogWarning(null, finding.Code, null, file, finding.Line, finding.Column, 0, 0, finding.Message);
                break;
            default:
                Log.LogMessage(MessageImportance.Low, $"{finding.Code}: {finding.Message} (not reported: FailOn is none)");
                break;
        }
    }
}
