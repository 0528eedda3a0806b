using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;

namespace PromptBudget.Build.Solution;

/// <summary>
/// The reports of a shared <c>PromptBudgetReportDirectory</c>: each project and target framework writes
/// its own into <c>&lt;project&gt;/&lt;tfm&gt;/</c>, then rewrites the combined promptbudget.json/.md/.html
/// at the folder's root from every project report there. Projects of a <c>dotnet build -m</c> finish in
/// any order and in parallel, so the combine runs under a lock file, reads only the files, and sorts
/// everything: the last project to finish leaves the same bytes whatever the order. Features are checked
/// on the combined set, so a feature spread over two projects fails when its sum does.
/// </summary>
public static class SolutionReport
{
    public const string LockFileName = ".promptbudget.lock";

    /// <summary>How long a project waits for another's combine before it gives up (and says so).</summary>
    public static TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The folder of one project's reports inside the shared folder.</summary>
    public static string ProjectFolder(string reportDirectory, string project, string targetFramework) =>
        targetFramework.Length == 0 ? Path.Combine(reportDirectory, Safe(project)) : Path.Combine(reportDirectory, Safe(project), Safe(targetFramework));

    /// <summary>
    /// Rewrites the combined reports. Returns the findings of features that span projects (a feature in
    /// one project is checked by that project's own report) and the paths written; <paramref name="problem"/>
    /// says why the combine could not run.
    /// </summary>
    public static List<Finding> Update(string reportDirectory, (string Name, string Directory) currentProject, bool redacted, List<string> written, out string? problem)
    {
        problem = null;
        Directory.CreateDirectory(reportDirectory);
        using var fileLock = AcquireLock(Path.Combine(reportDirectory, LockFileName));
        if (fileLock is null)
        {
            problem = $"another build held '{Path.Combine(reportDirectory, LockFileName)}' for more than {LockTimeout.TotalSeconds:0} s";
            return new List<Finding>();
        }

        var reports = ReadAll(reportDirectory, currentProject);
        var model = Combine(reports, reportDirectory, redacted, out var findings);
        foreach (var (name, content) in new[]
        {
            (JsonReportWriter.FileName, JsonReportWriter.Write(model)),
            (MarkdownReportWriter.FileName, MarkdownReportWriter.Write(model)),
            (HtmlReportWriter.FileName, HtmlReportWriter.Write(model)),
        })
        {
            var path = Path.Combine(reportDirectory, name);
            ReportFileWriter.Write(path, content);
            written.Add(path);
        }

        return findings;
    }

    /// <summary>The combined model of the project reports (sorted by project, then target framework).</summary>
    public static ReportModel Combine(IReadOnlyList<ProjectReport> reports, string reportDirectory, bool redacted, out List<Finding> findings)
    {
        // A multi-targeted project reports each site once per target framework; one request runs one of
        // them, so a site counts once, at its most expensive.
        var byKey = new Dictionary<string, ReportCallSite>(StringComparer.Ordinal);
        var projectsOfFeature = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var limits = new Dictionary<string, BudgetLimits>(StringComparer.OrdinalIgnoreCase);
        foreach (var report in reports)
        {
            foreach (var site in report.Sites)
            {
                var record = site.Record;
                var file = report.Project + "/" + record.File;
                var candidate = new ReportCallSite(
                    report.Project + ":" + site.Id,
                    file,
                    report.ProjectDirectory is null ? null : ProjectPathsOrNull(report.ProjectDirectory, record.File),
                    record.Line,
                    record);
                if (!byKey.TryGetValue(candidate.Id, out var existing) || (candidate.Record.WorstCaseCostUsd ?? decimal.MaxValue) > (existing.Record.WorstCaseCostUsd ?? decimal.MaxValue))
                {
                    byKey[candidate.Id] = candidate;
                }
            }

            foreach (var feature in report.Features.Values)
            {
                limits[feature.Name] = limits.TryGetValue(feature.Name, out var known) ? Strictest(known, feature) : feature;
            }
        }

        var sites = byKey.Values.OrderBy(s => s, CallSiteCollector.SiteOrder.Instance).ToList();
        foreach (var site in sites)
        {
            if (!projectsOfFeature.TryGetValue(site.Feature, out var projects))
            {
                projectsOfFeature[site.Feature] = projects = new HashSet<string>(StringComparer.Ordinal);
            }

            projects.Add(site.Id.Substring(0, site.Id.IndexOf(':')));
        }

        var features = BudgetCalculator.Features(sites, limits);
        var names = reports.Select(r => r.Project).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var title = names.Count == 1 ? names[0] : $"{names.Count} projects ({string.Join(", ", names)})";
        var project = BudgetCalculator.Project(sites, BudgetLimits.None(title));
        findings = features
            .Where(f => projectsOfFeature.TryGetValue(f.Name, out var p) && p.Count > 1)
            .SelectMany(BudgetFindings.ForFeature)
            .ToList();
        return new ReportModel(title, "", reportDirectory, redacted, sites, features, project, null, findings, inputsComplete: reports.All(r => r.Complete))
        {
            TotalLabel = names.Count == 1 ? "Project " + title : "All " + title,
        };
    }

    private static List<ProjectReport> ReadAll(string reportDirectory, (string Name, string Directory) currentProject)
    {
        var reports = new List<ProjectReport>();
        var files = Directory.GetDirectories(reportDirectory)
            .SelectMany(project => new[] { Path.Combine(project, JsonReportWriter.FileName) }.Concat(Directory.GetDirectories(project).Select(tfm => Path.Combine(tfm, JsonReportWriter.FileName))))
            .Where(File.Exists)
            .OrderBy(p => p, StringComparer.Ordinal);
        foreach (var file in files)
        {
            // A report that cannot be read (an older version, a half-copied file) is left out of the sum;
            // its own project's build has already said what it found.
            if (ProjectReport.Read(file, currentProject, out _) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports.OrderBy(r => r.Project, StringComparer.Ordinal).ThenBy(r => r.TargetFramework, StringComparer.Ordinal).ToList();
    }

    private static BudgetLimits Strictest(BudgetLimits a, BudgetLimits b) =>
        new(a.Name, Min(a.MaxCostPerRequestUsd, b.MaxCostPerRequestUsd), Max(a.CallsPerMonth, b.CallsPerMonth), Min(a.MaxMonthlyCostUsd, b.MaxMonthlyCostUsd));

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string? ProjectPathsOrNull(string projectDirectory, string relativeFile) =>
        relativeFile.Length == 0 ? null : Core.Reporting.ProjectPaths.ToLocalPath(relativeFile, projectDirectory);

    private static string Safe(string name)
    {
        foreach (var c in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(c, '_');
        }

        return name.Length == 0 ? "_" : name;
    }

    private static FileStream? AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                System.Threading.Thread.Sleep(50);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
