using System;
using System.Collections.Generic;
using System.Globalization;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.PromptFiles;

/// <summary>
/// A <c>.prompty</c> file: YAML front matter between <c>---</c> lines, then the template, whose role lines
/// (<c>system:</c>, <c>user:</c>, <c>assistant:</c>) start the messages. Both front-matter shapes are read:
/// Prompty 1 (<c>model: { api, configuration: { type, azure_deployment | name }, parameters: { max_tokens } }</c>,
/// <c>inputs: { x: { default, sample } }</c>, <c>sample:</c>) and Prompty 2 (<c>model: { id, provider,
/// apiType, options: { maxOutputTokens } }</c>, <c>inputs: [ { name, default, example } ]</c>).
/// </summary>
public static class PromptyFile
{
    public const string Extension = ".prompty";

    public static PromptFileDefinition Read(string path, string text)
    {
        var definition = new PromptFileDefinition(PromptFileKinds.Prompty, path) { Name = System.IO.Path.GetFileNameWithoutExtension(path), MaxOutputSetting = "model.parameters.max_tokens (Prompty 2: model.options.maxOutputTokens)" };
        var body = text;
        var bodyLine = 1;
        var bodyOffset = 0;
        var syntax = TemplateSyntax.Liquid;
        if (SplitFrontMatter(definition, text, out var front, out var frontLine, out var bodyStart))
        {
            body = text.Substring(bodyStart);
            bodyOffset = bodyStart;
            bodyLine = 1 + PromptMessages.CountNewlines(text, 0, bodyStart);
            try
            {
                syntax = ReadFrontMatter(definition, YamlSubsetReader.Parse(front, frontLine));
            }
            catch (YamlParseException ex)
            {
                definition.Problems.Add(new PromptFileProblem(path, ex.Line, "front matter: " + ex.Message + "; the prompt is counted without its settings"));
            }
        }

        var problems = new List<TemplateProblem>();
        var parts = TemplateParser.Parse(body, syntax, problems);
        definition.TemplateFormat ??= "jinja2";
        definition.Messages.AddRange(PromptMessages.FromRoleLines(parts));
        if (definition.Messages.Count == 0)
        {
            problems.Add(new TemplateProblem(1, "the prompt has no text after the front matter"));
        }

        foreach (var problem in problems)
        {
            definition.Problems.Add(new PromptFileProblem(path, bodyLine + problem.Line - 1, problem.Message));
        }

        definition.BodyLine = bodyLine + SemanticKernelPromptDirectory.FirstContentLine(body, out var contentOffset) - 1;
        definition.BodyOffset = bodyOffset + contentOffset;
        return definition;
    }

    // "---" on the first line opens the front matter, the next "---" line closes it.
    private static bool SplitFrontMatter(PromptFileDefinition definition, string text, out string front, out int frontLine, out int bodyStart)
    {
        front = "";
        frontLine = 2;
        bodyStart = 0;
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var firstEnd = text.IndexOf('\n', start);
        var first = (firstEnd < 0 ? text.Substring(start) : text.Substring(start, firstEnd - start)).Trim();
        if (first != "---")
        {
            return false;
        }

        var lineStart = firstEnd + 1;
        var line = 2;
        while (lineStart > 0 && lineStart <= text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            var content = (end < 0 ? text.Substring(lineStart) : text.Substring(lineStart, end - lineStart)).TrimEnd();
            if (content == "---")
            {
                front = text.Substring(firstEnd + 1, lineStart - firstEnd - 1);
                bodyStart = end < 0 ? text.Length : end + 1;
                return true;
            }

            if (end < 0)
            {
                break;
            }

            lineStart = end + 1;
            line++;
        }

        definition.Problems.Add(new PromptFileProblem(definition.Path, 1, "the front matter opened with '---' is never closed with a '---' line; the file is counted as prompt text without settings"));
        return false;
    }

    private static TemplateSyntax ReadFrontMatter(PromptFileDefinition definition, JsonValue root)
    {
        if (root.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, root.Line, "the front matter must be a mapping of keys (name, model, inputs, ...)"));
            return TemplateSyntax.Liquid;
        }

        if (root.GetString("name") is { } name && name.Trim().Length > 0)
        {
            definition.Name = name.Trim();
        }

        ReadModel(definition, root.Get("model"));
        ReadInputs(definition, root.Get("inputs"), root.Get("sample"));
        return ReadTemplateFormat(definition, root.Get("template"));
    }

    private static void ReadModel(PromptFileDefinition definition, JsonValue? model)
    {
        if (model is null || model.Kind == JsonKind.Null)
        {
            return;
        }

        if (model.Kind == JsonKind.String)
        {
            SetModel(definition, model, isDeployment: false);
            return;
        }

        if (model.Kind != JsonKind.Object)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, model.Line, "model must be a model name or a mapping (id, configuration, parameters, options)"));
            return;
        }

        // Prompty 2: model.id with model.provider; model.options.maxOutputTokens.
        if (model.Get("id") is { } id)
        {
            var provider = model.GetString("provider") ?? "";
            SetModel(definition, id, isDeployment: provider.IndexOf("azure", StringComparison.OrdinalIgnoreCase) >= 0);
        }

        // Prompty 1: model.configuration { type, azure_deployment | name }; model.parameters.max_tokens.
        if (model.Get("configuration") is { Kind: JsonKind.Object } configuration)
        {
            if (configuration.Get("azure_deployment") is { } deployment)
            {
                SetModel(definition, deployment, isDeployment: true);
            }
            else if (configuration.Get("name") is { } configured)
            {
                SetModel(definition, configured, isDeployment: false);
            }
            else if (configuration.Get("model") is { } configuredModel)
            {
                SetModel(definition, configuredModel, isDeployment: false);
            }
        }

        ReadMaxOutput(definition, model.Get("parameters"), "model.parameters", "max_tokens", "max_completion_tokens");
        ReadMaxOutput(definition, model.Get("options"), "model.options", "maxOutputTokens", "max_tokens");
    }

    private static void SetModel(PromptFileDefinition definition, JsonValue value, bool isDeployment)
    {
        if (value.Kind != JsonKind.String || value.Text!.Trim().Length == 0)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, value.Line, "the model must be a name, not " + SemanticKernelPromptDirectory.Describe(value)));
            return;
        }

        var text = value.Text.Trim();
        if (text.Contains("${"))
        {
            // ${env:AZURE_OPENAI_DEPLOYMENT}: known only at run time.
            definition.ModelExpression = text;
            return;
        }

        definition.Model = text;
        definition.ModelIsDeployment = isDeployment;
    }

    private static void ReadMaxOutput(PromptFileDefinition definition, JsonValue? parameters, string where, params string[] keys)
    {
        if (parameters is null || parameters.Kind != JsonKind.Object)
        {
            return;
        }

        foreach (var key in keys)
        {
            if (parameters.Get(key) is not { } value || value.Kind == JsonKind.Null)
            {
                continue;
            }

            definition.MaxOutputSetting = where + "." + key;
            if (value.Kind == JsonKind.Number && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tokens))
            {
                definition.MaxOutputTokens = tokens;
            }
            else
            {
                definition.Problems.Add(new PromptFileProblem(definition.Path, value.Line, where + "." + key + " must be a whole number of tokens, not " + SemanticKernelPromptDirectory.Describe(value)));
            }

            return;
        }

        if (definition.MaxOutputTokens is null)
        {
            definition.MaxOutputSetting = where + "." + keys[0];
        }
    }

    private static void ReadInputs(PromptFileDefinition definition, JsonValue? inputs, JsonValue? sample)
    {
        var samples = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (sample is { Kind: JsonKind.Object })
        {
            foreach (var member in sample.Members)
            {
                samples[member.Key] = SemanticKernelPromptDirectory.ScalarText(member.Value);
            }
        }

        if (inputs is { Kind: JsonKind.Object })
        {
            // Prompty 1: inputs: { firstName: { type, default, sample } }.
            foreach (var member in inputs.Members)
            {
                var value = member.Value;
                var defaultValue = value.Kind == JsonKind.Object ? SemanticKernelPromptDirectory.ScalarText(value.Get("default")) : null;
                var sampleValue = value.Kind == JsonKind.Object ? SemanticKernelPromptDirectory.ScalarText(value.Get("sample") ?? value.Get("example")) : null;
                samples.TryGetValue(member.Key, out var topSample);
                definition.Inputs[member.Key] = new PromptFileInput(member.Key, defaultValue, sampleValue ?? topSample);
            }
        }
        else if (inputs is { Kind: JsonKind.Array })
        {
            // Prompty 2: inputs: [ { name, kind, default, example } ].
            foreach (var item in inputs.Items)
            {
                var name = item.Kind == JsonKind.Object ? item.GetString("name") : null;
                if (string.IsNullOrEmpty(name))
                {
                    definition.Problems.Add(new PromptFileProblem(definition.Path, item.Line, "an input has no name"));
                    continue;
                }

                samples.TryGetValue(name!, out var topSample);
                definition.Inputs[name!] = new PromptFileInput(
                    name!,
                    SemanticKernelPromptDirectory.ScalarText(item.Get("default")),
                    SemanticKernelPromptDirectory.ScalarText(item.Get("example") ?? item.Get("sample")) ?? topSample);
            }
        }
        else if (inputs is not null && inputs.Kind != JsonKind.Null)
        {
            definition.Problems.Add(new PromptFileProblem(definition.Path, inputs.Line, "inputs must be a mapping of names or a list of { name, default, example }"));
        }

        foreach (var pair in samples)
        {
            if (!definition.Inputs.ContainsKey(pair.Key))
            {
                definition.Inputs[pair.Key] = new PromptFileInput(pair.Key, null, pair.Value);
            }
        }
    }

    private static TemplateSyntax ReadTemplateFormat(PromptFileDefinition definition, JsonValue? template)
    {
        if (template is null || template.Kind == JsonKind.Null)
        {
            return TemplateSyntax.Liquid;
        }

        var format = template;
        if (template.Kind == JsonKind.Object)
        {
            format = template.Get("format") ?? template.Get("type");
            if (format is { Kind: JsonKind.Object })
            {
                format = format.Get("kind") ?? format.Get("type");
            }
        }

        if (format is null || format.Kind == JsonKind.Null)
        {
            return TemplateSyntax.Liquid;
        }

        var name = (format.Kind == JsonKind.String ? format.Text! : "").Trim().ToLowerInvariant();
        switch (name)
        {
            case "jinja2":
            case "jinja":
            case "liquid":
                definition.TemplateFormat = name == "jinja" ? "jinja2" : name;
                return TemplateSyntax.Liquid;
            case "mustache":
            case "handlebars":
                definition.TemplateFormat = name;
                return TemplateSyntax.Handlebars;
            default:
                definition.Problems.Add(new PromptFileProblem(definition.Path, format.Line, "unknown template format " + SemanticKernelPromptDirectory.Describe(format) + " (expected jinja2, mustache, handlebars or liquid); read as jinja2"));
                return TemplateSyntax.Liquid;
        }
    }
}
