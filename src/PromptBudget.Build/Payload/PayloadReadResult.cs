using System.Collections.Generic;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Payload;

/// <summary>The payload's state, the records that could be read, and why any could not.</summary>
public sealed class PayloadReadResult
{
    public PayloadReadResult(string? path, PayloadState state)
    {
        Path = path;
        State = state;
    }

    public string? Path { get; }

    public PayloadState State { get; }

    public List<CallSiteRecord> Records { get; } = new();

    /// <summary>Lines of the payload that could not be used.</summary>
    public List<PayloadProblem> Problems { get; } = new();

    /// <summary>Why the file could not be read at all (null when it could).</summary>
    public string? Unreadable { get; set; }

    /// <summary>True when every call site of the compile is in <see cref="Records"/>.</summary>
    public bool Complete => State == PayloadState.Current && Unreadable is null && Problems.Count == 0;
}
