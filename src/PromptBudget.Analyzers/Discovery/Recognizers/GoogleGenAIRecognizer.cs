using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Google's Google.GenAI SDK: <c>client.Models.GenerateContentAsync(model, contents, config)</c> and
/// <c>GenerateContentStreamAsync</c>, with <c>GenerateContentConfig { MaxOutputTokens, SystemInstruction,
/// ThinkingConfig { ThinkingBudget } }</c>. Gemini counts are estimates (no Gemma vocabulary shipped yet).
/// </summary>
internal sealed class GoogleGenAIRecognizer : IPromptRecognizer
{
    private const string Config = "Google.GenAI.Types.GenerateContentConfig";
    private const string Models = "Google.GenAI.Models";

    public bool IsEnabled(SdkTypes types) => types.Has(Models);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("GenerateContentAsync" or "GenerateContentStreamAsync")
            || !context.Types.Is(invocation.TargetMethod.ContainingType, Models))
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Google.GenAI");
        site.Model = context.Model(RecognitionContext.Argument(invocation, "model"));
        var config = context.ArgumentOfType(invocation, Config);
        if (config is not null && context.PropertyValue(config, "SystemInstruction", invocation) is { } system)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, GeminiContentShapes.Text(system, invocation, context)));
        }

        if (RecognitionContext.Argument(invocation, "contents") is { } contents)
        {
            // A string, one Content, or a list of Content (a conversation): each its own message.
            var type = ValueTracker.Unwrap(contents).Type;
            var elements = type is null || type.SpecialType == SpecialType.System_String || type.Name == "Content"
                ? new List<IOperation>()
                : context.Elements(contents, invocation);
            if (elements.Count == 0)
            {
                site.Messages.Add(new MessageValue(MessageRole.User, GeminiContentShapes.Text(contents, invocation, context)));
            }

            foreach (var element in elements)
            {
                site.Messages.Add(new MessageValue(MessageRole.User, GeminiContentShapes.Text(element, invocation, context)));
            }
        }

        if (config is not null)
        {
            if (context.PropertyValue(config, "MaxOutputTokens", invocation) is { } maxOutput)
            {
                context.SetMaxOutput(site, maxOutput);
            }

            if (context.PropertyValue(config, "ThinkingConfig", invocation) is { } thinking
                && context.PropertyValue(thinking, "ThinkingBudget", invocation) is { } budget)
            {
                site.ReasoningBudgetTokens = context.ConstantLong(budget);
            }
        }

        site.Fix = new MaxOutputFix("MaxOutputTokens", Config, config is null ? null : context.CreationLocation(config));
        return site;
    }
}
