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

    public bool RedactPrompts { get; set; }

    public long FixMaxOutputTokens { get; set; } = DocumentedFixMaxOutputTokens;

    /// <summary>Settings that could not be used: key, value and why.</summary>
    public List<SettingError> Errors { get; } = new();
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
