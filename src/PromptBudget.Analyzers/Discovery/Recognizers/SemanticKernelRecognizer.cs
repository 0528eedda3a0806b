using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Semantic Kernel: <c>kernel.InvokePromptAsync[&lt;T&gt;|Streaming](template, KernelArguments)</c>,
/// <c>KernelFunctionFactory.CreateFromPrompt</c> / <c>kernel.CreateFunctionFromPrompt</c> (reported where the
/// function is made), and <c>IChatCompletionService.GetChatMessageContent(s)Async</c> /
/// <c>GetStreamingChatMessageContentsAsync</c> with a <c>ChatHistory</c> built in the same method.
/// Template holes <c>{{$var}}</c> are dynamic segments (bounded when the argument given for them is). Kernel functions the
/// execution settings advertise are the call's tools (<see cref="SemanticKernelTools"/>).
/// The model comes from the execution settings' <c>ModelId</c>, a <c>new OpenAIChatCompletionService(modelId, …)</c>
/// receiver, or else the kernel, followed to the builder that built it (<see cref="SemanticKernelRegistrations"/>):
/// the registration the settings' <c>ServiceId</c> or the <c>GetRequiredService</c> key selects, or the last one.
/// </summary>
internal sealed class SemanticKernelRecognizer : IPromptRecognizer
{
    private const string Kernel = "Microsoft.SemanticKernel.Kernel";
    private const string OpenAISettings = "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings";
    private const string ChatCompletionService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    private const string ChatHistory = "Microsoft.SemanticKernel.ChatCompletion.ChatHistory";
    private const string FunctionFactory = "Microsoft.SemanticKernel.KernelFunctionFactory";

    public bool IsEnabled(SdkTypes types) => types.Has(Kernel);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "InvokePromptAsync" or "InvokePromptStreamingAsync" or "CreateFunctionFromPrompt"
                when method.IsExtensionMethod && method.Parameters.Length > 0 && context.Types.Is(method.Parameters[0].Type, Kernel):
            case "CreateFromPrompt" when context.Types.Is(method.ContainingType, FunctionFactory):
                return Prompt(invocation, context);
            case "GetChatMessageContentAsync" or "GetChatMessageContentsAsync" or "GetStreamingChatMessageContentsAsync":
                return Chat(invocation, context);
            default:
                return null;
        }
    }

    private static PromptCallSite? Prompt(IInvocationOperation invocation, RecognitionContext context)
    {
        if (RecognitionContext.Argument(invocation, "promptTemplate") is not { } template || template.Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var method = invocation.TargetMethod;
        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "SemanticKernel");
        var arguments = context.ArgumentOfType(invocation, ServiceSelection.KernelArguments);
        var settings = ServiceSelection.SettingsOf(invocation, context);
        site.Messages.Add(new MessageValue(MessageRole.User, TemplateHoles.Expand(context.Text(template), name => ArgumentValue(arguments, name, invocation, context))));
        ApplySettings(site, settings, invocation, context, modelIdIsTheModel: false);

        // The kernel the prompt runs on: the extension's `this` argument (CreateFromPrompt has none); a function made
        // here runs on the kernels it is invoked with. The settings' ServiceId / ModelId choose among its chat services.
        var kernel = invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;
        var selection = ServiceSelection.OfSettings(settings, invocation, context);
        var madeHere = method.Name is "CreateFromPrompt" or "CreateFunctionFromPrompt";
        SemanticKernelTools.Apply(site, settings, madeHere ? null : kernel, madeHere ? "the plugins of the kernels the prompt function is invoked with" : null, invocation, context);
        var invokedWith = madeHere ? PromptFunctionKernels.KernelsInvokedWith(invocation, context) : null;
        if (invokedWith is not null)
        {
            PromptFunctionKernels.ApplyInvocationMaxOutput(site, invokedWith, OpenAISettings, context);
        }

        site.Model = invokedWith is not null
            ? PromptFunctionKernels.ModelOfFunction(invokedWith, kernel, selection, context)
            : selection.OrModelId(SemanticKernelKernels.ModelOfKernel(kernel!, selection, context), context);
        return site;
    }

    private static PromptCallSite? Chat(IInvocationOperation invocation, RecognitionContext context)
    {
        var service = RecognitionContext.Receiver(invocation);
        if (service is null || !context.Types.Is(service.Type, ChatCompletionService))
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "SemanticKernel");
        if (RecognitionContext.Argument(invocation, "chatHistory") is { } history)
        {
            AddHistory(site, history, invocation, context);
        }
        else if (RecognitionContext.Argument(invocation, "prompt") is { } prompt)
        {
            site.Messages.Add(new MessageValue(MessageRole.User, context.Text(prompt)));
        }
        else
        {
            return null;
        }

        // The connector's service sends its own model; a ModelId in the settings is taken when the service is not known.
        var executionSettings = RecognitionContext.Argument(invocation, "executionSettings");
        ApplySettings(site, executionSettings, invocation, context, modelIdIsTheModel: true);
        SemanticKernelTools.Apply(site, executionSettings, RecognitionContext.Argument(invocation, "kernel"), null, invocation, context);
        if (!site.Model.IsKnown)
        {
            site.Model = ModelOfService(service, context);
        }

        return site;
    }

    internal static void AddHistory(PromptCallSite site, IOperation history, IInvocationOperation invocation, RecognitionContext context)
    {
        // PromptBound.Tokens(history, n), where the history is made or where it is sent: the whole conversation is at most n tokens.
        if (context.BoundedConversation(history) is { } bounded)
        {
            site.Messages.Add(bounded);
            return;
        }

        if (context.Tracker.Definition(history, context.CancellationToken) is not IObjectCreationOperation creation || !context.Types.Is(creation.Type, ChatHistory))
        {
            site.Messages.Add(new MessageValue(MessageRole.User, StringValue.Dynamic(history.Syntax.ToString())));
            return;
        }

        if (RecognitionContext.Argument(creation, "systemMessage") is { } system)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, context.Text(system)));
        }

        // new ChatHistory(earlierMessages): sent, but not readable here.
        if (RecognitionContext.Argument(creation, "messages") is { } messages)
        {
            site.Messages.Add(Unreadable(messages));
        }

        // new ChatHistory { new ChatMessageContent(AuthorRole.User, "…"), … }
        if (creation.Initializer is { } initializer)
        {
            foreach (var init in initializer.Initializers)
            {
                site.Messages.Add(init is IInvocationOperation { Arguments.Length: 1 } element
                    ? MessageContent(element.Arguments[0].Value, context)
                    : Unreadable(init));
            }
        }

        foreach (var use in context.Tracker.UsesBefore(history, invocation))
        {
            if (use is not IInvocationOperation add)
            {
                continue;
            }

            switch (add.TargetMethod.Name)
            {
                // history.Add(reply): a ChatMessageContent made here is read; anything else (a model's reply) is a dynamic segment.
                case "Add" when add.Arguments.Length == 1:
                    site.Messages.Add(MessageContent(add.Arguments[0].Value, context));
                    continue;
                case "AddRange" or "Insert" or "InsertRange" when add.Arguments.Length > 0:
                    site.Messages.Add(Unreadable(add.Arguments[add.Arguments.Length - 1].Value));
                    continue;
            }

            var role = add.TargetMethod.Name switch
            {
                "AddSystemMessage" => MessageRole.System,
                "AddDeveloperMessage" => MessageRole.Developer,
                "AddUserMessage" => MessageRole.User,
                "AddAssistantMessage" => MessageRole.Assistant,
                "AddMessage" => RoleOf(RecognitionContext.Argument(add, "authorRole"), context),
                _ => (MessageRole?)null,
            };
            if (role is { } r && RecognitionContext.Argument(add, "content") is { } content && content.Type?.SpecialType == SpecialType.System_String)
            {
                site.Messages.Add(new MessageValue(r, context.Text(content)));
            }
            else if (role is { } unread)
            {
                // AddUserMessage(items), AddMessage(role, items): sent, not readable as text.
                site.Messages.Add(new MessageValue(unread, StringValue.Dynamic(SegmentName.Shorten(add.Syntax.ToString()))));
            }
        }
    }

    private const string ChatMessageContentType = "Microsoft.SemanticKernel.ChatMessageContent";

    // A message the analyzer cannot read never vanishes: it is a dynamic segment named after its code.
    private static MessageValue Unreadable(IOperation operation) =>
        new(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(operation.Syntax.ToString())));

    internal static MessageValue MessageContent(IOperation element, RecognitionContext context)
    {
        if (context.Tracker.Definition(element, context.CancellationToken) is IObjectCreationOperation creation
            && context.Types.Is(creation.Type, ChatMessageContentType)
            && RecognitionContext.Argument(creation, "content") is { } content && content.Type?.SpecialType == SpecialType.System_String)
        {
            return new MessageValue(RoleOf(RecognitionContext.Argument(creation, "role"), context) ?? MessageRole.User, context.Text(content));
        }

        return Unreadable(element);
    }

    internal static MessageRole? RoleOf(IOperation? role, RecognitionContext context) =>
        role is not null && context.Tracker.Definition(role, context.CancellationToken) is IPropertyReferenceOperation property
            ? property.Property.Name switch
            {
                "System" => MessageRole.System,
                "Developer" => MessageRole.Developer,
                "Assistant" => MessageRole.Assistant,
                "Tool" => MessageRole.Tool,
                _ => MessageRole.User,
            }
            : MessageRole.User;

    internal static void ApplySettings(PromptCallSite site, IOperation? settings, IInvocationOperation invocation, RecognitionContext context, bool modelIdIsTheModel)
    {
        if (settings is not null)
        {
            if (modelIdIsTheModel && context.PropertyValue(settings, "ModelId", invocation) is { } modelId)
            {
                site.Model = context.Model(modelId);
            }

            if (context.PropertyValue(settings, "MaxTokens", invocation) is { } maxTokens)
            {
                context.SetMaxOutput(site, maxTokens);
            }
        }

        site.Fix = new MaxOutputFix("MaxTokens", OpenAISettings, settings is null ? null : context.CreationLocation(settings));
        site.Loop = Loops.SemanticKernelLoops.OfSettings(settings, invocation, context);
    }

    // The value given for a template variable in `new KernelArguments { ["name"] = value }`.
    internal static StringValue? ArgumentValue(IOperation? arguments, string name, IInvocationOperation invocation, RecognitionContext context)
    {
        if (arguments is null || context.Tracker.Definition(arguments, context.CancellationToken) is not IObjectCreationOperation { Initializer: { } initializer })
        {
            return null;
        }

        foreach (var init in initializer.Initializers)
        {
            if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } assignment
                && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } && key == name)
            {
                return context.Text(assignment.Value);
            }
        }

        return null;
    }

    // The chat service a call is made on: `new OpenAIChatCompletionService(modelId, …)`, or one taken from a
    // kernel (`kernel.GetRequiredService<IChatCompletionService>(serviceKey?)`, `kernel.Services.GetRequired[Keyed]Service<…>(…)`).
    private static ModelReference ModelOfService(IOperation service, RecognitionContext context)
    {
        var unknown = new ModelReference(null, ModelOrigin.Unknown, SegmentName.Shorten(service.Syntax.ToString()));
        var definition = context.Tracker.Definition(service, context.CancellationToken);
        if (context.FromParameter(definition, ChatCompletionService, argument => ModelOfService(argument, context)) is { } injected)
        {
            return injected;
        }

        if (ModelArms.Of(definition, arm => ModelOfService(arm, context), context) is { } chosen)
        {
            return chosen;
        }

        switch (definition)
        {
            case IObjectCreationOperation creation:
                return RecognitionContext.Argument(creation, "modelId") is { } modelId ? context.Model(modelId) : unknown;
            case IInvocationOperation { TargetMethod.Name: "GetRequiredService" or "GetService" or "GetRequiredKeyedService" or "GetKeyedService" } get:
                var receiver = RecognitionContext.Receiver(get);
                var kernel = receiver is not null && context.Types.Is(receiver.Type, Kernel)
                    ? receiver
                    : receiver is not null && ValueTracker.Unwrap(receiver) is IPropertyReferenceOperation { Property.Name: "Services", Instance: { } owner } && context.Types.Is(owner.Type, Kernel)
                        ? owner
                        : null;
                if (kernel is not null)
                {
                    return SemanticKernelKernels.ModelOfKernel(kernel, ServiceSelection.ByKey(RecognitionContext.Argument(get, "serviceKey")), context);
                }

                // serviceProvider.GetRequiredService<IChatCompletionService>(): the registrations of that provider.
                return receiver is not null && context.Types.Is(ValueTracker.Unwrap(receiver).Type, "System.IServiceProvider")
                    ? SemanticKernelKernels.FromProvider(receiver, ChatCompletionService, ServiceSelection.ByKey(RecognitionContext.Argument(get, "serviceKey")), "the service provider '" + SegmentName.Shorten(receiver.Syntax.ToString()) + "'", context)
                    : unknown;
            default:
                return unknown;
        }
    }
}
