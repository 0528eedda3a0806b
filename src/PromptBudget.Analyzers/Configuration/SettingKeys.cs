namespace PromptBudget.Analyzers.Configuration;

/// <summary>
/// One setting: its .editorconfig/.globalconfig key and the MSBuild property that gives the project-wide
/// default (surfaced to the analyzer with CompilerVisibleProperty). The .editorconfig key wins.
/// </summary>
internal sealed class SettingKey
{
    public SettingKey(string editorConfigKey, string buildProperty)
    {
        EditorConfigKey = editorConfigKey;
        BuildProperty = buildProperty;
    }

    public string EditorConfigKey { get; }

    public string BuildProperty { get; }

    public string GlobalOptionKey => "build_property." + BuildProperty;
}

internal static class SettingKeys
{
    public static readonly SettingKey DefaultModel = new("prompt_budget.default_model", "PromptBudgetDefaultModel");
    public static readonly SettingKey DeploymentModels = new("prompt_budget.deployment_models", "PromptBudgetDeploymentModels");
    public static readonly SettingKey MaxInputTokens = new("prompt_budget.max_input_tokens", "PromptBudgetMaxInputTokens");
    public static readonly SettingKey MaxOutputTokens = new("prompt_budget.max_output_tokens", "PromptBudgetMaxOutputTokens");
    public static readonly SettingKey MaxCostPerCall = new("prompt_budget.max_cost_per_call", "PromptBudgetMaxCostPerCall");
    public static readonly SettingKey AssumedSegmentTokens = new("prompt_budget.assumed_segment_tokens", "PromptBudgetAssumedSegmentTokens");
    public static readonly SettingKey Feature = new("prompt_budget.feature", "PromptBudgetDefaultFeature");
    public static readonly SettingKey CallsPerRequest = new("prompt_budget.calls_per_request", "PromptBudgetCallsPerRequest");
    public static readonly SettingKey RedactPrompts = new("prompt_budget.redact_prompts", "PromptBudgetRedactPrompts");
    public static readonly SettingKey FixMaxOutputTokens = new("prompt_budget.fix_max_output_tokens", "PromptBudgetFixMaxOutputTokens");
    public static readonly SettingKey TemplateInputs = new("prompt_budget.template_inputs", "PromptBudgetTemplateInputs");

    /// <summary>The path of a price file (LiteLLM format) that overrides the embedded prices.</summary>
    public const string PriceFileProperty = "build_property.PromptBudgetPriceFile";

    /// <summary>An AdditionalFiles item with this file name is read as a price file.</summary>
    public const string PriceFileName = "promptbudget.prices.json";

    public static readonly SettingKey[] All =
    {
        DefaultModel, DeploymentModels, MaxInputTokens, MaxOutputTokens, MaxCostPerCall,
        AssumedSegmentTokens, Feature, CallsPerRequest, RedactPrompts, FixMaxOutputTokens, TemplateInputs,
    };
}
