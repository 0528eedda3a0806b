namespace PromptBudget.Analyzers.Evaluation;

/// <summary>How a dynamic segment or an unknown model is named in messages: its source text, cut to one short line.</summary>
internal static class SegmentName
{
    public const int MaxLength = 40;

    public static string Shorten(string text) => text.Length <= MaxLength ? text : text.Substring(0, MaxLength - 1) + "…";
}
