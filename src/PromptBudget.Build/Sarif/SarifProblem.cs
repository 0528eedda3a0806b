namespace PromptBudget.Build.Sarif;

/// <summary>Why some or all of the error log could not be used.</summary>
public sealed class SarifProblem
{
    public SarifProblem(SarifProblemKind kind, string? filePath, int line, string detail)
    {
        Kind = kind;
        FilePath = filePath;
        Line = line;
        Detail = detail;
    }

    public SarifProblemKind Kind { get; }

    /// <summary>The error log itself, or the source file of a result with a bad payload.</summary>
    public string? FilePath { get; }

    public int Line { get; }

    public string Detail { get; }
}
