using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Findings;

/// <summary>PB3009–PB3015 and PB2006: what the usage files of running apps say against the static estimate and the budgets.</summary>
public static class UsageFindings
{
    /// <summary>PB3014 needs at least this many spans at a call: a 99th percentile of fewer says little.</summary>
    public const int MaxOutputAdviceMinRequests = 100;

    /// <summary>PB3014 when the max output is more than this many times the observed 99th percentile of output.</summary>
    public const int MaxOutputAdviceFactor = 4;

    /// <summary>The suggested max output is rounded up to a multiple of this.</summary>
    public const int MaxOutputAdviceStep = 64;

    public static IEnumerable<Finding> For(UsageComparison usage)
    {
        foreach (var group in usage.Groups)
        {
            var site = group.Site;
            var how = group.Match switch
            {
                UsageMatch.Location => $"{NumberText.Count(group.Requests)} spans at this call",
                UsageMatch.Feature => $"{NumberText.Count(group.Requests)} spans of feature '{group.Key}' with no code location (matched by {usage.FeatureAttribute} to {Calls(group)})",
                _ => $"{NumberText.Count(group.Requests)} spans of {group.Key} with no code location (matched by model to {Calls(group)})",
            };
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
                var named = group.Match == UsageMatch.Feature
                    ? $"the calls of feature '{group.Key}' name {string.Join(", ", group.Sites.Select(s => s.ModelName).Distinct().OrderBy(m => m, System.StringComparer.Ordinal))}, but spans with {usage.FeatureAttribute}='{group.Key}' report {seen}"
                    : $"{Who(site)} names {site.ModelName}, but its spans report {seen}";
                yield return new Finding(
                    FindingCodes.UsageModelDrift,
                    FindingKind.Usage,
                    site.FullPath,
                    site.Line,
                    $"{named}: the running app is configured with a model the code (and its cost estimate) does not use. Make the code name the model it runs with, or fix the app's configuration.",
                    site.Record.Column);
            }

            if (MaxOutputAdvice(group) is { } advice)
            {
                yield return new Finding(
                    FindingCodes.UsageMaxOutputFarAboveObserved,
                    FindingKind.Usage,
                    site.FullPath,
                    site.Line,
                    $"{Who(site)}: {advice.Setting} {NumberText.Count(advice.MaxOutput)} output tokens, more than {MaxOutputAdviceFactor}× the {NumberText.Count(advice.P99)} tokens that 99% of its {NumberText.Count(group.Requests)} observed responses stayed within (largest {NumberText.Count(group.Output.Max)}). "
                    + $"The worst case prices every call at the limit; set max output tokens to {NumberText.Count(advice.Suggested)} (twice the 99th percentile, at least the largest seen, rounded up to {MaxOutputAdviceStep}) and the worst case falls with it. "
                    + (group.Site.Record.MaxOutputSource == "model-maximum"
                        ? $"The PB1003 code fix inserts it: set prompt_budget.fix_max_output_tokens (PromptBudgetFixMaxOutputTokens) to {NumberText.Int((int)System.Math.Min(advice.Suggested, int.MaxValue))} first."
                        : "Change the value where the call sets it."),
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

    /// <summary>The PB3014 advice for a call matched by location, or null (see docs/rules/PB3014.md for the rule).</summary>
    public static (string Setting, long MaxOutput, long P99, long Suggested)? MaxOutputAdvice(UsageGroup group)
    {
        var record = group.Site.Record;
        if (group.Match != UsageMatch.Location || group.Requests < MaxOutputAdviceMinRequests || record.MaxOutputTokens is not { } maxOutput)
        {
            return null;
        }

        var p99 = group.Output.Percentile(99);
        if (p99 <= 0 || maxOutput <= MaxOutputAdviceFactor * p99)
        {
            return null;
        }

        var wanted = System.Math.Max(2 * p99, group.Output.Max);
        var suggested = (wanted + MaxOutputAdviceStep - 1) / MaxOutputAdviceStep * MaxOutputAdviceStep;
        if (suggested >= maxOutput)
        {
            return null;
        }

        var setting = record.MaxOutputSource == "model-maximum" ? "sets no max output, so its worst case takes the model's maximum of" : "allows";
        return (setting, maxOutput, p99, suggested);
    }

    /// <summary>PB3015: the observed spend, projected over a month, against the features' and the project's monthly budgets.</summary>
    public static IEnumerable<Finding> Spend(UsageSpend spend, IReadOnlyList<BudgetTotal> features, BudgetTotal project)
    {
        if (!spend.CanProject)
        {
            yield break;
        }

        foreach (var feature in features)
        {
            if (feature.Limits.MaxMonthlyCostUsd is { } budget && spend.Feature(feature.Name) is { MonthlyUsd: { } monthly } observed && monthly > budget)
            {
                yield return Over(
                    feature.Largest,
                    $"feature '{feature.Name}'",
                    observed.ObservedUsd,
                    observed.Spans,
                    observed.UnpricedSpans,
                    monthly,
                    budget,
                    spend,
                    $"raise {PropertyNames.FeatureMaxMonthlyCostUsd} of {PropertyNames.FeatureItem} '{feature.Name}'");
            }
        }

        if (project.Limits.MaxMonthlyCostUsd is { } projectBudget && spend.MonthlyUsd is { } projectMonthly && projectMonthly > projectBudget)
        {
            yield return Over(project.Largest, $"project '{project.Name}'", spend.ObservedUsd, spend.Spans, spend.UnpricedSpans, projectMonthly, projectBudget, spend, $"raise {PropertyNames.ProjectMaxMonthlyCostUsd}");
        }
    }

    private static Finding Over(ReportCallSite? at, string subject, decimal observed, long spans, long unpriced, decimal monthly, decimal budget, UsageSpend spend, string raise)
    {
        var atLeast = unpriced > 0 ? "at least " : "";
        var unpricedNote = unpriced > 0 ? $" ({NumberText.Count(unpriced)} spans of models with no price are not counted)" : "";
        return new Finding(
            FindingCodes.UsageSpendOverMonthlyBudget,
            FindingKind.Budget,
            at?.FullPath,
            at?.Line ?? 0,
            $"{subject}: the usage files show {atLeast}{NumberText.Usd(observed)} spent by {NumberText.Count(spans)} spans in {Duration(spend.Period!.Value)}{unpricedNote}; at that rate a {UsageSpend.DaysPerMonth}-day month costs {atLeast}{NumberText.Usd(monthly)}, over its monthly budget of {NumberText.Usd(budget)} by {NumberText.Usd(monthly - budget)}. "
            + $"Production spends more than the budget allows: make the calls cheaper (shorter prompts, a smaller max output or model, caching), or {raise}.",
            at?.Record.Column ?? 0);
    }

    /// <summary>A time span in the largest unit that keeps it readable: 90 minutes, 36 hours, 2.5 days.</summary>
    public static string Duration(System.TimeSpan period) =>
        period.TotalDays >= 2 ? $"{NumberText.Count((decimal)System.Math.Round(period.TotalDays, 1))} days"
        : period.TotalHours >= 2 ? $"{NumberText.Count((decimal)System.Math.Round(period.TotalHours, 1))} hours"
        : $"{NumberText.Count((decimal)System.Math.Round(period.TotalMinutes, 1))} minutes";

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

    private static string Calls(UsageGroup group) =>
        group.Sites.Count == 1 ? "this call" : $"{group.Sites.Count} calls; this one has the largest worst case";

    private static string Who(ReportCallSite site) =>
        $"the prompt call in {(site.Record.Member.Length > 0 ? site.Record.Member : site.File)} ({site.ModelName})";
}
