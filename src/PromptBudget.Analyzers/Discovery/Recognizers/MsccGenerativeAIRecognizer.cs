using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Mscc.GenerativeAI: <c>googleAI.GenerativeModel(model: Model.Gemini25Flash, generationConfig: new GenerationConfig
/// { MaxOutputTokens }, systemInstruction: …)</c>, then <c>model.GenerateContent[Async](prompt)</c>.
/// </summary>
internal sealed class MsccGenerativeAIRecognizer : IPromptRecognizer
{
    private const string GenerativeModel = "Mscc.GenerativeAI.GenerativeModel";
    private const string GenerationConfig = "Mscc.GenerativeAI.GenerationConfig";

    public bool IsEnabled(SdkTypes types) => types.Has(GenerativeModel);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("GenerateContent" or "GenerateContentAsync" or "GenerateContentStream")
            || invocation.Instance is not { } instance
            || !context.Types.Is(instance.Type, GenerativeModel))
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Mscc.GenerativeAI");
        IOperation? config = context.ArgumentOfType(invocation, GenerationConfig);
        if (context.Tracker.Definition(instance, context.CancellationToken) is IInvocationOperation { TargetMethod.Name: "GenerativeModel" } factory)
        {
            site.Model = context.Model(RecognitionContext.Argument(factory, "model"));
            config ??= RecognitionContext.Argument(factory, "generationConfig");
            if (RecognitionContext.Argument(factory, "systemInstruction") is { } system)
            {
                site.Messages.Add(new MessageValue(MessageRole.System, GeminiContentShapes.Text(system, invocation, context)));
            }
        }
        else
        {
            site.Model = new ModelReference(null, ModelOrigin.Unknown, instance.Syntax.ToString());
        }

        if (RecognitionContext.Argument(invocation, "prompt") is { } prompt)
        {
            site.Messages.Add(new MessageValue(MessageRole.User, ValueTracker.Unwrap(prompt).Type?.SpecialType == SpecialType.System_String
                ? context.Text(prompt)
                : StringValue.Dynamic(prompt.Syntax.ToString())));
        }

        if (config is not null && context.PropertyValue(config, "MaxOutputTokens", invocation) is { } maxOutput)
        {
            context.SetMaxOutput(site, maxOutput);
        }

        site.Fix = new MaxOutputFix("MaxOutputTokens", GenerationConfig, config is null ? null : context.CreationLocation(config));
        return site;
    }
}
