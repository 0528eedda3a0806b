using System.Collections.Immutable;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>Every SDK recognizer the analyzer knows; each enables itself only when its SDK is referenced.</summary>
internal static class RecognizerCatalog
{
    public static readonly ImmutableArray<IPromptRecognizer> All = ImmutableArray.Create<IPromptRecognizer>(
        new OpenAIChatRecognizer(),
        new OpenAIResponsesRecognizer(),
        new MicrosoftExtensionsAIRecognizer(),
        new SemanticKernelRecognizer(),
        new SemanticKernelAgentRecognizer(),
        new AgentFrameworkRecognizer(),
        new AnthropicMessagesRecognizer(),
        new AnthropicSdkRecognizer(),
        new GoogleGenAIRecognizer(),
        new MsccGenerativeAIRecognizer());
}
