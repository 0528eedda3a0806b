using System.Collections.Generic;

namespace PromptBudget.Analyzers.Configuration;

/// <summary>The settings that apply to one source file (its folder's .editorconfig over the project's properties).</summary>
internal sealed class PromptBudgetSettings
{
    /// <summary>Max output used by the code fix when no budget is configured.</summary>
    public const long DocumentedFixMaxOutputTokens = 1024;

    public string? DefaultModel { get; set; }

    /// <summary>Azure OpenAI deployment name → model.</summary>
    public Dictionary<string, string> DeploymentModels { get; set; } = new(System.StringComparer.OrdinalIgnoreCase);

    public long? MaxInputTokens { get; set; }

    public long? MaxOutputTokens { get; set; }

    public decimal? MaxCostPerCall { get; set; }

    /// <summary>Tokens assumed for a dynamic segment with no bound; null keeps it unbounded (PB1007).</summary>
    public long? AssumedSegmentTokens { get; set; }

    public string? Feature { get; set; }

    public decimal CallsPerRequest { get; set; } = 1m;

    /// <summary>Tokens of tool results per loop iteration (prompt_budget.tool_result_tokens); null when not set (the assumed default applies).</summary>
    public long? ToolResultTokens { get; set; }

    public bool RedactPrompts { get; set; }

    public long FixMaxOutputTokens { get; set; } = DocumentedFixMaxOutputTokens;

    /// <summary>What a prompt file's template holes are counted as (prompt_budget.template_inputs).</summary>
    public TemplateInputs TemplateInputs { get; set; } = TemplateInputs.Unbounded;

    /// <summary>Settings that could not be used: key, value and why.</summary>
    public List<SettingError> Errors { get; } = new();
}

/// <summary>How the holes of a prompt file's template are counted.</summary>
internal enum TemplateInputs
{
    /// <summary>Each hole is a dynamic segment (PB1007 unless prompt_budget.assumed_segment_tokens is set).</summary>
    Unbounded,

    /// <summary>A hole whose input has a default in the file counts that default's text.</summary>
    Default,

    /// <summary>A hole whose input has a sample (else a default) in the file counts that text.</summary>
    Sample,
}

internal sealed class SettingError
{
    public SettingError(string key, string value, string reason)
    {
        Key = key;
        Value = value;
        Reason = reason;
    }

    public string Key { get; }

    public string Value { get; }

    public string Reason { get; }
}
