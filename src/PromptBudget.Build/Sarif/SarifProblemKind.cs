namespace PromptBudget.Build.Sarif;

public enum SarifProblemKind
{
    /// <summary>The error log path is empty or the file does not exist.</summary>
    Missing,

    /// <summary>The file could not be read or is not SARIF 2.1 JSON.</summary>
    Unreadable,

    /// <summary>A PB0001 result whose payload is absent or cannot be read.</summary>
    BadPayload,
}
