namespace PromptBudget.Build.Configuration;

/// <summary>How budget findings (PB3001, PB3002, PB3003, PB3005) are logged.</summary>
public enum FailOnMode
{
    /// <summary>As errors: the build fails. The default.</summary>
    Error,

    /// <summary>As warnings.</summary>
    Warning,

    /// <summary>Not at all; the reports are still written.</summary>
    None,
}
