namespace PromptBudget.Build.Payload;

/// <summary>Whether the analyzer's payload describes the code that was just compiled.</summary>
public enum PayloadState
{
    /// <summary>Written by the compile of this build, or by the last compile when this build skipped it as up to date.</summary>
    Current,

    /// <summary>There is no payload file.</summary>
    Missing,

    /// <summary>The compiler ran in this build but did not write the payload (analyzers off, or the analyzer did not run).</summary>
    NotWrittenByThisCompile,

    /// <summary>The report is written before the compile: the compile has not finished (or it failed).</summary>
    CompilePending,
}
