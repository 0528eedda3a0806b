using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Anthropic's official SDK: <c>client.Messages.Create[Streaming|&lt;T&gt;](new MessageCreateParams { Model, MaxTokens,
/// System, Messages, Thinking })</c>, with messages as <c>new UserMessageParam(text)</c> (13.x) or
/// <c>new MessageParam { Role = Role.User, Content = text }</c> (12.x), and <c>Model.ClaudeSonnet4_5</c>-style constants.
/// </summary>
internal sealed class AnthropicMessagesRecognizer : IPromptRecognizer
{
    private const string CreateParams = "Anthropic.Models.Messages.MessageCreateParams";

    public bool IsEnabled(SdkTypes types) => types.Has(CreateParams);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("Create" or "CreateStreaming")
            || context.ArgumentOfType(invocation, CreateParams) is not { } parameters)
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Anthropic");
        site.Model = context.Model(context.PropertyValue(parameters, "Model", invocation));
        if (context.PropertyValue(parameters, "System", invocation) is { } system)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, AnthropicShapes.Text(system, context)));
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

        if (context.PropertyValue(parameters, "Thinking", invocation) is { } thinking
            && context.Tracker.Definition(thinking, context.CancellationToken) is IObjectCreationOperation enabled)
        {
            site.ReasoningBudgetTokens = context.ConstantLong(RecognitionContext.Argument(enabled, "budgetTokens") ?? context.PropertyValue(enabled, "BudgetTokens", invocation));
        }

        ToolDefinitions.ReadAnthropic(site, parameters, invocation, context);
        site.Fix = new MaxOutputFix("MaxTokens", CreateParams, context.CreationLocation(parameters));
        return site;
    }
}
