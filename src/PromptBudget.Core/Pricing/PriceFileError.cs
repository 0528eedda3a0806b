namespace PromptBudget.Core.Pricing;

/// <summary>A problem in a price file: which file, which entry (null for the whole file), what, where.</summary>
public sealed class PriceFileError
{
    public PriceFileError(string file, string? entry, string? field, string message, int line)
    {
        File = file;
        Entry = entry;
        Field = field;
        Message = message;
        Line = line;
    }

    public string File { get; }

    public string? Entry { get; }

    public string? Field { get; }

    public string Message { get; }

    /// <summary>1-based line in the file, 0 when unknown.</summary>
    public int Line { get; }

    public override string ToString()
    {
        var where = Entry is null ? File : Field is null ? $"{File}: entry '{Entry}'" : $"{File}: entry '{Entry}', field '{Field}'";
        return Line > 0 ? $"{where} (line {Line}): {Message}" : $"{where}: {Message}";
    }
}
