using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Core.PromptFiles;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>One prompt file among the AdditionalFiles, with the settings file beside it (a prompt directory's config.json).</summary>
internal sealed class PromptFileEntry
{
    public PromptFileEntry(string kind, AdditionalText prompt, AdditionalText? config)
    {
        Kind = kind;
        Prompt = prompt;
        Config = config;
    }

    public string Kind { get; }

    public AdditionalText Prompt { get; }

    public AdditionalText? Config { get; }
}

/// <summary>
/// The prompt files of a compilation: every <c>skprompt.txt</c> (with its sibling <c>config.json</c>),
/// every <c>*.prompty</c>, and every file a <c>PromptBudgetPromptFile</c> item adds (marked with that
/// metadata). The package's targets add them as AdditionalFiles. Finding them compares file names only,
/// so a project without prompt files pays for nothing else.
/// </summary>
internal static class PromptFileSet
{
    public const string PromptFileMetadata = "build_metadata.AdditionalFiles.PromptBudgetPromptFile";

    public static List<PromptFileEntry> Find(AnalyzerOptions options)
    {
        var found = new List<PromptFileEntry>();
        Dictionary<string, AdditionalText>? configs = null;
        foreach (var file in options.AdditionalFiles)
        {
            var name = Path.GetFileName(file.Path);
            if (string.Equals(name, SemanticKernelPromptDirectory.PromptFileName, StringComparison.OrdinalIgnoreCase))
            {
                configs ??= ConfigsByFolder(options);
                configs.TryGetValue(Folder(file.Path), out var config);
                found.Add(new PromptFileEntry(PromptFileKinds.SemanticKernelPromptDirectory, file, config));
            }
            else if (name.EndsWith(PromptyFile.Extension, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new PromptFileEntry(PromptFileKinds.Prompty, file, null));
            }
            else if (!string.Equals(name, SemanticKernelPromptDirectory.ConfigFileName, StringComparison.OrdinalIgnoreCase)
                && IsMarked(options, file))
            {
                found.Add(new PromptFileEntry(PromptFileKinds.PromptTemplate, file, null));
            }
        }

        return found;
    }

    private static bool IsMarked(AnalyzerOptions options, AdditionalText file) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(PromptFileMetadata, out var value)
        && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, AdditionalText> ConfigsByFolder(AnalyzerOptions options)
    {
        var configs = new Dictionary<string, AdditionalText>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in options.AdditionalFiles)
        {
            if (string.Equals(Path.GetFileName(file.Path), SemanticKernelPromptDirectory.ConfigFileName, StringComparison.OrdinalIgnoreCase))
            {
                configs[Folder(file.Path)] = file;
            }
        }

        return configs;
    }

    private static string Folder(string path) => (Path.GetDirectoryName(path) ?? "").Replace('\\', '/').TrimEnd('/');
}
