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
    public PromptFileEntry(string kind, AdditionalText prompt, AdditionalText? config, bool onlyWhenLoaded = false, string? resourceName = null)
    {
        Kind = kind;
        Prompt = prompt;
        Config = config;
        OnlyWhenLoaded = onlyWhenLoaded;
        ResourceName = resourceName;
    }

    public string Kind { get; }

    public AdditionalText Prompt { get; }

    public AdditionalText? Config { get; }

    /// <summary>
    /// An embedded resource that is not a prompt file by its name (GenerateStory.yaml, not *.prompt.yaml): a call
    /// site only when C# code loads it, since nothing else says it is a prompt.
    /// </summary>
    public bool OnlyWhenLoaded { get; }

    /// <summary>The embedded resource's LogicalName when the project sets one; null otherwise.</summary>
    public string? ResourceName { get; }

    /// <summary>The path with '/' separators, for matching the paths code names.</summary>
    public string NormalizedPath => Prompt.Path.Replace('\\', '/');
}

/// <summary>
/// The prompt files of a compilation: every <c>skprompt.txt</c> (with its sibling <c>config.json</c>),
/// every <c>*.prompty</c> and <c>*.prompt.yaml</c>, every file a <c>PromptBudgetPromptFile</c> item adds
/// (marked with that metadata), and the project's <c>EmbeddedResource</c> items with a prompt file's
/// extension (marked too, counted only when code loads them). The package's targets add them as
/// AdditionalFiles. Finding them compares file names (and reads metadata only of files that are none of
/// the known names), so a project without prompt files pays for nothing else.
/// </summary>
internal static class PromptFileSet
{
    public const string PromptFileMetadata = "build_metadata.AdditionalFiles.PromptBudgetPromptFile";

    public const string EmbeddedResourceMetadata = "build_metadata.AdditionalFiles.PromptBudgetEmbeddedResource";

    public const string LogicalNameMetadata = "build_metadata.AdditionalFiles.PromptBudgetLogicalName";

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
                found.Add(new PromptFileEntry(PromptFileKinds.Prompty, file, null, resourceName: LogicalName(options, file)));
            }
            else if (name.EndsWith(SemanticKernelYamlTemplate.Extension, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(new PromptFileEntry(PromptFileKinds.SemanticKernelYaml, file, null, resourceName: LogicalName(options, file)));
            }
            else if (!string.Equals(name, SemanticKernelPromptDirectory.ConfigFileName, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(name, PayloadChannelName, StringComparison.OrdinalIgnoreCase))
            {
                var metadata = options.AnalyzerConfigOptionsProvider.GetOptions(file);
                var marked = IsTrue(metadata, PromptFileMetadata);
                if (marked || IsTrue(metadata, EmbeddedResourceMetadata))
                {
                    var kind = SemanticKernelYamlTemplate.IsYamlPath(name) ? PromptFileKinds.SemanticKernelYaml : PromptFileKinds.PromptTemplate;
                    found.Add(new PromptFileEntry(kind, file, null, onlyWhenLoaded: !marked, resourceName: LogicalName(options, file)));
                }
            }
        }

        return found;
    }

    private const string PayloadChannelName = Payload.PayloadChannel.SettingsFileName;

    private static bool IsTrue(AnalyzerConfigOptions metadata, string key) =>
        metadata.TryGetValue(key, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static string? LogicalName(AnalyzerOptions options, AdditionalText file) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(LogicalNameMetadata, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

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
