using PromptBudget.Build.Budgets;

namespace PromptBudget.Build.Reports;

/// <summary>Short notes beside a feature's or the project's per-request total in the Markdown and HTML tables.</summary>
internal static class TotalNotes
{
    /// <summary>
    /// Empty for a plain sum; else how exclusive branches were counted, e.g. <c> (max of 2 branches in Bot.Ask(string))</c>.
    /// Plain text: the caller escapes it for its format.
    /// </summary>
    public static string FormedBy(BudgetTotal total) =>
        total.ExclusiveGroups.Count == 0 ? "" : " (" + string.Join("; ", total.ExclusiveGroups) + ")";
}
