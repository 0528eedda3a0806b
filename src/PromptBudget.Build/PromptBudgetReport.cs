using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Core.Reporting;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Solution;
using PromptBudget.Build.Payload;
using PromptBudget.Build.RateLimits;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build;

/// <summary>
/// Runs after CoreCompile: reads the call sites the analyzer wrote during the compile (the payload
/// file), writes promptbudget.json/.md/.html and logs PB3xxx for per-call budgets, budgets that span
/// call sites (per feature, per project) and regressions against a baseline report. Before CoreCompile
/// it runs once more with <see cref="CompileFinished"/> false, so a failed compile leaves an
/// incomplete report rather than the last build's numbers.
/// </summary>
public sealed class PromptBudgetReport : Task
{
    /// <summary>The analyzer's call-site file. Missing, stale or unreadable: PB3004 and an incomplete report.</summary>
    public string? PayloadFile { get; set; }

    /// <summary>The payload's last-write ticks (<c>File.GetLastWriteTime</c>) taken just before CoreCompile.</summary>
    public string? PayloadTicksBeforeCompile { get; set; }

    /// <summary>The assembly CoreCompile writes; its last-write time tells whether the compiler ran in this build.</summary>
    public string? CompiledAssembly { get; set; }

    /// <summary>The compiled assembly's last-write ticks taken just before CoreCompile.</summary>
    public string? AssemblyTicksBeforeCompile { get; set; }

    /// <summary>False for the run before CoreCompile: the reports say the compile has not finished, and nothing is logged.</summary>
    public bool CompileFinished { get; set; } = true;

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

    /// <summary>
    /// <c>PromptBudgetUsageFiles</c>: OTLP/JSON trace files exported from running apps (<c>;</c>-separated,
    /// relative to <see cref="ProjectDirectory"/>, <c>.gz</c> too), compared with the static estimate (PB3009, PB3010, PB2006).
    /// </summary>
    public string? UsageFiles { get; set; }

    /// <summary>The <c>PromptBudgetUsageFiles</c> property as written (globs unexpanded): a glob that matched nothing is PB2006, not silence.</summary>
    public string? UsageFilePatterns { get; set; }

    /// <summary>
    /// <c>PromptBudgetUsageFeatureAttribute</c>: the span attribute (e.g. <c>app.feature</c>) whose value names a
    /// feature; spans with no code location are matched to that feature's calls.
    /// </summary>
    public string? UsageFeatureAttribute { get; set; }

    /// <summary>
    /// The project's AdditionalFiles: those the analyzer reads as price files (named <c>promptbudget.prices.json</c>,
    /// or <see cref="PriceFile"/>) price the usage files' spans, so observed costs use the estimates' prices.
    /// </summary>
    public ITaskItem[]? PriceFiles { get; set; }

    /// <summary><c>PromptBudgetPriceFile</c> (a full path).</summary>
    public string? PriceFile { get; set; }

    /// <summary>Days the newest span of a usage file may be old before PB3017 (default 30; 0 turns the check off).</summary>
    public string? MaxUsageAgeDays { get; set; }

    private decimal _maxUsageAge = UsageCoverageFindings.DefaultMaxUsageAgeDays;

    /// <summary>Today, for the price-age and usage-age checks; tests set it.</summary>
    internal DateTime Today { get; set; } = DateTime.UtcNow;

    /// <summary>Leave prompt text out of every report.</summary>
    public bool RedactPrompts { get; set; }

    public string? ProjectMaxCostPerRequestUsd { get; set; }

    public string? ProjectCallsPerMonth { get; set; }

    public string? ProjectMaxMonthlyCostUsd { get; set; }

    /// <summary><c>PromptBudgetFeature</c> items: <c>MaxCostPerRequestUsd</c>, <c>CallsPerMonth</c>, <c>MaxMonthlyCostUsd</c> metadata.</summary>
    public ITaskItem[]? Features { get; set; }

    /// <summary>
    /// <c>PromptBudgetRateLimit</c> items: Include is a model name or a pattern with <c>*</c> (written <c>%2A</c>),
    /// metadata <c>Rpm</c>, <c>Tpm</c>, <c>InputTpm</c>, <c>OutputTpm</c> (PB3011–PB3013, PB2007).
    /// </summary>
    public ITaskItem[]? RateLimits { get; set; }

    /// <summary><c>PromptBudgetProjectPeakRequestsPerMinute</c>: the peak of features with none of their own.</summary>
    public string? ProjectPeakRequestsPerMinute { get; set; }

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
        var maxGrowth = SettingParser.NonNegativeNumber(MaxGrowthPercent, PropertyNames.MaxGrowthPercent, problems, 10m) ?? 10m;
        var maxPriceAge = SettingParser.NonNegativeNumber(MaxPriceAgeDays, PropertyNames.MaxPriceAgeDays, problems, PriceAgeFindings.DefaultMaxAgeDays) ?? PriceAgeFindings.DefaultMaxAgeDays;
        _maxUsageAge = SettingParser.NonNegativeNumber(MaxUsageAgeDays, PropertyNames.MaxUsageAgeDays, problems, UsageCoverageFindings.DefaultMaxUsageAgeDays) ?? UsageCoverageFindings.DefaultMaxUsageAgeDays;
        var projectName = EffectiveProjectName;
        var projectLimits = SettingParser.Project(projectName, ProjectMaxCostPerRequestUsd, ProjectCallsPerMonth, ProjectMaxMonthlyCostUsd, problems);
        var featureLimits = SettingParser.Features(Features, problems);
        findings.AddRange(problems.Select(InputFindings.Setting));

        var payload = PayloadReader.Read(PayloadFile, CompileFinished, Ticks(PayloadTicksBeforeCompile), CompiledAssembly, Ticks(AssemblyTicksBeforeCompile));
        findings.AddRange(InputFindings.Payload(payload));
        var inputsComplete = payload.Complete;
        Log.LogMessage(MessageImportance.Low, $"PromptBudget: {payload.Records.Count} call sites read from '{PayloadFile}' ({payload.State}).");

        var sites = CallSiteCollector.Collect(payload.Records, ProjectDirectory);
        findings.AddRange(PerCallBudgetFindings.For(sites));
        var features = BudgetCalculator.Features(sites, featureLimits);
        var project = BudgetCalculator.Project(sites, projectLimits);

        // Usage is read first (its findings logged after the budgets'), since what PB3004 says of a monthly budget
        // with no calls per month depends on whether the observed spend is checked against it.
        var usageFindings = new List<Finding>();
        var usage = CompileFinished ? ReadUsage(sites, usageFindings) : null;
        var spend = usage is null ? null : new Usage.UsageSpend(usage);
        foreach (var feature in features)
        {
            findings.AddRange(BudgetFindings.ForFeature(feature, spend));
        }

        findings.AddRange(BudgetFindings.ForProject(project, spend));
        findings.AddRange(PriceAgeFindings.For(sites, maxPriceAge, Today));
        var rateLimits = CheckRateLimits(sites, payload.Complete, findings);

        var diff = CompileFinished ? CompareWithBaseline(sites, maxGrowth, findings) : null;
        findings.AddRange(usageFindings);
        if (usage is not null)
        {
            findings.AddRange(UsageFindings.Spend(spend!, features, project));
            findings.AddRange(UsageCoverageFindings.SpendNotChecked(usage, spend!, features, project));
        }

        var model = new ReportModel(projectName, TargetFramework ?? "", ProjectDirectory, RedactPrompts, sites, features, project, diff, findings, inputsComplete) { Usage = usage, RateLimits = rateLimits };
        if (!CompileFinished)
        {
            // Before the compile only an existing report is replaced (so a failed compile leaves no stale
            // numbers); a project that had none gets none. The build's messages come from the run after it.
            if (File.Exists(Path.Combine(FullPath(IntermediateReportDirectory), JsonReportWriter.FileName)))
            {
                WriteReports(model);
                UpdateSolutionReport(model.Redacted);
            }

            return !Log.HasLoggedErrors;
        }

        if (sites.Count == 0 && findings.Count == 0)
        {
            // A project with no prompt calls (most projects of a solution) gets no report files.
            DeleteOwnReports();
            Log.LogMessage(MessageImportance.Low, "PromptBudget: no prompt calls in this project; no report written.");
            findings.AddRange(UpdateSolutionReport(model.Redacted));
        }
        else
        {
            WriteReports(model);
            Log.LogMessage(MessageImportance.High, $"PromptBudget: {NumberText.Prompts(sites.Count)}, report: {MarkdownReport}");
            findings.AddRange(UpdateSolutionReport(model.Redacted));
        }

        foreach (var finding in findings)
        {
            LogFinding(finding, failOn);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The rate-limit pools and their findings; null when no <c>PromptBudgetRateLimit</c> item is given.</summary>
    private RateLimitReport? CheckRateLimits(IReadOnlyList<ReportCallSite> sites, bool callsComplete, List<Finding> findings)
    {
        var problems = new List<RateLimitProblem>();
        var peaks = RateLimitSettings.Peaks(Features, ProjectPeakRequestsPerMinute, problems);
        if (RateLimits is not { Length: > 0 })
        {
            // A peak rate with no limit to check it against checks nothing, but a broken one is still worth a word.
            findings.AddRange(RateLimitFindings.Inputs(problems, new RateLimitReport(Array.Empty<RateLimitPool>(), Array.Empty<Core.RateLimits.RateLimit>(), peaks), sites, callsComplete));
            return null;
        }

        var limits = RateLimitSettings.Limits(RateLimits, problems);
        var report = RateLimitPools.Compute(sites, limits, peaks);
        findings.AddRange(RateLimitFindings.NeverPasses(report));
        findings.AddRange(RateLimitFindings.Headroom(report));
        findings.AddRange(RateLimitFindings.Inputs(problems, report, sites, callsComplete));
        Log.LogMessage(MessageImportance.Low, $"PromptBudget: {limits.Count} rate limit(s), {report.Pools.Count} covering calls of this project.");
        return report;
    }

    private static long? Ticks(string? text) =>
        long.TryParse(text?.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;

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

    private string UsagePath(string path) => FullPath(ProjectPaths.ToLocalPath(path, ProjectDirectory)).Replace('\\', '/');

    // An MSBuild glob as a regular expression over full paths: '**' any folders, '*' and '?' within one name.
    private System.Text.RegularExpressions.Regex Glob(string pattern)
    {
        var full = UsagePath(pattern.Replace("**", "\u0001").Replace("*", "\u0002").Replace("?", "\u0003"));
        var regex = System.Text.RegularExpressions.Regex.Escape(full)
            .Replace("\u0001/", "(.*/)?").Replace("\u0001", ".*").Replace("\u0002", "[^/]*").Replace("\u0003", "[^/]");
        return new System.Text.RegularExpressions.Regex("^" + regex + "$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    /// <summary>Reads <see cref="UsageFiles"/> span by span into a comparison; null when none is given.</summary>
    private Usage.UsageComparison? ReadUsage(IReadOnlyList<ReportCallSite> sites, List<Finding> findings)
    {
        // One file named twice (a glob and an item, relative and absolute) is read once: its spans would count twice.
        var given = (UsageFiles ?? "").Split(';').Select(f => f.Trim()).Where(f => f.Length > 0)
            .GroupBy(f => UsagePath(f), StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        var patterns = (UsageFilePatterns ?? "").Split(';').Select(f => f.Trim()).Where(f => f.Length > 0).ToList();
        if (given.Count == 0 && patterns.Count == 0)
        {
            return null;
        }

        // A glob that matched no file says so, also when another entry did match (MSBuild drops it without a word).
        var empty = patterns.Where(p => p.IndexOfAny(new[] { '*', '?' }) >= 0 && !given.Any(g => Glob(p).IsMatch(UsagePath(g)))).ToList();
        findings.AddRange(UsageFindings.Problems(empty.Select(p => new Usage.UsageProblem(Path.Combine(ProjectDirectory, p), 0, "no file matches it"))));
        if (given.Count == 0)
        {
            // Every pattern was a glob that matched no file: the section says so instead of vanishing.
            return new Usage.UsageComparison(sites, patterns);
        }

        var pricing = new Usage.UsagePricing(Usage.UsagePriceFiles.Table(PriceFiles, PriceFile));
        var comparison = new Usage.UsageComparison(sites, given.Select(f => f.Replace('\\', '/')).ToList(), pricing, UsageFeatureAttribute);
        var problems = new List<Usage.UsageProblem>();
        var newest = new List<(string File, long? NewestUnixNano)>();
        foreach (var file in given)
        {
            var path = ProjectPaths.ToLocalPath(file, ProjectDirectory);
            long? last = null;
            Usage.OtlpUsageReader.Read(
                path,
                span =>
                {
                    if ((span.EndUnixNano ?? span.StartUnixNano) is { } end && (last is null || end > last))
                    {
                        last = end;
                    }

                    comparison.Add(span);
                },
                comparison.Counts,
                problems,
                comparison.FeatureAttribute);
            newest.Add((FullPath(path), last));
        }

        Log.LogMessage(MessageImportance.Low, $"PromptBudget: {comparison.Counts.Spans} spans read from {given.Count} usage file(s); {comparison.MatchedByLocation} matched by location, {comparison.MatchedByFeature} by feature, {comparison.MatchedByModel} by model, {comparison.Unmatched} matched nothing, {comparison.Counts.WithoutUsage} without usage.");
        findings.AddRange(UsageFindings.Problems(problems));
        findings.AddRange(UsageCoverageFindings.FeatureAttribute(comparison));
        findings.AddRange(UsageCoverageFindings.OldData(newest, _maxUsageAge, Today));
        findings.AddRange(UsageFindings.For(comparison));
        return comparison;
    }

    private string EffectiveProjectName =>
        string.IsNullOrWhiteSpace(ProjectName) ? Path.GetFileName(ProjectDirectory.TrimEnd('/', '\\')) : ProjectName!;

    private string FullPath(string directory) =>
        Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(ProjectDirectory, directory));

    /// <summary>The folders this project's reports go to: the intermediate one, and its own one inside the shared report folder.</summary>
    private List<string> OwnReportDirectories()
    {
        var directories = new List<string> { FullPath(IntermediateReportDirectory) };
        if (!string.IsNullOrWhiteSpace(ReportDirectory))
        {
            directories.Add(SolutionReport.ProjectFolder(FullPath(ReportDirectory!), EffectiveProjectName, TargetFramework ?? ""));
        }

        return directories;
    }

    /// <summary>Removes this project's earlier reports (never another project's).</summary>
    private void DeleteOwnReports()
    {
        foreach (var directory in OwnReportDirectories())
        {
            foreach (var name in new[] { JsonReportWriter.FileName, MarkdownReportWriter.FileName, HtmlReportWriter.FileName })
            {
                ReportFileWriter.Delete(Path.Combine(directory, name));
            }
        }
    }

    /// <summary>Rewrites the shared folder's combined reports; returns the findings of features that span projects.</summary>
    private List<Finding> UpdateSolutionReport(bool redacted)
    {
        if (string.IsNullOrWhiteSpace(ReportDirectory))
        {
            return new List<Finding>();
        }

        var written = new List<string>();
        List<Finding> findings;
        string? problem;
        try
        {
            findings = SolutionReport.Update(FullPath(ReportDirectory!), (EffectiveProjectName, ProjectDirectory), redacted, written, out problem);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            findings = new List<Finding>();
            problem = ex.Message;
        }

        if (problem is not null)
        {
            Log.LogWarning(null, FindingCodes.ReportIncomplete, null, FullPath(ReportDirectory!), 0, 0, 0, 0, $"the combined report in '{FullPath(ReportDirectory!)}' was not updated ({problem}); the project's own report is in '{OwnReportDirectories().Last()}'.");
        }
        else if (CompileFinished)
        {
            Log.LogMessage(MessageImportance.High, $"PromptBudget: combined report of '{FullPath(ReportDirectory!)}': {Path.Combine(FullPath(ReportDirectory!), MarkdownReportWriter.FileName)}");
        }

        ReportFiles = ReportFiles.Concat(written.Select(p => (ITaskItem)new TaskItem(p))).ToArray();
        return findings;
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
        var directories = OwnReportDirectories();
        foreach (var directory in directories)
        {
            var fullDirectory = directory;
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
                if (directory == directories[0])
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
            FindingKind.Incomplete or FindingKind.Prices or FindingKind.Usage or FindingKind.RateLimitNear => failOn == FailOnMode.None ? FailOnMode.None : FailOnMode.Warning,
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
