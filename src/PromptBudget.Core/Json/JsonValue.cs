using System.Collections.Generic;

namespace PromptBudget.Core.Json;

/// <summary>The kinds of value a JSON document holds.</summary>
public enum JsonKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

/// <summary>
/// A parsed JSON value. Core keeps its own small reader because it runs inside the compiler,
/// where a System.Text.Json of a different version than the host's cannot be loaded safely.
/// Numbers keep their source text so prices convert to <see cref="decimal"/> without a double round trip.
/// </summary>
public sealed class JsonValue
{
    private JsonValue(JsonKind kind, string? text, bool boolean, List<JsonValue>? items, List<KeyValuePair<string, JsonValue>>? members, int line)
    {
        Kind = kind;
        Text = text;
        Boolean = boolean;
        Items = items ?? (IReadOnlyList<JsonValue>)System.Array.Empty<JsonValue>();
        Members = members ?? (IReadOnlyList<KeyValuePair<string, JsonValue>>)System.Array.Empty<KeyValuePair<string, JsonValue>>();
        Line = line;
    }

    public JsonKind Kind { get; }

    /// <summary>The string value, or a number's source text.</summary>
    public string? Text { get; }

    public bool Boolean { get; }

    public IReadOnlyList<JsonValue> Items { get; }

    /// <summary>Object members in document order (duplicates kept; <see cref="Get"/> returns the last).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

    /// <summary>1-based line where the value starts, for error messages.</summary>
    public int Line { get; }

    public JsonValue? Get(string name)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (Members[i].Key == name)
            {
                return Members[i].Value;
            }
        }

        return null;
    }

    public string? GetString(string name)
    {
        var value = Get(name);
        return value is { Kind: JsonKind.String } ? value.Text : null;
    }

    internal static JsonValue Null(int line) => new(JsonKind.Null, null, false, null, null, line);

    internal static JsonValue Bool(bool value, int line) => new(JsonKind.Boolean, null, value, null, null, line);

    internal static JsonValue Number(string text, int line) => new(JsonKind.Number, text, false, null, null, line);

    internal static JsonValue String(string text, int line) => new(JsonKind.String, text, false, null, null, line);

    internal static JsonValue Array(List<JsonValue> items, int line) => new(JsonKind.Array, null, false, items, null, line);

    internal static JsonValue Object(List<KeyValuePair<string, JsonValue>> members, int line) => new(JsonKind.Object, null, false, null, members, line);
}
