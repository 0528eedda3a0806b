using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Reporting;

/// <summary>
/// The file the analyzer writes at the end of each command-line compilation and the MSBuild task
/// reads: JSON Lines, a header line (<c>{"promptbudget.payload":1,"callSites":N}</c>) then one
/// <see cref="CallSiteRecordJson"/> record per line, sorted by file and position. The count in the
/// header lets the reader tell a cut-off file from a complete one.
/// </summary>
public static class CallSitePayloadFile
{
    /// <summary>The header's format key; its value is the file format version.</summary>
    public const string FormatKey = "promptbudget.payload";

    public const int FormatVersion = 1;

    public static string Write(IReadOnlyCollection<CallSiteRecord> records)
    {
        var builder = new StringBuilder();
        var header = new JsonWriter().StartObject().Property(FormatKey, FormatVersion).Property("callSites", records.Count).EndObject();
        builder.Append(header.ToString()).Append('\n');
        foreach (var record in records)
        {
            builder.Append(CallSiteRecordJson.Write(record)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Reads what can be read; every line that cannot is a problem beside the records. Never throws for bad input.</summary>
    public static CallSitePayload Read(string text)
    {
        var payload = new CallSitePayload();
        var lines = text.Split('\n');
        var expected = ReadHeader(lines[0].TrimEnd('\r'), payload);
        if (expected is null)
        {
            return payload;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                payload.Records.Add(CallSiteRecordJson.Read(line));
            }
            catch (FormatException ex)
            {
                payload.Problems.Add(new PayloadProblem(i + 1, ex.Message));
            }
        }

        var read = payload.Records.Count + payload.Problems.Count;
        if (read != expected)
        {
            payload.Problems.Add(new PayloadProblem(1, string.Format(CultureInfo.InvariantCulture, "the header promises {0} call sites but the file has {1}: it was cut off or edited", expected, read)));
        }

        return payload;
    }

    private static long? ReadHeader(string line, CallSitePayload payload)
    {
        JsonValue header;
        try
        {
            header = JsonReader.Parse(line);
        }
        catch (JsonParseException ex)
        {
            payload.Problems.Add(new PayloadProblem(1, "the header line is not valid JSON: " + ex.Message));
            return null;
        }

        var version = header.Get(FormatKey);
        if (version is not { Kind: JsonKind.Number } || version.Text != FormatVersion.ToString(CultureInfo.InvariantCulture))
        {
            payload.Problems.Add(new PayloadProblem(1, $"it is not a PromptBudget payload of format {FormatVersion} (header '{Shorten(line)}')"));
            return null;
        }

        var count = header.Get("callSites");
        return count is { Kind: JsonKind.Number } && long.TryParse(count.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 59) + "…";
}

/// <summary>What <see cref="CallSitePayloadFile.Read"/> found: the records and the lines it could not use.</summary>
public sealed class CallSitePayload
{
    public List<CallSiteRecord> Records { get; } = new();

    public List<PayloadProblem> Problems { get; } = new();
}

/// <summary>A line of the payload that could not be used (1-based line number) and why.</summary>
public sealed class PayloadProblem
{
    public PayloadProblem(int line, string detail)
    {
        Line = line;
        Detail = detail;
    }

    public int Line { get; }

    public string Detail { get; }
}
