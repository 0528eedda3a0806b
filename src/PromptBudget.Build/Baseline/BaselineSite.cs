using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Baseline;

/// <summary>A call site as an earlier promptbudget.json recorded it: its id and its record as reported.</summary>
public sealed class BaselineSite
{
    public BaselineSite(string id, CallSiteRecord record)
    {
        Id = id;
        Record = record;
    }

    public string Id { get; }

    /// <summary>The site's values; <see cref="CallSiteRecord.File"/> is project-relative, as in the report.</summary>
    public CallSiteRecord Record { get; }

    public string File => Record.File;

    public int Line => Record.Line;

    public string Member => Record.Member;

    /// <summary>The model as priced, else as written (what the comparison and the diff show).</summary>
    public string? Model => Record.ResolvedModel ?? Record.Model;

    public long InputTokens => Record.InputTokens;

    public decimal? WorstCaseCostUsd => Record.WorstCaseCostUsd;
}
