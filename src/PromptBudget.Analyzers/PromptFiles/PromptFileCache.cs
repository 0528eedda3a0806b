using System.Collections.Concurrent;
using PromptBudget.Core.PromptFiles;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>
/// Parsed prompt files by path and content, shared by the compilations of one compiler process: the IDE
/// and the compiler server analyse the same unchanged files again and again. A definition is never
/// changed after it is made. Bounded: past <see cref="MaxEntries"/> the cache starts over.
/// </summary>
internal static class PromptFileCache
{
    internal const int MaxEntries = 512;

    private static readonly ConcurrentDictionary<(string Kind, string Path, string Text, string? ConfigPath, string? ConfigText), PromptFileDefinition> Definitions = new();

    public static PromptFileDefinition Get(string kind, string path, string text, string? configPath, string? configText)
    {
        var key = (kind, path, text, configPath, configText);
        if (Definitions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var definition = kind switch
        {
            PromptFileKinds.Prompty => PromptyFile.Read(path, text),
            PromptFileKinds.SemanticKernelPromptDirectory => SemanticKernelPromptDirectory.Read(path, text, configPath, configText),
            PromptFileKinds.SemanticKernelYaml => SemanticKernelYamlTemplate.Read(path, text),
            _ => ReadTemplate(path, text),
        };

        if (Definitions.Count >= MaxEntries)
        {
            Definitions.Clear();
        }

        return Definitions.GetOrAdd(key, definition);
    }

    private static PromptFileDefinition ReadTemplate(string path, string text)
    {
        var definition = new PromptFileDefinition(PromptFileKinds.PromptTemplate, path) { Name = System.IO.Path.GetFileNameWithoutExtension(path), MaxOutputSetting = "the max output tokens where the template is invoked" };
        SemanticKernelPromptDirectory.ReadTemplate(definition, text, TemplateSyntax.SemanticKernel);
        return definition;
    }
}
