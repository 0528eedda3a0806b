using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.PromptFiles;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>What a loader call names: a file path, a prompt directory, or an embedded resource.</summary>
internal enum PromptFileReferenceKind
{
    /// <summary>A file: <c>CreateFunctionFromPromptyFile(path)</c>, <c>File.ReadAllText(path)</c>.</summary>
    File,

    /// <summary>A Semantic Kernel prompt directory plugin: each sub-folder's <c>skprompt.txt</c> is a function.</summary>
    PromptDirectory,

    /// <summary>A YAML plugin directory: each <c>*.yaml</c>/<c>*.yml</c> in it is a function.</summary>
    YamlDirectory,

    /// <summary>An embedded resource, by its manifest name or the file name a helper turns into one.</summary>
    Resource,
}

/// <summary>
/// A path or resource name read from code, matched to the project's prompt files. Relative paths are taken
/// from the project directory (where the build copies files to the output from); when that fails, or when
/// the code's path starts with a folder known only at run time (<c>AppContext.BaseDirectory</c>), the files
/// whose path ends with the known part are taken, and the match says so.
/// </summary>
internal sealed class PromptFileReference
{
    public PromptFileReference(PromptFileReferenceKind kind, string text, bool onlyTail)
    {
        Kind = kind;
        Text = Normalize(text);
        OnlyTail = onlyTail;
    }

    public PromptFileReferenceKind Kind { get; }

    /// <summary>The path or resource name, '/' separated, without "./".</summary>
    public string Text { get; }

    /// <summary>Only the end of the path is known (a run-time folder before it).</summary>
    public bool OnlyTail { get; }

    /// <summary>The prompt files this names (several for a directory), and how they were matched; empty when none.</summary>
    public (List<PromptFileEntry> Files, string How) Resolve(IReadOnlyList<PromptFileEntry> entries, string? projectDirectory)
    {
        if (Text.Length == 0)
        {
            return (new List<PromptFileEntry>(), "");
        }

        if (Kind == PromptFileReferenceKind.Resource)
        {
            return ResolveResource(entries);
        }

        var project = projectDirectory is null ? null : Normalize(projectDirectory).TrimEnd('/');
        var full = IsRooted(Text) || project is null ? Text : project + "/" + Text;
        if (!OnlyTail)
        {
            var exact = entries.Where(e => Matches(e, full, exact: true)).ToList();
            if (exact.Count > 0)
            {
                return (exact, "path '" + Text + "'");
            }
        }

        var tail = Text.TrimStart('/');
        var bySuffix = entries.Where(e => Matches(e, "/" + tail, exact: false)).ToList();
        return bySuffix.Count == 0
            ? (bySuffix, "")
            : (bySuffix, "path ending '" + tail + "'" + (OnlyTail ? " (the folder before it is known only at run time)" : " (not found from the project directory; matched by its end)"));
    }

    private bool Matches(PromptFileEntry entry, string path, bool exact)
    {
        var candidate = Kind switch
        {
            // CreatePluginFromPromptDirectory(dir): dir/<Function>/skprompt.txt.
            PromptFileReferenceKind.PromptDirectory when entry.Kind == PromptFileKinds.SemanticKernelPromptDirectory => Parent(Parent(entry.NormalizedPath)),

            // CreatePluginFromPromptDirectoryYaml(dir): dir/<Function>.yaml.
            PromptFileReferenceKind.YamlDirectory when entry.Kind == PromptFileKinds.SemanticKernelYaml => Parent(entry.NormalizedPath),
            PromptFileReferenceKind.File => entry.NormalizedPath,
            _ => null,
        };

        if (candidate is null)
        {
            return false;
        }

        path = path.TrimEnd('/');
        return exact
            ? string.Equals(candidate, path, StringComparison.OrdinalIgnoreCase)
            : candidate.EndsWith(path, StringComparison.OrdinalIgnoreCase);
    }

    // A manifest resource name is the root namespace and the folders joined with '.', so "GenerateStory.yaml"
    // (a helper adds the prefix) and "MyApp.Resources.GenerateStory.yaml" both end with a file's name.
    private (List<PromptFileEntry>, string) ResolveResource(IReadOnlyList<PromptFileEntry> entries)
    {
        var logical = entries.Where(e => string.Equals(e.ResourceName, Text, StringComparison.Ordinal)).ToList();
        if (logical.Count > 0)
        {
            return (logical, "resource '" + Text + "'");
        }

        // Longest match first: "Resources.GenerateStory.yaml" prefers Resources/GenerateStory.yaml over another GenerateStory.yaml.
        var best = new List<PromptFileEntry>();
        var bestLength = 0;
        foreach (var entry in entries.Where(e => e.Kind != PromptFileKinds.SemanticKernelPromptDirectory))
        {
            var length = DottedSuffixLength(entry.NormalizedPath, Text);
            if (length > bestLength)
            {
                best.Clear();
                bestLength = length;
            }

            if (length > 0 && length == bestLength)
            {
                best.Add(entry);
            }
        }

        return (best, best.Count == 0 ? "" : "resource name '" + Text + "' (matched by file name)");
    }

    // How many path segments of the file, read from its end and joined with '.', end the resource name.
    private static int DottedSuffixLength(string path, string resource)
    {
        var segments = path.Split('/');
        var name = segments[segments.Length - 1];
        if (!resource.Equals(name, StringComparison.OrdinalIgnoreCase) && !resource.EndsWith("." + name, StringComparison.OrdinalIgnoreCase)
            && !resource.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var matched = 1;
        var suffix = name;
        for (var i = segments.Length - 2; i >= 0 && segments[i].Length > 0; i--)
        {
            suffix = segments[i] + "." + suffix;
            if (!resource.Replace('/', '.').EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            matched++;
        }

        return matched;
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');

    internal static string Normalize(string path)
    {
        var text = path.Trim().Replace('\\', '/');
        while (text.StartsWith("./", StringComparison.Ordinal))
        {
            text = text.Substring(2);
        }

        return text.Replace("/./", "/");
    }
}
