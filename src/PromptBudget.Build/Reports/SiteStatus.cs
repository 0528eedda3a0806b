namespace PromptBudget.Build.Reports;

/// <summary>How a call site stands, shown as a symbol in the Markdown and HTML reports.</summary>
public enum SiteStatus
{
    Ok,

    /// <summary>⚠: cost unknown, a dynamic segment with no bound and no assumed size, or part of a feature or project over budget.</summary>
    Warning,

    /// <summary>❌: over one of its own per-call budgets, or a regression against the baseline.</summary>
    Over,
}
