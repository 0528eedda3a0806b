using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Microsoft.Extensions.AI: <c>IChatClient.GetResponseAsync</c> / <c>GetStreamingResponseAsync</c> (messages,
/// a message or a string; also <c>GetResponseAsync&lt;T&gt;</c>), with <c>ChatOptions { ModelId, Instructions,
/// MaxOutputTokens }</c>. The model comes from the options, else from the client: <c>chatClient.AsIChatClient()</c>
/// on an OpenAI <c>ChatClient</c>, an <c>AsIChatClient(…, defaultModelId)</c> overload, or the older
/// <c>openAIClient.AsChatClient(modelId)</c> / <c>azureOpenAIClient.AsChatClient(modelId)</c> (a deployment).
/// </summary>
internal sealed class MicrosoftExtensionsAIRecognizer : IPromptRecognizer
{
    private const string ChatClientInterface = "Microsoft.Extensions.AI.IChatClient";
    private const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    private const string ChatOptions = "Microsoft.Extensions.AI.ChatOptions";

    public bool IsEnabled(SdkTypes types) => types.Has(ChatClientInterface);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("GetResponseAsync" or "GetStreamingResponseAsync"))
        {
            return null;
        }

        var client = ClientOf(invocation, context);
        if (client is null)
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Microsoft.Extensions.AI");
        var options = context.ArgumentOfType(invocation, ChatOptions);
        if (options is not null && context.PropertyValue(options, "Instructions", invocation) is { } instructions)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, context.Text(instructions)));
        }

        AddMessages(site, invocation, context);

        var pipeline = ChatClientPipeline.Of(client, invocation, context);
        site.Model = options is not null && context.PropertyValue(options, "ModelId", invocation) is { } modelId
            ? context.Model(modelId)
            : ModelOfInner(pipeline.Inner, client, context, site);

        if (options is not null && context.PropertyValue(options, "MaxOutputTokens", invocation) is { } maxOutput)
        {
            context.SetMaxOutput(site, maxOutput);
        }

        ToolDefinitions.ReadExtensionsAI(site, options, invocation, context);
        site.Loop = pipeline.Loop;
        site.Fix = new MaxOutputFix("MaxOutputTokens", ChatOptions, options is null ? null : context.CreationLocation(options));
        return site;
    }

    // The IChatClient the call is made on: the instance, or the `this` argument of an extension method.
    private static IOperation? ClientOf(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.Instance is { } instance && context.Types.Is(instance.Type, ChatClientInterface))
        {
            return instance;
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
            && context.Types.Is(invocation.Arguments[0].Value.Type, ChatClientInterface))
        {
            return invocation.Arguments[0].Value;
        }

        return null;
    }

    internal static void AddMessages(PromptCallSite site, IInvocationOperation invocation, RecognitionContext context)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null)
            {
                continue;
            }

            var type = argument.Parameter.Type;
            if (type.SpecialType == SpecialType.System_String)
            {
                site.Messages.Add(new MessageValue(MessageRole.User, context.Text(argument.Value)));
            }
            else if (context.Types.Is(type, ChatMessage))
            {
                site.Messages.Add(Message(argument.Value, context));
            }
            else if (type is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1
                     && context.Types.Is(named.TypeArguments[0], ChatMessage) && !context.Types.Is(type, ChatClientInterface))
            {
                if (context.BoundedConversation(argument.Value) is { } bounded)
                {
                    site.Messages.Add(bounded);
                    continue;
                }

                var elements = context.Elements(argument.Value, invocation);
                if (elements.Count == 0)
                {
                    site.Messages.Add(new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(argument.Value.Syntax.ToString()))));
                }

                foreach (var element in elements)
                {
                    site.Messages.Add(Message(element, context));
                }
            }
        }
    }

    private static MessageValue Message(IOperation element, RecognitionContext context)
    {
        var definition = context.Tracker.Definition(element, context.CancellationToken);
        if (definition is IObjectCreationOperation creation && context.Types.Is(creation.Type, ChatMessage))
        {
            var role = Role(RecognitionContext.Argument(creation, "role"), context);
            var content = RecognitionContext.Argument(creation, "content");
            if (content is not null && content.Type?.SpecialType == SpecialType.System_String)
            {
                return new MessageValue(role, context.Text(content));
            }

            if (RecognitionContext.Argument(creation, "contents") is { } contents)
            {
                return ContentParts.ExtensionsAI(role, contents, creation, context);
            }
        }

        return new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(element.Syntax.ToString())));
    }

    private static MessageRole Role(IOperation? role, RecognitionContext context)
    {
        if (role is null)
        {
            return MessageRole.User;
        }

        var definition = context.Tracker.Definition(role, context.CancellationToken);
        var name = definition switch
        {
            IPropertyReferenceOperation property => property.Property.Name,
            IObjectCreationOperation { Arguments.Length: 1 } creation => context.Text(creation.Arguments[0].Value).StaticText,
            _ => "user",
        };
        return name.ToLowerInvariant() switch
        {
            "system" => MessageRole.System,
            "assistant" => MessageRole.Assistant,
            "tool" => MessageRole.Tool,
            _ => MessageRole.User,
        };
    }

    /// <summary>The model an <c>IChatClient</c> value sends to (<paramref name="site"/>, when given, also takes an adapter's default max output).</summary>
    internal static ModelReference ModelOfClient(IOperation client, RecognitionContext context, PromptCallSite? site) =>
        ModelOfInner(ChatClientPipeline.Of(client, null, context).Inner, client, context, site);

    // The model of the innermost client of a pipeline (`definition`, what the walk stopped at).
    private static ModelReference ModelOfInner(IOperation? definition, IOperation client, RecognitionContext context, PromptCallSite? site)
    {
        if (definition is not null && context.FromParameter(definition, ServiceRegistrationIndex.ChatClientInterface, argument => ModelOfClient(argument, context, null)) is { } injected)
        {
            return injected;
        }

        // flag ? a : b, a ?? b, a switch expression: each arm's model (a constant condition picks one).
        if (definition is not null && ModelArms.Of(definition, arm => ModelOfClient(arm, context, null), context) is { } chosen)
        {
            return chosen;
        }

        if (definition is not IInvocationOperation { TargetMethod.Name: "AsIChatClient" or "AsChatClient" } asClient)
        {
            return new ModelReference(null, ModelOrigin.Unknown, SegmentName.Shorten(client.Syntax.ToString()));
        }

        var inner = asClient.Instance ?? (asClient.Arguments.Length > 0 ? asClient.Arguments[0].Value : null);

        // openAIClient.AsChatClient(modelId) / azureClient.AsChatClient(modelId) (Microsoft.Extensions.AI.OpenAI 9.x):
        // for Azure the "model" is a deployment name.
        if (RecognitionContext.Argument(asClient, "modelId") is { } modelId)
        {
            var azure = inner is not null && context.Types.Is(ValueTracker.Unwrap(inner).Type, OpenAIChatShapes.AzureOpenAIClient);
            return context.Model(modelId, azure ? ModelOrigin.Deployment : ModelOrigin.Code);
        }

        // AsIChatClient(…, defaultModelId, defaultMaxOutputTokens): Responses and Anthropic adapters.
        if (RecognitionContext.Argument(asClient, "defaultModelId") is { } defaultModel)
        {
            if (RecognitionContext.Argument(asClient, "defaultMaxOutputTokens") is { } defaultMax && site is { MaxOutputTokens: null })
            {
                site.MaxOutputTokens = context.ConstantLong(defaultMax);
            }

            return context.Model(defaultModel);
        }

        // chatClient.AsIChatClient() on an OpenAI ChatClient: the model that client was made for.
        return inner is not null && context.Types.Is(inner.Type, OpenAIChatShapes.ChatClient)
            ? OpenAIChatShapes.ModelOfChatClient(inner, context)
            : new ModelReference(null, ModelOrigin.Unknown, SegmentName.Shorten(client.Syntax.ToString()));
    }
}
