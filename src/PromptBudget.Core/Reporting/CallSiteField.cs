using System;
using System.Globalization;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Reporting;

/// <summary>
/// One value of a <see cref="CallSiteRecord"/>: its JSON name and how it is written and read. Every
/// JSON form of the record goes through these, so a field added here appears in all of them.
/// </summary>
public sealed class CallSiteField
{
    private readonly Action<JsonWriter, CallSiteRecord> _writeValue;
    private readonly Action<CallSiteRecord, JsonValue> _readValue;

    private CallSiteField(string name, Action<JsonWriter, CallSiteRecord> writeValue, Action<CallSiteRecord, JsonValue> readValue)
    {
        Name = name;
        _writeValue = writeValue;
        _readValue = readValue;
    }

    public string Name { get; }

    /// <summary>Writes the name and the record's value.</summary>
    public void Write(JsonWriter writer, CallSiteRecord record) => _writeValue(writer.Name(Name), record);

    /// <summary>
    /// Sets the record's value from <paramref name="value"/>. An absent value, JSON null or a value of
    /// the wrong kind leaves the record's default (null for optional values), as older writers expect.
    /// </summary>
    public void Read(CallSiteRecord record, JsonValue? value)
    {
        if (value is not null)
        {
            _readValue(record, value);
        }
    }

    internal static CallSiteField Text(string name, Func<CallSiteRecord, string?> get, Action<CallSiteRecord, string> set) =>
        new(name, (w, r) => w.Value(get(r)), (r, v) =>
        {
            if (v.Kind == JsonKind.String)
            {
                set(r, v.Text!);
            }
        });

    /// <summary>
    /// A whole number; <paramref name="int32"/> for a line, column or count the record keeps in an int. A number
    /// outside that range (or beyond a decimal's) is a <see cref="FormatException"/>, which the readers report as
    /// a line they cannot use: cast, it threw an OverflowException out of the build task or wrapped silently.
    /// </summary>
    internal static CallSiteField Whole(string name, Func<CallSiteRecord, long?> get, Action<CallSiteRecord, long> set, bool int32 = false) =>
        new(name, (w, r) => w.Value(get(r)), (r, v) =>
        {
            if (v.Kind != JsonKind.Number)
            {
                return;
            }

            if (AsDecimal(v) is not { } d || d > (int32 ? int.MaxValue : long.MaxValue) || d < (int32 ? int.MinValue : long.MinValue))
            {
                throw OutOfRange(name, v, "a whole number");
            }

            set(r, (long)d);
        });

    internal static CallSiteField Amount(string name, Func<CallSiteRecord, decimal?> get, Action<CallSiteRecord, decimal> set) =>
        new(name, (w, r) => w.Value(get(r)), (r, v) =>
        {
            if (v.Kind != JsonKind.Number)
            {
                return;
            }

            set(r, AsDecimal(v) ?? throw OutOfRange(name, v, "an amount"));
        });

    /// <summary>A whole number of a list item (a segment's bound); null when absent or not a number; out of range is a <see cref="FormatException"/>.</summary>
    internal static long? AsWhole(JsonValue? v, string name)
    {
        if (v is not { Kind: JsonKind.Number })
        {
            return null;
        }

        return AsDecimal(v) is { } d && d <= long.MaxValue && d >= long.MinValue ? (long)d : throw OutOfRange(name, v, "a whole number");
    }

    private static FormatException OutOfRange(string name, JsonValue value, string expected)
    {
        var text = value.Text ?? "";
        return new FormatException($"'{name}' is {(text.Length > 40 ? text.Substring(0, 40) + "…" : text)}, out of the range of {expected} PromptBudget reads");
    }

    internal static CallSiteField Flag(string name, Func<CallSiteRecord, bool> get, Action<CallSiteRecord, bool> set) =>
        new(name, (w, r) => w.Value(get(r)), (r, v) =>
        {
            if (v.Kind == JsonKind.Boolean)
            {
                set(r, v.Boolean);
            }
        });

    /// <summary>A list of objects, each written and read by its own small set of fields.</summary>
    internal static CallSiteField List<T>(string name, Func<CallSiteRecord, System.Collections.Generic.List<T>> get, Action<JsonWriter, T> writeItem, Func<JsonValue, T> readItem) =>
        new(name, (w, r) =>
        {
            w.StartArray();
            foreach (var item in get(r))
            {
                w.StartObject();
                writeItem(w, item);
                w.EndObject();
            }

            w.EndArray();
        }, (r, v) =>
        {
            if (v.Kind != JsonKind.Array)
            {
                return;
            }

            var list = get(r);
            list.Clear();
            foreach (var item in v.Items)
            {
                list.Add(readItem(item));
            }
        });

    /// <summary>A number as written (no double round trip); null for anything else.</summary>
    internal static decimal? AsDecimal(JsonValue? v) =>
        v is { Kind: JsonKind.Number } && decimal.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
