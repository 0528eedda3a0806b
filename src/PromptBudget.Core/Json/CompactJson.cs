using System.Globalization;
using System.Text;

namespace PromptBudget.Core.Json;

/// <summary>
/// JSON string escaping as the providers' SDKs send tool schemas: only what JSON requires (unlike
/// <see cref="JsonWriter"/>, which also escapes '&lt;', '&gt;' and '&amp;' for reports embedded in HTML).
/// The analyzer builds tool schemas from code with it and Core counts them with it, so both see the same text.
/// </summary>
public static class CompactJson
{
    /// <summary>Appends <paramref name="text"/> quoted and escaped.</summary>
    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        AppendEscaped(builder, text);
        builder.Append('"');
    }

    /// <summary>Appends <paramref name="text"/> escaped, without quotes.</summary>
    public static void AppendEscaped(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }
    }
}
