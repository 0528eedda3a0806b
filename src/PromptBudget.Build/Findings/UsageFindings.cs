using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Findings;

/// <summary>PB3009, PB3010 and PB2006: what the usage files of running apps say against the static estimate.</summary>
public static class UsageFindings
{
    public static IEnumerable<Finding> For(UsageComparison usage)
    {
        foreach (var group in usage.Groups)
        {
            var site = group.Site;
            var how = group.Match == UsageMatch.Location
                ? $"{NumberText.Count(group.Requests)} spans at this call"
                : $"{NumberText.Count(group.Requests)} spans of {group.Key} with no code location (matched by model to {(group.Sites.Count == 1 ? "this call" : $"{group.Sites.Count} calls; this one has the largest worst case")})";
            var over = new List<string>();
            if (group.Input.Max > group.WorstCaseInputTokens)
            {
                over.Add($"input up to {NumberText.Count(group.Input.Max)} tokens against a worst case of {NumberText.Count(group.WorstCaseInputTokens)}");
            }

            if (group.WorstCaseOutputTokens is { } maxOutput && group.Output.Max > maxOutput)
            {
                over.Add($"output up to {NumberText.Count(group.Output.Max)} tokens against a worst case of {NumberText.Count(maxOutput)}");
            }

            if (over.Count > 0)
            {
                var unsized = group.Sites.Any(s => s.Record.UnboundedSegments > 0) ? " A part of the prompt has no size bound, so the static input is a lower bound: give it one with [PromptBound(n)]." : "";
                yield return new Finding(
                    FindingCodes.UsageAboveWorstCase,
                    FindingKind.Usage,
                    site.FullPath,
                    site.Line,
                    $"{Who(site)}: {how} used more than the static worst case: {string.Join("; ", over)}.{unsized} The estimate misses something (a bound, a max output setting the SDK ignores, a different model); fix the bound or the setting so the worst case holds.",
                    site.Record.Column);
            }

            if (group.DriftModels.Count > 0)
            {
                var seen = string.Join(", ", group.DriftModels.Select(m => $"{m.Key} ({NumberText.Count(m.Value)} spans)"));
                yield return new Finding(
                    FindingCodes.UsageModelDrift,
                    FindingKind.Usage,
                    site.FullPath,
                    site.Line,
                    $"{Who(site)} names {site.ModelName}, but its spans report {seen}: the running app is configured with a model the code (and its cost estimate) does not use. Make the code name the model it runs with, or fix the app's configuration.",
                    site.Record.Column);
            }
        }

        var unnamed = usage.UnmatchedModels.Where(m => m.Key != "(no model)" && !usage.AnySiteNames(m.Key)).ToList();
        if (unnamed.Count > 0)
        {
            var seen = string.Join(", ", unnamed.Select(m => $"{m.Key} ({NumberText.Count(m.Value)} spans)"));
            yield return new Finding(
                FindingCodes.UsageModelDrift,
                FindingKind.Usage,
                null,
                0,
                $"the usage files ({string.Join(", ", usage.Files)}) report models no call site of this project names: {seen}; they match no call site and are not compared. If this project makes those calls, the code or the app's configuration has drifted; if another service does, leave its spans out of the files.");
        }
    }

    /// <summary>PB2006 per problem (the reader keeps the first few per file and sums up the rest).</summary>
    public static IEnumerable<Finding> Problems(IEnumerable<UsageProblem> problems) =>
        problems.Select(problem => new Finding(
            FindingCodes.UsageFileUnreadable,
            FindingKind.UsageInput,
            problem.File,
            problem.Line,
            problem.Line > 0
                ? $"line {problem.Line} of the usage file '{problem.File}' cannot be used ({problem.Detail}); its unusable spans are left out of the estimate-vs-actual comparison and the rest of the file is still read. PromptBudgetUsageFiles takes OTLP/JSON trace files: one ExportTraceServiceRequest per line, plain or gzip."
                : $"the usage file '{problem.File}' cannot be used ({problem.Detail}); it is left out of the estimate-vs-actual comparison. PromptBudgetUsageFiles takes OTLP/JSON trace files: one ExportTraceServiceRequest per line, plain or gzip; paths are relative to the project."));

    private static string Who(ReportCallSite site) =>
        $"the prompt call in {(site.Record.Member.Length > 0 ? site.Record.Member : site.File)} ({site.ModelName})";
}
