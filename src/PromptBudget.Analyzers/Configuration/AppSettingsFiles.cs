using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using PromptBudget.Core.Json;

namespace PromptBudget.Analyzers.Configuration;

/// <summary>One value of a configuration key in one appsettings file.</summary>
internal sealed class ConfiguredValue
{
    public ConfiguredValue(string file, string value)
    {
        File = file;
        Value = value;
    }

    /// <summary>The file name (<c>appsettings.Production.json</c>).</summary>
    public string File { get; }

    public string Value { get; }

    /// <summary>The environment the file is for; null for the base <c>appsettings.json</c>.</summary>
    public string? Environment =>
        File.Length > "appsettings..json".Length ? File.Substring("appsettings.".Length, File.Length - "appsettings..json".Length) : null;
}

/// <summary>
/// The project's <c>appsettings.json</c> and <c>appsettings.*.json</c> (passed as AdditionalFiles by the package's
/// targets; user secrets never are), flattened the way Microsoft.Extensions.Configuration does: nested sections
/// become <c>:</c> paths, array items their index, keys compare case-insensitively. Comments and trailing commas,
/// which that reader allows, are skipped. Read once per compilation, on first need; a file that does not parse is left out.
/// </summary>
internal sealed class AppSettingsFiles
{
    private readonly ImmutableArray<AdditionalText> _files;
    private readonly object _gate = new();
    private List<(string File, Dictionary<string, string> Values)>? _parsed;

    public AppSettingsFiles(ImmutableArray<AdditionalText> additionalFiles) =>
        _files = additionalFiles.Where(f => IsAppSettings(Path.GetFileName(f.Path)))
            .GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToImmutableArray();

    public bool IsEmpty => _files.IsEmpty;

    public static bool IsAppSettings(string fileName) =>
        fileName.StartsWith("appsettings.", StringComparison.OrdinalIgnoreCase)
        && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every file that sets <paramref name="key"/>, base file first, then the environments by name.</summary>
    public List<ConfiguredValue> Lookup(string key, CancellationToken cancellationToken)
    {
        var found = new List<ConfiguredValue>();
        foreach (var (file, values) in Parsed(cancellationToken))
        {
            if (values.TryGetValue(key, out var value))
            {
                found.Add(new ConfiguredValue(file, value));
            }
        }

        return found
            .OrderBy(v => v.Environment is null ? 0 : 1)
            .ThenBy(v => v.File, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private List<(string File, Dictionary<string, string> Values)> Parsed(CancellationToken cancellationToken)
    {
        if (_parsed is { } ready)
        {
            return ready;
        }

        lock (_gate)
        {
            if (_parsed is { } again)
            {
                return again;
            }

            var parsed = new List<(string, Dictionary<string, string>)>();
            foreach (var file in _files)
            {
                var text = file.GetText(cancellationToken)?.ToString();
                if (text is null)
                {
                    continue;
                }

                try
                {
                    var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    Flatten(JsonReader.Parse(WithoutCommentsAndTrailingCommas(text)), "", values);
                    parsed.Add((Path.GetFileName(file.Path), values));
                }
                catch (JsonParseException)
                {
                    // Not valid JSON: the application would fail to start with it too; nothing to read.
                }
            }

            return _parsed = parsed;
        }
    }

    private static void Flatten(JsonValue value, string path, Dictionary<string, string> values)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                foreach (var member in value.Members)
                {
                    Flatten(member.Value, path.Length == 0 ? member.Key : path + ":" + member.Key, values);
                }

                break;
            case JsonKind.Array:
                for (var i = 0; i < value.Items.Count; i++)
                {
                    Flatten(value.Items[i], path + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values);
                }

                break;
            case JsonKind.String or JsonKind.Number:
                values[path] = value.Text ?? "";
                break;
            case JsonKind.Boolean:
                values[path] = value.Boolean ? "True" : "False";
                break;
        }
    }

    // `// …` and `/* … */` outside strings, and a comma before `}` or `]`, are removed (replaced by spaces, so lines stay).
    internal static string WithoutCommentsAndTrailingCommas(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    builder.Append(text[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    builder.Append(' ');
                    i++;
                }

                if (i < text.Length)
                {
                    builder.Append('\n');
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (; i < end; i++)
                {
                    builder.Append(text[i] == '\n' ? '\n' : ' ');
                }

                i--;
            }
            else if (c == ',' && NextSignificant(text, i + 1) is '}' or ']')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static char? NextSignificant(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = text.IndexOf('\n', i);
                if (i < 0)
                {
                    return null;
                }

                continue;
            }

            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                i = end + 1;
                continue;
            }

            return text[i];
        }

        return null;
    }
}
