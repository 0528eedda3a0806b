namespace PromptBudget.Analyzers.Evaluation;

/// <summary>Short names for dynamic segments and short previews: cut to a length, never inside a surrogate pair.</summary>
internal static class SegmentName
{
    public const int MaxLength = 40;

    public static string Shorten(string text) => Shorten(text, MaxLength);

    /// <summary>
    /// <paramref name="text"/> itself when it fits in <paramref name="maxLength"/> UTF-16 units, else its first
    /// <paramref name="maxLength"/> − 1 units and "…". A cut that would split an emoji's surrogate pair is made before it.
    /// </summary>
    public static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = maxLength - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]) && char.IsLowSurrogate(text[keep]))
        {
            keep--;
        }

        return text.Substring(0, keep) + "…";
    }
}
