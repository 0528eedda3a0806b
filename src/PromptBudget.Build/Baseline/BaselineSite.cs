namespace PromptBudget.Build.Baseline;

/// <summary>The numbers of one call site as an earlier promptbudget.json recorded them.</summary>
public sealed class BaselineSite
{
    public BaselineSite(string id, string file, int line, string member, string? model, long inputTokens, decimal? worstCaseCostUsd)
    {
        Id = id;
        File = file;
        Line = line;
        Member = member;
        Model = model;
        InputTokens = inputTokens;
        WorstCaseCostUsd = worstCaseCostUsd;
    }

    public string Id { get; }

    public string File { get; }

    public int Line { get; }

    public string Member { get; }

    public string? Model { get; }

    public long InputTokens { get; }

    public decimal? WorstCaseCostUsd { get; }
}
