using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// OpenAI .NET 2.x chat completions: <c>ChatClient.CompleteChat[Async|Streaming|StreamingAsync](messages, options)</c>,
/// including clients from <c>AzureOpenAIClient.GetChatClient(deployment)</c>.
/// </summary>
internal sealed class OpenAIChatRecognizer : IPromptRecognizer
{
    public bool IsEnabled(SdkTypes types) => types.Has(OpenAIChatShapes.ChatClient);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("CompleteChat", System.StringComparison.Ordinal)
            || !context.Types.Is(method.ContainingType, OpenAIChatShapes.ChatClient)
            || RecognitionContext.Argument(invocation, "messages") is not { } messages)
        {
            return null;
        }

        var azure = invocation.Instance is { } instance && OpenAIChatShapes.ModelOfChatClient(instance, context).Origin == ModelOrigin.Deployment;
        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), azure ? "Azure.AI.OpenAI" : "OpenAI.Chat");
        if (invocation.Instance is { } client)
        {
            site.Model = OpenAIChatShapes.ModelOfChatClient(client, context);
        }

        OpenAIChatShapes.AddMessages(site, messages, context);

        var options = context.ArgumentOfType(invocation, OpenAIChatShapes.ChatCompletionOptions);
        if (options is not null && context.PropertyValue(options, "MaxOutputTokenCount", invocation) is { } maxOutput)
        {
            context.SetMaxOutput(site, maxOutput);
        }

        ToolDefinitions.ReadOpenAI(site, options, invocation, context);
        site.Fix = new MaxOutputFix("MaxOutputTokenCount", OpenAIChatShapes.ChatCompletionOptions, options is null ? null : context.CreationLocation(options));
        return site;
    }
}
