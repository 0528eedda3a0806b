using System.Collections.Generic;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Core.PromptFiles;

/// <summary>A prompt file that cannot be read as written: which file, which 1-based line, what is wrong.</summary>
public sealed class PromptFileProblem
{
    public PromptFileProblem(string file, int line, string message)
    {
        File = file;
        Line = line;
        Message = message;
    }

    public string File { get; }

    public int Line { get; }

    public string Message { get; }

    public override string ToString() => $"{File}({Line}): {Message}";
}

/// <summary>An input of a prompt file: the value it is given when the caller gives none, and a sample value.</summary>
public sealed class PromptFileInput
{
    public PromptFileInput(string name, string? defaultValue, string? sample)
    {
        Name = name;
        Default = defaultValue;
        Sample = sample;
    }

    public string Name { get; }

    /// <summary>The file's default (SK <c>input_variables[].default</c>, Prompty <c>inputs.x.default</c>); null when none or not text.</summary>
    public string? Default { get; }

    /// <summary>A sample value (Prompty <c>sample:</c>, <c>inputs.x.sample</c> or <c>example</c>); null when none or not text.</summary>
    public string? Sample { get; }
}

/// <summary>One message of a prompt file, as template parts.</summary>
public sealed class PromptFileMessage
{
    public PromptFileMessage(MessageRole role, IReadOnlyList<TemplatePart> parts)
    {
        Role = role;
        Parts = parts;
    }

    public MessageRole Role { get; }

    /// <summary>Only <see cref="TemplatePartKind.Text"/>, <see cref="TemplatePartKind.Variable"/>, <see cref="TemplatePartKind.Call"/> and <see cref="TemplatePartKind.Loop"/>.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; }
}

/// <summary>
/// What a prompt file sends to a model, read without running it: its messages as template parts, its
/// inputs, and the model and max output its settings name. A file that could not be fully read has
/// <see cref="Problems"/> (PB2005) and whatever could be read; it is never dropped silently.
/// </summary>
public sealed class PromptFileDefinition
{
    public PromptFileDefinition(string kind, string path)
    {
        Kind = kind;
        Path = path;
    }

    /// <summary>One of <see cref="PromptFileKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>The prompt file (<c>skprompt.txt</c>, <c>*.prompty</c>, <c>*.prompt.yaml</c>).</summary>
    public string Path { get; }

    /// <summary>The function's name: <c>Plugin.Function</c> for a prompt directory, the <c>name:</c> (else the file name) for Prompty.</summary>
    public string Name { get; set; } = "";

    /// <summary>The template language as the format names it (<c>semantic-kernel</c>, <c>handlebars</c>, <c>liquid</c>, <c>jinja2</c>, <c>mustache</c>), for reports.</summary>
    public string? TemplateFormat { get; set; }

    /// <summary>The model (or Azure deployment) the settings name; null when they name none.</summary>
    public string? Model { get; set; }

    /// <summary>True when <see cref="Model"/> is an Azure deployment name (mapped through prompt_budget.deployment_models).</summary>
    public bool ModelIsDeployment { get; set; }

    /// <summary>A model setting that is not a name (<c>${env:…}</c>): shown when the model cannot be determined.</summary>
    public string? ModelExpression { get; set; }

    public long? MaxOutputTokens { get; set; }

    /// <summary>The setting that holds the max output, as a user would look for it (<c>config.json execution_settings.default.max_tokens</c>).</summary>
    public string MaxOutputSetting { get; set; } = "max_tokens";

    /// <summary>1-based line of the body (the first line of the prompt text) in <see cref="Path"/>.</summary>
    public int BodyLine { get; set; } = 1;

    /// <summary>Character offset of the body in <see cref="Path"/>.</summary>
    public int BodyOffset { get; set; }

    public List<PromptFileMessage> Messages { get; } = new();

    public Dictionary<string, PromptFileInput> Inputs { get; } = new(System.StringComparer.Ordinal);

    public List<PromptFileProblem> Problems { get; } = new();
}

/// <summary>The SDK name a prompt file's call site carries in reports.</summary>
public static class PromptFileKinds
{
    public const string SemanticKernelPromptDirectory = "SemanticKernel.PromptDirectory";

    public const string Prompty = "Prompty";

    /// <summary>A Semantic Kernel YAML prompt template (<c>KernelFunctionYaml.FromPromptYaml</c>): PromptTemplateConfig fields with the template inline.</summary>
    public const string SemanticKernelYaml = "SemanticKernel.PromptYaml";

    /// <summary>A file given as a <c>PromptBudgetPromptFile</c> item that is neither: its text is a Semantic Kernel template.</summary>
    public const string PromptTemplate = "PromptTemplate";
}
