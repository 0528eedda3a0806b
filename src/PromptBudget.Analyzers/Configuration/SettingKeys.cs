namespace PromptBudget.Analyzers.Configuration;

/// <summary>
/// One setting: its .editorconfig/.globalconfig key and the MSBuild property that gives the project-wide
/// default (surfaced to the analyzer with CompilerVisibleProperty). The .editorconfig key wins.
/// </summary>
internal sealed class SettingKey
{
    public SettingKey(string editorConfigKey, string buildProperty, string defaultText, string meaning, string? format = null)
    {
        EditorConfigKey = editorConfigKey;
        BuildProperty = buildProperty;
        DefaultText = defaultText;
        Meaning = meaning;
        Format = format;
    }

    /// <summary>What a value looks like, for docs/configuration.md (generated from it); null when the meaning says it.</summary>
    public string? Format { get; }

    /// <summary>The default as the documentation shows it.</summary>
    public string DefaultText { get; }

    /// <summary>One line for the documentation's table (the README's table is generated from it).</summary>
    public string Meaning { get; }

    public string EditorConfigKey { get; }

    public string BuildProperty { get; }

    public string GlobalOptionKey => "build_property." + BuildProperty;
}

internal static class SettingKeys
{
    public static readonly SettingKey DefaultModel = new("prompt_budget.default_model", "PromptBudgetDefaultModel", "none", "Model for calls whose model the code does not say", "A model id as the price list names it (`gpt-4o`)");
    public static readonly SettingKey DeploymentModels = new("prompt_budget.deployment_models", "PromptBudgetDeploymentModels", "none", "Azure deployments: `prod-chat=gpt-4o, cheap=gpt-4o-mini` (pairs separated by `,`: `;` and `#` start a comment in `.editorconfig`)");
    public static readonly SettingKey MaxInputTokens = new("prompt_budget.max_input_tokens", "PromptBudgetMaxInputTokens", "none", "Per-call input token budget (PB1001 in the IDE, PB3008 in the build)", "Whole number ≥ 0: `4000` or `4_000` (`4,000` is refused)");
    public static readonly SettingKey MaxOutputTokens = new("prompt_budget.max_output_tokens", "PromptBudgetMaxOutputTokens", "none", "Per-call max output budget (PB1004 in the IDE, PB3008 in the build)", "Whole number ≥ 0: `4000` or `4_000`");
    public static readonly SettingKey MaxCostPerCall = new("prompt_budget.max_cost_per_call", "PromptBudgetMaxCostPerCall", "none", "Per-call worst-case budget in USD (PB1002 in the IDE, PB3008 in the build)", "USD with a `.` decimal point, e.g. `0.05` (a leading `$` is accepted; `0,05` is refused)");
    public static readonly SettingKey AssumedSegmentTokens = new("prompt_budget.assumed_segment_tokens", "PromptBudgetAssumedSegmentTokens", "none (unbounded)", "Tokens assumed for a dynamic segment with no bound", "Whole number ≥ 0");
    public static readonly SettingKey Feature = new("prompt_budget.feature", "PromptBudgetDefaultFeature", "none", "Feature label of the calls in this folder", "Any label");
    public static readonly SettingKey CallsPerRequest = new("prompt_budget.calls_per_request", "PromptBudgetCallsPerRequest", "1", "How often one request of the feature makes the call", "Positive number with a `.` decimal point (`1.5`)");
    public static readonly SettingKey RedactPrompts = new("prompt_budget.redact_prompts", "PromptBudgetRedactPrompts", "false", "Keep prompt text out of diagnostics and reports", "`true` or `false`");
    public static readonly SettingKey FixMaxOutputTokens = new("prompt_budget.fix_max_output_tokens", "PromptBudgetFixMaxOutputTokens", "1024", "Value the code fix inserts when no output budget is set", "Whole number > 0");
    public static readonly SettingKey ToolResultTokens = new("prompt_budget.tool_result_tokens", "PromptBudgetToolResultTokens", "1000 (assumed)", "Tokens of tool results one iteration of an automatic tool loop adds to the conversation (reports mark the default as assumed)", "Whole number ≥ 0");
    public static readonly SettingKey TemplateInputs = new("prompt_budget.template_inputs", "PromptBudgetTemplateInputs", "unbounded", "How holes of prompt files are sized: `default` or `sample` values from the file, or `unbounded`", "`unbounded`, `default` or `sample`");

    /// <summary>The path of a price file (LiteLLM format) that overrides the embedded prices.</summary>
    public const string PriceFileProperty = "build_property.PromptBudgetPriceFile";

    /// <summary>An AdditionalFiles item with this file name is read as a price file.</summary>
    public const string PriceFileName = Core.Pricing.PriceFileSelection.FileName;

    public static readonly SettingKey[] All =
    {
        DefaultModel, DeploymentModels, MaxInputTokens, MaxOutputTokens, MaxCostPerCall,
        AssumedSegmentTokens, Feature, CallsPerRequest, RedactPrompts, FixMaxOutputTokens, TemplateInputs, ToolResultTokens,
    };
}
