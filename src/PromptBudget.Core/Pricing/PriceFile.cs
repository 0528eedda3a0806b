using System.Collections.Generic;

namespace PromptBudget.Core.Pricing;

/// <summary>The valid entries of one price file (raw members, so files merge field by field) and its errors.</summary>
public sealed class PriceFile
{
    internal PriceFile(string path, string? date, IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, Json.JsonValue>>> entries, IReadOnlyList<PriceFileError> errors)
    {
        Path = path;
        Date = date;
        Entries = entries;
        Errors = errors;
    }

    public string Path { get; }

    /// <summary>The date the prices were taken, from the file's <c>_meta.date</c>, when it has one.</summary>
    public string? Date { get; }

    internal IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, Json.JsonValue>>> Entries { get; }

    public IReadOnlyList<PriceFileError> Errors { get; }

    public int EntryCount => Entries.Count;
}
