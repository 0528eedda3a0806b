using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Sarif;

/// <summary>One unsuppressed PB0001 result of the compiler's error log, with its payload read.</summary>
public sealed class SarifCallSite
{
    public SarifCallSite(CallSiteRecord record, string? filePath, int line)
    {
        Record = record;
        FilePath = filePath;
        Line = line;
    }

    public CallSiteRecord Record { get; }

    /// <summary>The local path of the result's location (or the payload's file when the result has none).</summary>
    public string? FilePath { get; }

    /// <summary>1-based start line of the result's location (or the payload's line).</summary>
    public int Line { get; }
}
