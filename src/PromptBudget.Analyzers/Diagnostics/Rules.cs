using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Diagnostics;

/// <summary>The descriptors of the analyzer's rules. Severities are defaults; users change them in .editorconfig.</summary>
internal static class Rules
{
    public static readonly DiagnosticDescriptor CallSiteCost = Create(
        RuleIdentifiers.CallSiteCost, RuleCategories.Cost, DiagnosticSeverity.Info,
        "Prompt cost",
        "{0} ({1}): {2} ({3}), max output {4} ({5}), worst case {6} per call",
        "The tokens and worst-case cost of one call. The numbers are carried to the build's cost report.");

    public static readonly DiagnosticDescriptor InputTokensOverBudget = Create(
        RuleIdentifiers.InputTokensOverBudget, RuleCategories.Budget, DiagnosticSeverity.Warning,
        "Prompt input tokens over budget",
        "Prompt for {0} is {1} input tokens, {2} over the budget of {3} (prompt_budget.max_input_tokens); shorten the prompt or raise the budget",
        "The prompt's input tokens exceed the configured per-call budget.");

    public static readonly DiagnosticDescriptor CostPerCallOverBudget = Create(
        RuleIdentifiers.CostPerCallOverBudget, RuleCategories.Budget, DiagnosticSeverity.Warning,
        "Worst-case cost per call over budget",
        "Worst case for {0} is {1} per call, {2} over the budget of {3} (prompt_budget.max_cost_per_call); lower the max output tokens, shorten the prompt or use a cheaper model",
        "The worst-case cost of one call exceeds the configured per-call budget.");

    public static readonly DiagnosticDescriptor MaxOutputNotSet = Create(
        RuleIdentifiers.MaxOutputNotSet, RuleCategories.Cost, DiagnosticSeverity.Warning,
        "No max output tokens set",
        "No max output tokens set for {0}: the worst case uses the model's maximum of {1} output tokens ({2} per call); set {3}",
        "Without a max-output-token setting a call may produce the model's maximum output, which for reasoning models can cost dollars per call.");

    public static readonly DiagnosticDescriptor MaxOutputOverBudget = Create(
        RuleIdentifiers.MaxOutputOverBudget, RuleCategories.Budget, DiagnosticSeverity.Warning,
        "Max output tokens over budget",
        "Max output for {0} is {1} tokens, {2} over the budget of {3} (prompt_budget.max_output_tokens); lower {4} or raise the budget",
        "The call's worst-case output tokens exceed the configured per-call budget.");

    public static readonly DiagnosticDescriptor MaxOutputOverModelLimit = Create(
        RuleIdentifiers.MaxOutputOverModelLimit, RuleCategories.Reliability, DiagnosticSeverity.Warning,
        "Max output tokens above the model's limit",
        "Max output {0} is above {1}'s limit of {2} output tokens; the provider will reject the request: set {3} to {2} or less",
        "The max-output-token setting is above what the model can produce.");

    public static readonly DiagnosticDescriptor ContextWindowOverflow = Create(
        RuleIdentifiers.ContextWindowOverflow, RuleCategories.Reliability, DiagnosticSeverity.Warning,
        "Prompt can overflow the context window",
        "{0} input tokens plus {1} output tokens can overflow {2}'s context window of {3} tokens; shorten the prompt or lower {4}",
        "The prompt and the worst-case output together do not fit the model's context window.");

    public static readonly DiagnosticDescriptor UnboundedDynamicSegment = Create(
        RuleIdentifiers.UnboundedDynamicSegment, RuleCategories.Budget, DiagnosticSeverity.Warning,
        "Prompt has a part of unknown size",
        "{0} in the prompt for {1} has no size bound: the worst case cannot be known; {2}, or set prompt_budget.assumed_segment_tokens",
        "A part of the prompt whose size is not known at compile time is counted as unbounded unless a bound is declared or configured.");

    public static readonly DiagnosticDescriptor UnknownModel = Create(
        RuleIdentifiers.UnknownModel, RuleCategories.Cost, DiagnosticSeverity.Warning,
        "Unknown model or price",
        "No price is known for model '{0}'{1}; the cost is not estimated (add it to a price file passed as AdditionalFiles)",
        "The model is not in the price table, so its cost cannot be estimated. It is never priced at $0.");

    public static readonly DiagnosticDescriptor ModelNotDeterminable = Create(
        RuleIdentifiers.ModelNotDeterminable, RuleCategories.Cost, DiagnosticSeverity.Warning,
        "Model cannot be determined",
        "The model of this {0} call cannot be determined: {1}; set prompt_budget.default_model, or give the model as a literal, a constant or a configuration key set in appsettings.json",
        "The analyzer could not follow the model name to a literal, a constant, a registration or a configuration key it can read, and no default model is configured.");

    public static readonly DiagnosticDescriptor ValueOutOfRange = Create(
        RuleIdentifiers.ValueOutOfRange, RuleCategories.Reliability, DiagnosticSeverity.Warning,
        "Token count out of range",
        "{0} is {1}: {2}; the value is not used ({3})",
        "A max output, a reasoning budget or a [PromptBound] in code is negative or above 1,000,000,000 tokens. Such a value is a mistake (or an overflow) and would make the worst case meaningless, so it is reported and left out.");

    public static readonly DiagnosticDescriptor PromptFileNotFound = Create(
        RuleIdentifiers.PromptFileNotFound, RuleCategories.Reliability, DiagnosticSeverity.Warning,
        "Loaded prompt file not found",
        "The prompt this call loads is not counted: {0}",
        "A Semantic Kernel call loads a prompt from a file, a directory or an embedded resource (CreateFunctionFromPromptyFile, CreatePluginFromPromptDirectory, CreateFunctionFromPromptYaml(File.ReadAllText(...)), ...), and either its path cannot be read at build time or no prompt file of the project matches it. The prompt's cost is missing from the report.");

    public static readonly DiagnosticDescriptor ToolLoopAtLibraryDefault = Create(
        RuleIdentifiers.ToolLoopAtLibraryDefault, RuleCategories.Cost, DiagnosticSeverity.Warning,
        "Tool loop capped only by the library's default",
        "One request of this call can make {0} model calls ({1}), each resending the conversation and the tool definitions: {2} per request at worst ({3} input, {4} output tokens, {5} tokens of tool results per iteration{6}); with {7} it is at most {8}",
        "An automatic tool loop (Microsoft.Extensions.AI's UseFunctionInvocation, the one a Microsoft Agent Framework ChatClientAgent adds, Semantic Kernel's auto-invoked functions in prompt, chat and agent calls) sends up to its iteration cap of model requests for one call, and each resends the whole history plus every tool definition. Left at the library's default cap (40 in Microsoft.Extensions.AI 10.x, 128 in Semantic Kernel), one user request can cost a hundred times one call.");

    public static readonly DiagnosticDescriptor InvalidConfigurationValue = Create(
        RuleIdentifiers.InvalidConfigurationValue, RuleCategories.Configuration, DiagnosticSeverity.Warning,
        "Invalid PromptBudget setting",
        "PromptBudget setting '{0}' has the invalid value '{1}': {2}; the setting is ignored",
        "A PromptBudget .editorconfig key or MSBuild property has a value that cannot be used.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidPriceFile = Create(
        RuleIdentifiers.InvalidPriceFile, RuleCategories.Configuration, DiagnosticSeverity.Warning,
        "Invalid price file",
        "Price file problem: {0}; the rest of the file is used",
        "A price file passed as AdditionalFiles has an entry that cannot be used.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor PayloadNotWritten = Create(
        RuleIdentifiers.PayloadNotWritten, RuleCategories.Configuration, DiagnosticSeverity.Warning,
        "Call-site payload not written",
        "PromptBudget could not write the call sites of this compilation to '{0}' ({1}); the build's cost report and budgets will say they are incomplete",
        "The analyzer hands the call sites to the build's report through a file in the intermediate folder; that file could not be written.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor TokenizerUnavailable = Create(
        RuleIdentifiers.TokenizerUnavailable, RuleCategories.Configuration, DiagnosticSeverity.Warning,
        "Tokenizer cannot be loaded in this compiler",
        "PromptBudget cannot load its tokenizer in this compiler: '{0}' could not be loaded ({1}); host: {2}. Token counts are upper-bound estimates and no cost is estimated, so the build's cost report is incomplete. {3}",
        "The compiler running the analyzer could not load the tokenizer or one of its dependencies. Reported once per compilation; the call sites are still found and counted, as estimates without cost.");

    public static readonly DiagnosticDescriptor InvalidPromptFile = Create(
        RuleIdentifiers.InvalidPromptFile, RuleCategories.Configuration, DiagnosticSeverity.Warning,
        "Prompt file cannot be fully read",
        "Prompt file '{0}', line {1}: {2}",
        "A prompt file (a Semantic Kernel prompt directory's skprompt.txt or config.json, a Semantic Kernel YAML template, a .prompty file, a PromptBudgetPromptFile item) has something PromptBudget cannot read as written. The prompt is still counted from what could be read, and the problem is named with its file and line.");

    /// <summary>
    /// Never reported. The compiler skips an analyzer whose every rule is Info or turned off (without
    /// an error log it filters Info out), so a user who silences PB0001 and the PB1xxx rules would also
    /// silence the report. One enabled Warning that no setting can change keeps the analyzer running
    /// in every command-line build, as sonar-dotnet's utility analyzers do.
    /// </summary>
    public static readonly DiagnosticDescriptor PayloadCarrier = new(
        RuleIdentifiers.PayloadCarrier,
        "PromptBudget report data (never reported)",
        "PromptBudget report data",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Keeps the PromptBudget analyzer running in command-line builds so the cost report sees every call site, whatever the severity of PB0001. It is never reported.",
        HelpLinks.ForRule(RuleIdentifiers.PayloadCarrier),
        WellKnownDiagnosticTags.NotConfigurable,
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinks.ForRule(id), tags);
}
