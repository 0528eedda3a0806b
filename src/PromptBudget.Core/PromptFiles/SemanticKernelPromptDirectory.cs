using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.PromptFiles;

/// <summary>
/// A Semantic Kernel prompt directory: a folder with <c>skprompt.txt</c> (the template) and an optional
/// <c>config.json</c> (PromptTemplateConfig: <c>template_format</c>, <c>input_variables</c>,
/// <c>execution_settings</c>). The function is named after its folder, its plugin after the folder above,
/// as <c>CreatePluginFromPromptDirectory</c> names them.
/// </summary>
public static class SemanticKernelPromptDirectory
{
    public const string PromptFileName = "skprompt.txt";

    public const string ConfigFileName = "config.json";

    /// <summary>The service id whose settings are used first (then the first one in the file).</summary>
    public const string DefaultServiceId = "default";

    public static PromptFileDefinition Read(string promptPath, string promptText, string? configPath, string? configText)
    {
        var definition = new PromptFileDefinition(PromptFileKinds.SemanticKernelPromptDirectory, promptPath)
        {
            Name = FunctionName(promptPath),
            MaxOutputSetting = "execution_settings." + DefaultServiceId + ".max_tokens in " + ConfigFileName,
        };
        var syntax = TemplateSyntax.SemanticKernel;
        if (configPath is not null && configText is not null)
        {
            syntax = ReadConfig(definition, configPath, configText);
        }

        ReadTemplate(definition, promptText, syntax);
        return definition;
    }

    /// <summary>The text of a template file with no settings of its own (a <c>PromptBudgetPromptFile</c> item).</summary>
    public static void ReadTemplate(PromptFileDefinition definition, string text, TemplateSyntax syntax)
    {
        var problems = new List<TemplateProblem>();
        var parts = TemplateParser.Parse(text, syntax, problems);
        definition.TemplateFormat ??= FormatName(syntax);
        definition.Messages.AddRange(PromptMessages.FromMessageTags(parts, problems));
        definition.BodyLine = FirstContentLine(text, out var offset);
        definition.BodyOffset = offset;
        if (text.Trim().Length == 0)
        {
            problems.Add(new TemplateProblem(1, "the prompt is empty"));
        }

        foreach (var problem in problems)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, problem.Line, problem.Message));
        }
    }

    private static TemplateSyntax ReadConfig(PromptFileDefinition definition, string path, string text)
    {
        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonParseException ex)
        {
            definition.Problems.Add(new PromptFileProblem(path, ex.Line, "not valid JSON: " + ex.Message + "; the prompt is counted without its settings"));
            return TemplateSyntax.SemanticKernel;
        }

        if (root.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(path, root.Line, "expected a JSON object (PromptTemplateConfig); the prompt is counted without its settings"));
            return TemplateSyntax.SemanticKernel;
        }

        return ApplyConfig(definition, path, root, " in " + ConfigFileName);
    }

    /// <summary>
    /// The PromptTemplateConfig fields shared by config.json and the YAML templates: <c>template_format</c>,
    /// <c>input_variables</c>, <c>execution_settings</c>. <paramref name="settingsSuffix"/> ends the name of the
    /// max-output setting in messages (" in config.json").
    /// </summary>
    internal static TemplateSyntax ApplyConfig(PromptFileDefinition definition, string path, JsonValue root, string settingsSuffix)
    {
        var syntax = TemplateSyntax.SemanticKernel;
        definition.MaxOutputSetting = "execution_settings." + DefaultServiceId + ".max_tokens" + settingsSuffix;
        if (root.Get("template_format") is { } format)
        {
            var name = format.Kind == JsonKind.String ? format.Text! : "";
            switch (name.ToLowerInvariant())
            {
                case "semantic-kernel":
                    break;
                case "handlebars":
                    syntax = TemplateSyntax.Handlebars;
                    break;
                case "liquid":
                case "jinja2":
                    syntax = TemplateSyntax.Liquid;
                    definition.TemplateFormat = name.ToLowerInvariant();
                    break;
                default:
                    definition.Problems.Add(new PromptFileProblem(path, format.Line, "unknown template_format '" + (format.Text ?? format.Kind.ToString()) + "' (expected semantic-kernel, handlebars or liquid); read as semantic-kernel"));
                    break;
            }
        }

        ReadInputs(definition, path, root.Get("input_variables"));
        ReadExecutionSettings(definition, path, root.Get("execution_settings"), settingsSuffix);
        return syntax;
    }

    private static void ReadInputs(PromptFileDefinition definition, string path, JsonValue? inputs)
    {
        if (inputs is null || inputs.Kind == JsonKind.Null)
        {
            return;
        }

        if (inputs.Kind != JsonKind.Array)
        {
            definition.Problems.Add(new PromptFileProblem(path, inputs.Line, "input_variables must be an array of { name, default, ... }"));
            return;
        }

        foreach (var input in inputs.Items)
        {
            var name = input.Kind == JsonKind.Object ? input.GetString("name") : null;
            if (string.IsNullOrEmpty(name))
            {
                definition.Problems.Add(new PromptFileProblem(path, input.Line, "an input variable has no \"name\""));
                continue;
            }

            definition.Inputs[name!] = new PromptFileInput(name!, ScalarText(input.Get("default")), null);
        }
    }

    private static void ReadExecutionSettings(PromptFileDefinition definition, string path, JsonValue? settings, string settingsSuffix)
    {
        if (settings is null || settings.Kind == JsonKind.Null)
        {
            return;
        }

        if (settings.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(path, settings.Line, "execution_settings must be an object of service id → settings"));
            return;
        }

        if (settings.Members.Count == 0)
        {
            return;
        }

        var chosen = settings.Members.FirstOrDefault(m => m.Key == DefaultServiceId);
        if (chosen.Value is null)
        {
            chosen = settings.Members[0];
        }

        var service = chosen.Value;
        definition.MaxOutputSetting = "execution_settings." + chosen.Key + ".max_tokens" + settingsSuffix;
        if (service.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(path, service.Line, "execution_settings." + chosen.Key + " must be an object"));
            return;
        }

        if (service.Get("model_id") is { } model)
        {
            if (model.Kind == JsonKind.String && model.Text!.Trim().Length > 0)
            {
                definition.Model = model.Text.Trim();
            }
            else if (model.Kind != JsonKind.Null)
            {
                definition.Problems.Add(new PromptFileProblem(path, model.Line, "execution_settings." + chosen.Key + ".model_id must be a model name"));
            }
        }

        foreach (var key in new[] { "max_tokens", "max_completion_tokens", "max_output_tokens" })
        {
            if (service.Get(key) is not { } max || max.Kind == JsonKind.Null)
            {
                continue;
            }

            var setting = "execution_settings." + chosen.Key + "." + key;
            definition.MaxOutputSetting = setting + settingsSuffix;
            if (max.Kind == JsonKind.Number && long.TryParse(max.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tokens))
            {
                definition.MaxOutputTokens = tokens;
            }
            else
            {
                definition.Problems.Add(new PromptFileProblem(path, max.Line, setting + " must be a whole number of tokens, not " + Describe(max)));
            }

            break;
        }
    }

    /// <summary>The name Semantic Kernel gives the template language (<c>template_format</c>).</summary>
    internal static string FormatName(TemplateSyntax syntax) => syntax switch
    {
        TemplateSyntax.Handlebars => "handlebars",
        TemplateSyntax.Liquid => "liquid",
        _ => "semantic-kernel",
    };

    private static string FunctionName(string promptPath)
    {
        var folder = System.IO.Path.GetDirectoryName(promptPath) ?? "";
        var function = System.IO.Path.GetFileName(folder.TrimEnd('/', '\\'));
        var plugin = System.IO.Path.GetFileName((System.IO.Path.GetDirectoryName(folder) ?? "").TrimEnd('/', '\\'));
        if (string.IsNullOrEmpty(function))
        {
            return System.IO.Path.GetFileNameWithoutExtension(promptPath);
        }

        return string.IsNullOrEmpty(plugin) ? function : plugin + "." + function;
    }

    internal static string? ScalarText(JsonValue? value) => value?.Kind switch
    {
        JsonKind.String => value.Text,
        JsonKind.Number => value.Text,
        JsonKind.Boolean => value.Boolean ? "true" : "false",
        _ => null,
    };

    internal static string Describe(JsonValue value) => value.Kind switch
    {
        JsonKind.String => "'" + value.Text + "'",
        JsonKind.Number => value.Text!,
        _ => value.Kind.ToString().ToLowerInvariant(),
    };

    internal static int FirstContentLine(string text, out int offset)
    {
        var line = 1;
        offset = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                offset = i + 1;
            }
            else if (!char.IsWhiteSpace(text[i]))
            {
                return line;
            }
        }

        offset = 0;
        return 1;
    }
}
