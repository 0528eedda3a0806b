using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// The OpenAI .NET 2.x shapes shared by the chat, Azure and Microsoft.Extensions.AI recognizers: which
/// model a <c>ChatClient</c> was made for, and the messages of a <c>ChatMessage</c> list.
/// </summary>
internal static class OpenAIChatShapes
{
    public const string ChatClient = "OpenAI.Chat.ChatClient";
    public const string ChatMessage = "OpenAI.Chat.ChatMessage";
    public const string ChatCompletionOptions = "OpenAI.Chat.ChatCompletionOptions";
    public const string OpenAIClient = "OpenAI.OpenAIClient";
    public const string AzureOpenAIClient = "Azure.AI.OpenAI.AzureOpenAIClient";

    /// <summary>The model a ChatClient expression was created for: <c>new ChatClient(model, …)</c> or <c>client.GetChatClient(model)</c>.</summary>
    public static ModelReference ModelOfChatClient(IOperation client, RecognitionContext context)
    {
        var definition = context.Tracker.Definition(client, context.CancellationToken);
        switch (definition)
        {
            case IObjectCreationOperation creation when context.Types.Is(creation.Type, ChatClient):
                return context.Model(RecognitionContext.Argument(creation, "model"));
            case IInvocationOperation { TargetMethod.Name: "GetChatClient" } get:
                var isAzure = context.Types.Is(get.Instance?.Type, AzureOpenAIClient) || context.Types.Is(get.TargetMethod.ContainingType, AzureOpenAIClient);
                var argument = get.Arguments.Length > 0 ? get.Arguments[0].Value : null;
                return context.Model(argument, isAzure ? ModelOrigin.Deployment : ModelOrigin.Code);
            default:
                return ModelArms.Of(definition, arm => ModelOfChatClient(arm, context), context)
                    ?? context.FromParameter(definition, ChatClient, argument => ModelOfChatClient(argument, context))
                    ?? new ModelReference(null, ModelOrigin.Unknown, client.Syntax.ToString());
        }
    }

    /// <summary>Messages of an OpenAI <c>ChatMessage</c> collection (or a single message).</summary>
    public static void AddMessages(PromptCallSite site, IOperation? messages, RecognitionContext context)
    {
        if (messages is null)
        {
            return;
        }

        foreach (var element in ElementsOrSelf(messages, site.Operation, context))
        {
            site.Messages.Add(Message(element, context));
        }
    }

    private static IEnumerable<IOperation> ElementsOrSelf(IOperation messages, IOperation site, RecognitionContext context)
    {
        // A collection the code does not build in view (a parameter, a method result) is one message of unknown text.
        var elements = context.Elements(messages, site);
        return elements.Count > 0 ? elements : new[] { messages };
    }

    private static MessageValue Message(IOperation element, RecognitionContext context)
    {
        // The implicit string → UserChatMessage conversion.
        if (element is IConversionOperation { OperatorMethod: { Name: "op_Implicit" }, Operand: { } operand } && operand.Type?.SpecialType == SpecialType.System_String)
        {
            return new MessageValue(MessageRole.User, context.Text(operand));
        }

        var definition = context.Tracker.Definition(element, context.CancellationToken);
        switch (definition)
        {
            case IObjectCreationOperation creation when creation.Type is { } type && RoleOfType(type.Name) is { } role && creation.Arguments.Length > 0
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                return new MessageValue(role, context.Text(creation.Arguments[0].Value));
            // Content parts (text and images): new UserChatMessage(parts…), ChatMessage.CreateUserMessage(parts…).
            case IObjectCreationOperation creation when creation.Type is { } type && RoleOfType(type.Name) is { } role && creation.Arguments.Length > 0:
                return ContentParts.OpenAI(role, creation.Arguments[0].Value, element, context);
            case IInvocationOperation invocation when invocation.TargetMethod.IsStatic && context.Types.Is(invocation.TargetMethod.ContainingType, ChatMessage)
                && RoleOfFactory(invocation.TargetMethod.Name) is { } role && RecognitionContext.Argument(invocation, "content") is null
                && invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String:
                return ContentParts.OpenAI(role, invocation.Arguments[0].Value, element, context);
            case IInvocationOperation invocation when invocation.TargetMethod.IsStatic && context.Types.Is(invocation.TargetMethod.ContainingType, ChatMessage)
                && RoleOfFactory(invocation.TargetMethod.Name) is { } role:
                var content = RecognitionContext.Argument(invocation, "content");
                return new MessageValue(role, content is null ? StringValue.Dynamic(invocation.Syntax.ToString()) : context.Text(content));
            default:
                if (definition.Type?.SpecialType == SpecialType.System_String)
                {
                    return new MessageValue(MessageRole.User, context.Text(element));
                }

                return new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(element.Syntax.ToString())));
        }
    }

    private static MessageRole? RoleOfType(string name) => name switch
    {
        "SystemChatMessage" => MessageRole.System,
        "DeveloperChatMessage" => MessageRole.Developer,
        "UserChatMessage" => MessageRole.User,
        "AssistantChatMessage" => MessageRole.Assistant,
        _ => null,
    };

    private static MessageRole? RoleOfFactory(string name) => name switch
    {
        "CreateSystemMessage" => MessageRole.System,
        "CreateDeveloperMessage" => MessageRole.Developer,
        "CreateUserMessage" => MessageRole.User,
        "CreateAssistantMessage" => MessageRole.Assistant,
        "CreateToolMessage" => MessageRole.Tool,
        _ => null,
    };

}
