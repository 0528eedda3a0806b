using System.Collections.Generic;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Payload;

namespace PromptBudget.Build.Findings;

/// <summary>PB3004 and PB3006: the task's inputs could not all be used, so the report is incomplete.</summary>
public static class InputFindings
{
    /// <summary>
    /// A budget that cannot be read is a budget not checked: it is logged like a broken budget (an error
    /// under FailOn=error), never a warning the build walks past. A setting with a default that then
    /// applies (FailOn, the allowed growth, the allowed price or usage age) is a warning.
    /// </summary>
    public static Finding Setting(SettingProblem problem) =>
        new(
            FindingCodes.ReportIncomplete,
            problem.DefaultApplied is null ? FindingKind.Budget : FindingKind.Incomplete,
            null,
            0,
            $"{problem.Setting} is '{problem.Value}', which is not {problem.Expected}; "
            + (problem.DefaultApplied is null ? "that budget is not checked" : $"its default, {problem.DefaultApplied}, is used instead")
            + ". Fix the value in the project file.");

    /// <summary>PB3004 for a payload that is not current or not wholly readable; nothing when it is complete.</summary>
    public static IEnumerable<Finding> Payload(PayloadReadResult payload)
    {
        const string NoBudget = "so the report has no prompts and no budget is checked";
        switch (payload.State)
        {
            case PayloadState.CompilePending:
                yield return Incomplete(null, 0, "the compile of this build has not finished (or it failed), " + NoBudget + ". Fix the compile errors and build again.");
                yield break;
            case PayloadState.Missing:
                yield return Incomplete(null, 0, $"the analyzer's call-site file '{payload.Path}' does not exist, {NoBudget}. "
                    + "Make sure the PromptBudget analyzer runs in this build (RunAnalyzers and RunAnalyzersDuringBuild not false), then rebuild.");
                yield break;
            case PayloadState.NotWrittenByThisCompile:
                yield return Incomplete(null, 0, $"the compiler ran in this build without writing the analyzer's call-site file '{payload.Path}' "
                    + $"(analyzers turned off with RunAnalyzers=false or RunAnalyzersDuringBuild=false, or the PromptBudget analyzer removed), {NoBudget}; "
                    + "no numbers from an earlier compile are shown. Build with analyzers on.");
                yield break;
        }

        if (payload.Unreadable is { } reason)
        {
            yield return Incomplete(payload.Path, 0, $"the analyzer's call-site file cannot be read ({reason}), {NoBudget}. Rebuild to write it again.");
            yield break;
        }

        foreach (var problem in payload.Problems)
        {
            yield return Incomplete(payload.Path, problem.Line, $"line {problem.Line} of the analyzer's call-site file cannot be used ({problem.Detail}); "
                + "that prompt is left out of the report and its budgets. Use the same PromptBudget version for the analyzer and the build task, then rebuild.");
        }
    }

    private static Finding Incomplete(string? file, int line, string message) =>
        new(FindingCodes.ReportIncomplete, FindingKind.Incomplete, file, line, message);

    public static Finding BaselineUnreadable(string path, int line, string detail) =>
        new(
            FindingCodes.BaselineUnreadable,
            FindingKind.Baseline,
            path,
            line,
            $"the baseline report '{path}' cannot be read ({detail}), so no call site is compared with it. "
            + "Point Baseline at a promptbudget.json written by this version of PromptBudget, or leave it empty.");
}
