using System;
using System.Collections.Generic;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.PromptFiles;

/// <summary>
/// A Semantic Kernel YAML prompt template, as <c>KernelFunctionYaml.FromPromptYaml</c>,
/// <c>kernel.CreateFunctionFromPromptYaml</c> and <c>CreatePluginFromPromptDirectoryYaml</c> read it: the
/// PromptTemplateConfig fields (<c>name</c>, <c>description</c>, <c>template_format</c>, <c>input_variables</c>,
/// <c>execution_settings</c>) with the <c>template</c> inline, usually a <c>|</c> block scalar.
/// </summary>
public static class SemanticKernelYamlTemplate
{
    /// <summary>The file names the package adds by itself (<c>**/*.prompt.yaml</c>).</summary>
    public const string Extension = ".prompt.yaml";

    /// <summary>True for the extensions a YAML template may have when a loader or an item names it.</summary>
    public static bool IsYamlPath(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public static PromptFileDefinition Read(string path, string text)
    {
        var definition = new PromptFileDefinition(PromptFileKinds.SemanticKernelYaml, path)
        {
            Name = DefaultName(path),
            MaxOutputSetting = "execution_settings." + SemanticKernelPromptDirectory.DefaultServiceId + ".max_tokens",
        };

        JsonValue root;
        try
        {
            root = YamlSubsetReader.Parse(text);
        }
        catch (YamlParseException ex)
        {
            definition.Problems.Add(new PromptFileProblem(path, ex.Line, "not readable YAML: " + ex.Message + "; the template's size is unknown"));
            Unreadable(definition, ex.Line);
            return definition;
        }

        if (root.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(path, root.Line, "expected a mapping of PromptTemplateConfig keys (name, template, template_format, ...); the template's size is unknown"));
            Unreadable(definition, root.Line);
            return definition;
        }

        if (root.GetString("name") is { } name && name.Trim().Length > 0)
        {
            definition.Name = name.Trim();
        }

        var syntax = SemanticKernelPromptDirectory.ApplyConfig(definition, path, root, "");
        var template = root.Get("template");
        if (template is null || template.Kind != JsonKind.String)
        {
            var line = template?.Line ?? 1;
            definition.Problems.Add(new PromptFileProblem(path, line, template is null ? "no 'template:' key; the template's size is unknown" : "'template' must be text, not " + SemanticKernelPromptDirectory.Describe(template) + "; the template's size is unknown"));
            Unreadable(definition, line);
            return definition;
        }

        ReadTemplate(definition, text, template, syntax);
        return definition;
    }

    // The template is parsed as its own text; its lines are mapped back to the file's: a block scalar
    // (template: |) starts on the line after the key, line for line; any other scalar is on the key's line.
    private static void ReadTemplate(PromptFileDefinition definition, string fileText, JsonValue template, TemplateSyntax syntax)
    {
        var keyLine = template.Line;
        var isBlock = IsBlockScalar(LineText(fileText, keyLine));
        var firstLine = isBlock ? keyLine + 1 : keyLine;
        var problems = new List<TemplateProblem>();
        var parts = TemplateParser.Parse(template.Text!, syntax, problems);
        definition.TemplateFormat ??= SemanticKernelPromptDirectory.FormatName(syntax);
        definition.Messages.AddRange(PromptMessages.FromMessageTags(parts, problems));
        if (template.Text!.Trim().Length == 0)
        {
            problems.Add(new TemplateProblem(1, "the template is empty"));
        }

        foreach (var problem in problems)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, isBlock ? firstLine + problem.Line - 1 : keyLine, problem.Message));
        }

        var bodyLine = isBlock ? firstLine + SemanticKernelPromptDirectory.FirstContentLine(template.Text, out _) - 1 : keyLine;
        definition.BodyLine = bodyLine;
        definition.BodyOffset = LineOffset(fileText, bodyLine);
    }

    // What cannot be read is not nothing: one unbounded segment stands for the template, so PB1007 says so.
    private static void Unreadable(PromptFileDefinition definition, int line)
    {
        definition.TemplateFormat ??= "semantic-kernel";
        definition.BodyLine = line;
        definition.Messages.Add(new PromptFileMessage(Estimation.MessageRole.User, new[] { TemplatePart.Call("unreadable template of " + definition.Name, "", line) }));
    }

    // "GenerateStory.prompt.yaml" → "GenerateStory", as the function is usually named after its file.
    private static string DefaultName(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        foreach (var suffix in new[] { Extension, ".prompt.yml", ".yaml", ".yml" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return System.IO.Path.GetFileNameWithoutExtension(name);
    }

    private static bool IsBlockScalar(string line)
    {
        var colon = line.IndexOf(':');
        var rest = colon < 0 ? "" : line.Substring(colon + 1).TrimStart();
        return rest.StartsWith("|", StringComparison.Ordinal) || rest.StartsWith(">", StringComparison.Ordinal);
    }

    private static string LineText(string text, int line)
    {
        var start = LineOffset(text, line);
        var end = text.IndexOf('\n', start);
        return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
    }

    // Offset of the first non-blank character of a 1-based line (the file's start when there is no such line).
    private static int LineOffset(string text, int line)
    {
        var offset = 0;
        for (var current = 1; current < line; current++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return 0;
            }

            offset = next + 1;
        }

        while (offset < text.Length && (text[offset] == ' ' || text[offset] == '\t'))
        {
            offset++;
        }

        return offset;
    }
}
