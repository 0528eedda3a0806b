using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>Recognises the calls of one SDK family that send a prompt to a model.</summary>
internal interface IPromptRecognizer
{
    /// <summary>True when the compilation references this SDK (its anchor types resolve).</summary>
    bool IsEnabled(SdkTypes types);

    /// <summary>Turns <paramref name="invocation"/> into a call site, or returns null when it is not one of this SDK's calls.</summary>
    PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context);
}
