using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Model;

/// <summary>A call site as the reports show it: the analyzer's record plus its id and project-relative file.</summary>
public sealed class ReportCallSite
{
    /// <summary>The feature of call sites that name none.</summary>
    public const string NoFeature = "(none)";

    public ReportCallSite(string id, string file, string? fullPath, int line, CallSiteRecord record)
    {
        Id = id;
        File = file;
        FullPath = fullPath;
        Line = line;
        Record = record;
    }

    public string Id { get; }

    /// <summary>Relative to the project directory, forward slashes.</summary>
    public string File { get; }

    /// <summary>The full local path, for errors an IDE can open.</summary>
    public string? FullPath { get; }

    public int Line { get; }

    public CallSiteRecord Record { get; }

    public string Feature => string.IsNullOrEmpty(Record.Feature) ? NoFeature : Record.Feature!;

    /// <summary>The model as priced, else as written; "unknown model" when neither is known.</summary>
    public string ModelName => Record.ResolvedModel ?? Record.Model ?? "unknown model";

    /// <summary>
    /// The worst case of one request of the feature for this call site: one call, or every model call of its tool
    /// loop (<see cref="CallSiteRecord.WorstCasePerRequestUsd"/>), times how many times one request makes the call
    /// (<c>prompt_budget.calls_per_request</c>); null when the cost is unknown (a loop whose cap is unknown included).
    /// </summary>
    public decimal? WeightedWorstCaseUsd => Record.WorstCasePerRequestUsd * Record.CallsPerRequest;

    /// <summary><c>Bot/Answer.cs(41)</c>, the form MSBuild uses.</summary>
    public string Location => File + "(" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}
