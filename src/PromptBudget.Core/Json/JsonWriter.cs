using System.Globalization;
using System.Text;

namespace PromptBudget.Core.Json;

/// <summary>
/// A minimal forward-only JSON writer with stable output (invariant culture, fixed escaping, "\n"
/// line ends), so the same data always gives the same bytes.
/// </summary>
public sealed class JsonWriter
{
    private readonly StringBuilder _builder = new();
    private readonly bool _indented;
    private int _depth;
    private bool _needsComma;

    public JsonWriter(bool indented = false) => _indented = indented;

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Name(string name)
    {
        Separate();
        WriteString(_builder, name);
        _builder.Append(_indented ? ": " : ":");
        _needsComma = false;
        return this;
    }

    public JsonWriter Value(string? value)
    {
        Separate();
        if (value is null)
        {
            _builder.Append("null");
        }
        else
        {
            WriteString(_builder, value);
        }

        _needsComma = true;
        return this;
    }

    public JsonWriter Value(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public JsonWriter Value(long? value) => value is null ? Raw("null") : Value(value.Value);

    public JsonWriter Value(decimal value) => Raw(FormatDecimal(value));

    public JsonWriter Value(decimal? value) => value is null ? Raw("null") : Value(value.Value);

    public JsonWriter Value(bool value) => Raw(value ? "true" : "false");

    public JsonWriter Property(string name, string? value) => Name(name).Value(value);

    public JsonWriter Property(string name, long value) => Name(name).Value(value);

    public JsonWriter Property(string name, long? value) => Name(name).Value(value);

    public JsonWriter Property(string name, decimal value) => Name(name).Value(value);

    public JsonWriter Property(string name, decimal? value) => Name(name).Value(value);

    public JsonWriter Property(string name, bool value) => Name(name).Value(value);

    public override string ToString() => _builder.ToString();

    /// <summary>A decimal without trailing zeros or exponent, e.g. 0.0425.</summary>
    public static string FormatDecimal(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    public static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    // '<', '>' and '&' are escaped too, so JSON embedded in HTML can never close a script tag.
                    // A lone surrogate (a C# literal "\uD800" is legal) is written as its escape: the text stays
                    // valid JSON in plain ASCII, and a strict UTF-8 encoder writing the file cannot fail on it.
                    if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029' || IsLoneSurrogate(value, i))
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

        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        char.IsHighSurrogate(value[i]) ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
        : char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));

    private JsonWriter Raw(string text)
    {
        Separate();
        _builder.Append(text);
        _needsComma = true;
        return this;
    }

    private JsonWriter Open(char c)
    {
        Separate();
        _builder.Append(c);
        _depth++;
        _needsComma = false;
        return this;
    }

    private JsonWriter Close(char c)
    {
        _depth--;
        if (_indented && _needsComma)
        {
            NewLine();
        }

        _builder.Append(c);
        _needsComma = true;
        return this;
    }

    private void Separate()
    {
        if (_needsComma)
        {
            _builder.Append(',');
        }

        if (_indented && _depth > 0 && !(_builder.Length > 1 && _builder[_builder.Length - 1] == ' ' && _builder[_builder.Length - 2] == ':'))
        {
            NewLine();
        }
    }

    private void NewLine()
    {
        _builder.Append('\n');
        _builder.Append(' ', _depth * 2);
    }
}
