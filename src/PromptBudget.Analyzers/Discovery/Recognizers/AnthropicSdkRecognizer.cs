using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// The community Anthropic.SDK: <c>client.Messages.GetClaudeMessageAsync(new MessageParameters { Model, MaxTokens,
/// System = [new SystemMessage(text)], Messages = [new Message(RoleType.User, text)] })</c> and
/// <c>StreamClaudeMessageAsync</c>. Model constants (<c>AnthropicModels.Claude45Sonnet</c>) are const strings.
/// </summary>
internal sealed class AnthropicSdkRecognizer : IPromptRecognizer
{
    private const string Parameters = "Anthropic.SDK.Messaging.MessageParameters";

    public bool IsEnabled(SdkTypes types) => types.Has(Parameters);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("GetClaudeMessageAsync" or "StreamClaudeMessageAsync")
            || context.ArgumentOfType(invocation, Parameters) is not { } parameters)
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Anthropic.SDK");
        site.Model = context.Model(context.PropertyValue(parameters, "Model", invocation));
        if (context.PropertyValue(parameters, "System", invocation) is { } system)
        {
            foreach (var element in context.Elements(system, invocation))
            {
                var message = AnthropicShapes.Message(element, invocation, context);
                site.Messages.Add(new MessageValue(MessageRole.System, message.Text));
            }
        }

        if (context.PropertyValue(parameters, "Messages", invocation) is { } messages)
        {
            foreach (var element in context.Elements(messages, invocation))
            {
                site.Messages.Add(AnthropicShapes.Message(element, invocation, context));
            }
        }

        if (context.PropertyValue(parameters, "MaxTokens", invocation) is { } maxTokens)
        {
            context.SetMaxOutput(site, maxTokens);
        }

        site.Fix = new MaxOutputFix("MaxTokens", Parameters, context.CreationLocation(parameters));
        return site;
    }
}
