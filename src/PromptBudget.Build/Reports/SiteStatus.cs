namespace PromptBudget.Build.Reports;

/// <summary>How a call site stands, shown as a text mark in the Markdown report and a badge in the HTML report.</summary>
public enum SiteStatus
{
    Ok,

    /// <summary>check: cost unknown, a dynamic segment with no bound and no assumed size, max output left to the model, or part of a feature or project over budget.</summary>
    Warning,

    /// <summary>over: over one of its own per-call budgets, or a regression against the baseline.</summary>
    Over,
}
