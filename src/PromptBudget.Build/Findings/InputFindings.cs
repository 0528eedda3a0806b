using System.Collections.Generic;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;
using PromptBudget.Build.Sarif;

namespace PromptBudget.Build.Findings;

/// <summary>PB3004 and PB3006: the task's inputs could not all be used, so the report is incomplete.</summary>
public static class InputFindings
{
    public static Finding Setting(SettingProblem problem) =>
        new(
            FindingCodes.ReportIncomplete,
            FindingKind.Incomplete,
            null,
            0,
            $"{problem.Setting} is '{problem.Value}', which is not {problem.Expected}; that budget is not checked. Fix the value in the project file.");

    public static Finding RuleDisabled() =>
        new(
            FindingCodes.ReportIncomplete,
            FindingKind.Incomplete,
            null,
            0,
            "PB0001 is turned off (by .editorconfig or NoWarn), so the analyzer hands no prompts to the report and no budget is checked. "
            + "Give PB0001 a severity other than 'none' (e.g. dotnet_diagnostic.PB0001.severity = suggestion) and remove it from NoWarn.");

    public static Finding Sarif(SarifProblem problem, string projectDirectory)
    {
        switch (problem.Kind)
        {
            case SarifProblemKind.Missing:
                return new Finding(
                    FindingCodes.ReportIncomplete,
                    FindingKind.Incomplete,
                    null,
                    0,
                    $"the compiler's error log '{problem.FilePath}' does not exist, so the report has no prompts and no budget is checked. "
                    + "Make sure the compiler writes it (the ErrorLog property, SARIF version 2.1) and that the PromptBudget analyzer runs in this build.");
            case SarifProblemKind.Unreadable:
                return new Finding(
                    FindingCodes.ReportIncomplete,
                    FindingKind.Incomplete,
                    problem.FilePath,
                    problem.Line,
                    $"the compiler's error log cannot be read ({problem.Detail}), so the report has no prompts and no budget is checked. Rebuild to write it again.");
            default:
                var where = problem.FilePath is null
                    ? "a PB0001 result"
                    : $"the PB0001 result at {ProjectPaths.Relative(problem.FilePath, projectDirectory)}({problem.Line})";
                return new Finding(
                    FindingCodes.ReportIncomplete,
                    FindingKind.Incomplete,
                    problem.FilePath,
                    problem.Line,
                    $"{where} has a payload that cannot be read ({problem.Detail}); that prompt is left out of the report and its budgets. "
                    + "Use the same PromptBudget version for the analyzer and the build task, then rebuild.");
        }
    }

    public static Finding BaselineUnreadable(string path, int line, string detail) =>
        new(
            FindingCodes.BaselineUnreadable,
            FindingKind.Baseline,
            path,
            line,
            $"the baseline report '{path}' cannot be read ({detail}), so no call site is compared with it. "
            + "Point Baseline at a promptbudget.json written by this version of PromptBudget, or leave it empty.");

    public static IEnumerable<Finding> Sarif(IEnumerable<SarifProblem> problems, string projectDirectory)
    {
        foreach (var problem in problems)
        {
            yield return Sarif(problem, projectDirectory);
        }
    }
}
