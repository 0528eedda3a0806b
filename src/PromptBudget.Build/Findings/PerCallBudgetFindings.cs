using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Findings;

/// <summary>
/// PB3008: a per-call budget the user configured (prompt_budget.max_input_tokens, max_output_tokens,
/// max_cost_per_call, or their MSBuild properties) fails the build like a feature budget does. The
/// analyzer's PB1001/PB1002/PB1004 warnings stay the IDE's view; this is the CI's. A budget that
/// cannot be checked because a part of the prompt has no size bound is reported too: a configured
/// budget is never silently off.
/// </summary>
public static class PerCallBudgetFindings
{
    public static IEnumerable<Finding> For(IEnumerable<ReportCallSite> sites)
    {
        foreach (var site in sites)
        {
            var r = site.Record;
            foreach (var violation in r.Violations)
            {
                var message = violation.Kind switch
                {
                    "input-tokens" => $"{Who(site)} has {NumberText.Count((long)violation.Actual)} input tokens, {NumberText.Count((long)(violation.Actual - violation.Limit))} over the per-call budget of {NumberText.Count((long)violation.Limit)} (prompt_budget.max_input_tokens); shorten the prompt or raise the budget.",
                    "output-tokens" => $"{Who(site)} allows {NumberText.Count((long)violation.Actual)} output tokens, {NumberText.Count((long)(violation.Actual - violation.Limit))} over the per-call budget of {NumberText.Count((long)violation.Limit)} (prompt_budget.max_output_tokens); lower its max output tokens or raise the budget.",
                    "cost-per-call" => $"{Who(site)} worst case {NumberText.Usd(violation.Actual)} per call is {NumberText.Usd(violation.Actual - violation.Limit)} over the per-call budget of {NumberText.Usd(violation.Limit)} (prompt_budget.max_cost_per_call); lower its max output tokens, shorten the prompt, use a cheaper model or raise the budget.",
                    _ => Unbounded(site),
                };
                if (message is not null)
                {
                    yield return new Finding(FindingCodes.PerCallBudgetExceeded, FindingKind.Budget, site.FullPath, site.Line, message, r.Column);
                }
            }
        }
    }

    // An unbounded part is a failure only where a budget it makes uncheckable was configured.
    private static string? Unbounded(ReportCallSite site)
    {
        var r = site.Record;
        var budgets = new List<string>();
        if (r.BudgetMaxInputTokens is not null)
        {
            budgets.Add("prompt_budget.max_input_tokens");
        }

        if (r.BudgetMaxCostPerCallUsd is not null)
        {
            budgets.Add("prompt_budget.max_cost_per_call");
        }

        if (budgets.Count == 0)
        {
            return null;
        }

        var parts = r.Segments.Where(s => s.BoundTokens is null).Select(s => "'" + s.Name + "'").Distinct().Take(3);
        return $"{Who(site)} cannot be checked against {string.Join(" and ", budgets)}: {string.Join(", ", parts)} has no size bound. "
            + "Add [PromptBudget.PromptBound(n)] where it is declared (a parameter, field, property or method), wrap a local or an expression in "
            + "PromptBudget.PromptBound.Tokens(value, n), or set prompt_budget.assumed_segment_tokens.";
    }

    private static string Who(ReportCallSite site) =>
        $"the prompt call in {(site.Record.Member.Length > 0 ? site.Record.Member : site.File)} ({site.ModelName})";
}
