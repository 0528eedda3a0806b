using System.Text;

namespace PromptBudget.Build.Reports;

/// <summary>Shortening and escaping of text that comes from code (prompt previews, member and file names).</summary>
public static class ReportText
{
    public const int PreviewLength = 80;

    /// <summary>At most <paramref name="max"/> characters (never splitting a surrogate pair), with "…" when cut.</summary>
    public static string Truncate(string text, int max = PreviewLength)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text.Substring(0, end) + "…";
    }

    /// <summary>Text for HTML element content and quoted attribute values.</summary>
    public static string Html(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var b = new StringBuilder(text!.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': b.Append("&amp;"); break;
                case '<': b.Append("&lt;"); break;
                case '>': b.Append("&gt;"); break;
                case '"': b.Append("&quot;"); break;
                case '\'': b.Append("&#39;"); break;
                default:
                    if (c < ' ' && c != '\n' && c != '\t')
                    {
                        b.Append(' ');
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.ToString();
    }

    /// <summary>
    /// Text for one Markdown table cell: line breaks become spaces, <c>|</c> and Markdown punctuation are
    /// backslash-escaped, and <c>&lt; &gt; &amp;</c> become entities so no HTML reaches the renderer.
    /// </summary>
    public static string Markdown(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var b = new StringBuilder(text!.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    b.Append(' ');
                    break;
                case '\n':
                    b.Append(' ');
                    break;
                case '&': b.Append("&amp;"); break;
                case '<': b.Append("&lt;"); break;
                case '>': b.Append("&gt;"); break;
                case '|':
                case '\\':
                case '`':
                case '*':
                case '_':
                case '[':
                case ']':
                case '#':
                case '~':
                case '!':
                    b.Append('\\').Append(c);
                    break;
                default:
                    b.Append(c < ' ' ? ' ' : c);
                    break;
            }
        }

        return b.ToString();
    }
}
