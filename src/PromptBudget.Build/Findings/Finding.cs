namespace PromptBudget.Build.Findings;

/// <summary>A PB3xxx diagnostic of the task: where it points and what it says.</summary>
public sealed class Finding
{
    public Finding(string code, FindingKind kind, string? filePath, int line, string message, int column = 0)
    {
        Column = column;
        Code = code;
        Kind = kind;
        FilePath = filePath;
        Line = line;
        Message = message;
    }

    public string Code { get; }

    public FindingKind Kind { get; }

    /// <summary>The full path MSBuild shows (so an IDE can open it); null when there is no file.</summary>
    public string? FilePath { get; }

    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    public string Message { get; }
}
