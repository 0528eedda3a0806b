using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// OpenAI .NET 2.x Responses API: <c>ResponsesClient.CreateResponse[Async|StreamingAsync](model, userInputText | inputItems)</c>
/// and <c>(CreateResponseOptions { Model, Instructions, InputItems, MaxOutputTokenCount })</c> or <c>new CreateResponseOptions(model, inputItems)</c>; input items from
/// <c>ResponseItem.CreateUserMessageItem(text)</c> and its system/developer/assistant siblings. The older
/// <c>OpenAIResponseClient(model, …)</c> with <c>ResponseCreationOptions</c> is matched by the same names.
/// </summary>
internal sealed class OpenAIResponsesRecognizer : IPromptRecognizer
{
    private const string ResponsesClient = "OpenAI.Responses.ResponsesClient";
    private const string LegacyClient = "OpenAI.Responses.OpenAIResponseClient";
    private const string Options = "OpenAI.Responses.CreateResponseOptions";
    private const string LegacyOptions = "OpenAI.Responses.ResponseCreationOptions";

    public bool IsEnabled(SdkTypes types) => types.Has(ResponsesClient) || types.Has(LegacyClient);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("CreateResponse", System.StringComparison.Ordinal)
            || !(context.Types.Is(method.ContainingType, ResponsesClient) || context.Types.Is(method.ContainingType, LegacyClient))
            || method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "BinaryContent")
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "OpenAI.Responses");
        var options = context.ArgumentOfType(invocation, Options) ?? context.ArgumentOfType(invocation, LegacyOptions);
        if (options is not null && context.PropertyValue(options, "Instructions", invocation) is { } instructions)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, context.Text(instructions)));
        }

        if (RecognitionContext.Argument(invocation, "userInputText") is { } text)
        {
            site.Messages.Add(new MessageValue(MessageRole.User, context.Text(text)));
        }

        // `new CreateResponseOptions(model, inputItems)`: the constructor's arguments, unless set again later.
        var optionsCreation = options is null ? null : context.Tracker.Definition(options, context.CancellationToken) as IObjectCreationOperation;
        var items = RecognitionContext.Argument(invocation, "inputItems")
            ?? (options is null ? null : context.PropertyValue(options, "InputItems", invocation))
            ?? (optionsCreation is null ? null : RecognitionContext.Argument(optionsCreation, "inputItems"));
        var itemValues = items is not null ? context.Elements(items, invocation) : new System.Collections.Generic.List<IOperation>();
        if (options is not null)
        {
            itemValues.AddRange(context.AddsToMember(options, "InputItems", invocation));
        }

        foreach (var item in itemValues)
        {
            site.Messages.Add(Item(item, context));
        }

        site.Model = RecognitionContext.Argument(invocation, "model") is { } model
            ? context.Model(model)
            : options is not null && (context.PropertyValue(options, "Model", invocation) ?? (optionsCreation is null ? null : RecognitionContext.Argument(optionsCreation, "model"))) is { } optionModel
                ? context.Model(optionModel)
                : ModelOfClient(invocation.Instance, context);

        if (options is not null && context.PropertyValue(options, "MaxOutputTokenCount", invocation) is { } maxOutput)
        {
            context.SetMaxOutput(site, maxOutput);
        }

        var optionsType = context.Types.Has(Options) ? Options : LegacyOptions;
        site.Fix = new MaxOutputFix("MaxOutputTokenCount", optionsType, options is null ? null : context.CreationLocation(options));
        return site;
    }

    private static MessageValue Item(IOperation item, RecognitionContext context)
    {
        if (context.Tracker.Definition(item, context.CancellationToken) is IInvocationOperation { TargetMethod.IsStatic: true } factory
            && factory.Arguments.Length == 1 && factory.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            var role = factory.TargetMethod.Name switch
            {
                "CreateSystemMessageItem" => MessageRole.System,
                "CreateDeveloperMessageItem" => MessageRole.Developer,
                "CreateAssistantMessageItem" => MessageRole.Assistant,
                _ => MessageRole.User,
            };
            return new MessageValue(role, context.Text(factory.Arguments[0].Value));
        }

        return new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(item.Syntax.ToString())));
    }

    // new OpenAIResponseClient(model, key) (older SDKs); ResponsesClient carries no model of its own.
    private static ModelReference ModelOfClient(IOperation? client, RecognitionContext context)
    {
        if (client is not null && context.Tracker.Definition(client, context.CancellationToken) is IObjectCreationOperation creation
            && RecognitionContext.Argument(creation, "model") is { } model)
        {
            return context.Model(model);
        }

        // client.GetOpenAIResponseClient(model) / GetResponsesClient(model) (instance or extension: the first string argument).
        if (client is not null && context.Tracker.Definition(client, context.CancellationToken) is IInvocationOperation { TargetMethod.Name: "GetOpenAIResponseClient" or "GetResponsesClient" } get
            && System.Linq.Enumerable.FirstOrDefault(get.Arguments, a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Value.Type?.SpecialType == SpecialType.System_String) is { } modelArgument)
        {
            return context.Model(modelArgument.Value);
        }

        return ModelReference.None;
    }
}
