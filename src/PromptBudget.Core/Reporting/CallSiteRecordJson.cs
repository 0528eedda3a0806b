using System;
using System.Globalization;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Reporting;

/// <summary>
/// Writes and reads <see cref="CallSiteRecord"/> as compact JSON (one line of the analyzer's call-site payload file): the schema
/// version under <see cref="VersionName"/>, then every field of <see cref="CallSiteFields"/>.
/// </summary>
public static class CallSiteRecordJson
{
    /// <summary>Bumped when a field changes name or meaning; readers reject versions they do not know.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The payload's own field for <see cref="SchemaVersion"/> (not a record field).</summary>
    public const string VersionName = "v";

    public static string Write(CallSiteRecord r)
    {
        var w = new JsonWriter();
        w.StartObject();
        w.Property(VersionName, SchemaVersion);
        CallSiteFields.Write(w, r);
        w.EndObject();
        return w.ToString();
    }

    /// <summary>Reads a payload; throws <see cref="FormatException"/> for bad JSON or an unknown schema version.</summary>
    public static CallSiteRecord Read(string json)
    {
        JsonValue o;
        try
        {
            o = JsonReader.Parse(json);
        }
        catch (JsonParseException ex)
        {
            throw new FormatException("The PromptBudget payload is not valid JSON: " + ex.Message, ex);
        }

        var version = CallSiteField.AsDecimal(o.Get(VersionName));
        if (version != SchemaVersion)
        {
            throw new FormatException($"The PromptBudget payload has schema version {version?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; this reader knows version {SchemaVersion}.");
        }

        return CallSiteFields.Read(o);
    }
}
