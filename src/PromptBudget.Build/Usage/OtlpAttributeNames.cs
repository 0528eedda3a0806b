using System.Text;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Every span attribute the usage reader reads (docs/rules/PB3009.md lists them with their sources). Where a
/// value has several names, the first of its row wins whatever the order in the span: the current GenAI
/// semantic convention, then the older convention names released instrumentations still emit, then the
/// <c>gen_ai.usage.*_input_tokens</c> / <c>llm.usage.*</c> names of OpenLLMetry (Traceloop) and the platforms
/// that copied them.
/// </summary>
public static class OtlpAttributeNames
{
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string PromptTokens = "gen_ai.usage.prompt_tokens";
    public const string LlmPromptTokens = "llm.usage.prompt_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string CompletionTokens = "gen_ai.usage.completion_tokens";
    public const string LlmCompletionTokens = "llm.usage.completion_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string OpenLlmetryCacheReadInputTokens = "gen_ai.usage.cache_read_input_tokens";
    public const string LlmCacheReadInputTokens = "llm.usage.cache_read_input_tokens";
    public const string CacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string OpenLlmetryCacheCreationInputTokens = "gen_ai.usage.cache_creation_input_tokens";
    public const string LlmCacheCreationInputTokens = "llm.usage.cache_creation_input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string OpenLlmetryReasoningTokens = "gen_ai.usage.reasoning_tokens";
    public const string LlmReasoningTokens = "llm.usage.reasoning_tokens";
    public const string CodeLineNumber = "code.line.number";
    public const string OldCodeLineNumber = "code.lineno";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string CodeFilePath = "code.file.path";
    public const string OldCodeFilePath = "code.filepath";

    /// <summary>The numeric attributes by slot: token counts and lines.</summary>
    internal static readonly string[] Numbers =
    {
        InputTokens, PromptTokens, LlmPromptTokens,
        OutputTokens, CompletionTokens, LlmCompletionTokens,
        CacheReadInputTokens, OpenLlmetryCacheReadInputTokens, LlmCacheReadInputTokens,
        CacheCreationInputTokens, OpenLlmetryCacheCreationInputTokens, LlmCacheCreationInputTokens,
        ReasoningOutputTokens, OpenLlmetryReasoningTokens, LlmReasoningTokens,
        CodeLineNumber, OldCodeLineNumber,
    };

    /// <summary>The string attributes by slot (the feature attribute, named by the user, comes after these).</summary>
    internal static readonly string[] Strings = { RequestModel, ResponseModel, CodeFilePath, OldCodeFilePath };

    // Slots of Numbers: each value's names in order of preference.
    internal const int Input = 0;
    internal const int Output = 3;
    internal const int CacheRead = 6;
    internal const int CacheCreation = 9;
    internal const int Reasoning = 12;
    internal const int Line = 15;

    // Slots of Strings.
    internal const int Request = 0;
    internal const int Response = 1;
    internal const int File = 2;
    internal const int Feature = 4;

    internal static byte[] Utf8(string name) => Encoding.UTF8.GetBytes(name);

    internal static string Utf8String(byte[] name) => Encoding.UTF8.GetString(name);
}
