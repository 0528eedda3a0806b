using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// An Agent Framework <c>ChatClientAgent</c> as the code makes it: <c>new ChatClientAgent(chatClient, instructions:, name:,
/// description:, tools:)</c>, <c>new ChatClientAgent(chatClient, options)</c>, <c>chatClient.AsAIAgent(…)</c> (both forms) or
/// <c>builder.BuildAIAgent(…)</c> (Microsoft.Agents.AI 1.28: the extensions pass their arguments to those constructors). The
/// agent is followed from where it is used the way other values are (<see cref="ValueTracker"/>: a local, a readonly field or
/// one set only in constructors, a get-only property), and into a factory method that returns it (<see cref="AgentConversation.AgentValue"/>).
/// </summary>
internal sealed class ChatClientAgentDefinition
{
    public const string ChatClientAgent = "Microsoft.Agents.AI.ChatClientAgent";
    private const string AgentOptions = "Microsoft.Agents.AI.ChatClientAgentOptions";
    private const string ChatOptionsType = "Microsoft.Extensions.AI.ChatOptions";

    private ChatClientAgentDefinition(IOperation client, IOperation? instructions, IOperation? tools, IOperation? chatOptions, bool optionsUnread, bool? usesClientAsIs, IOperation? contextProviders)
    {
        Client = client;
        Instructions = instructions;
        Tools = tools;
        ChatOptions = chatOptions;
        OptionsUnread = optionsUnread;
        UsesClientAsIs = usesClientAsIs;
        ContextProviders = contextProviders;
    }

    /// <summary>The <c>IChatClient</c> (or, for <c>BuildAIAgent</c>, the <c>ChatClientBuilder</c>) the agent sends through.</summary>
    public IOperation Client { get; }

    /// <summary>The constructor's <c>instructions:</c>.</summary>
    public IOperation? Instructions { get; }

    /// <summary>The constructor's <c>tools:</c>.</summary>
    public IOperation? Tools { get; }

    /// <summary><c>ChatClientAgentOptions.ChatOptions</c> (Instructions, MaxOutputTokens, ModelId, Tools).</summary>
    public IOperation? ChatOptions { get; }

    /// <summary>The options are given but not made in view: their instructions and tools cannot be read.</summary>
    public bool OptionsUnread { get; }

    /// <summary><c>UseProvidedChatClientAsIs</c>: true or false when set to a constant, null when set to something else.</summary>
    public bool? UsesClientAsIs { get; }

    /// <summary><c>ChatClientAgentOptions.AIContextProviders</c>: they add instructions, messages and tools at run time.</summary>
    public IOperation? ContextProviders { get; }

    /// <summary>The agent <paramref name="agent"/> refers to, when it is made in view; null otherwise.</summary>
    public static ChatClientAgentDefinition? Of(IOperation agent, IOperation site, RecognitionContext context)
    {
        System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments;
        IOperation? client;
        switch (context.Tracker.Definition(AgentConversation.AgentValue(agent, context), context.CancellationToken))
        {
            case IObjectCreationOperation creation when context.Types.Is(creation.Type, ChatClientAgent):
                arguments = creation.Arguments;
                client = RecognitionContext.Argument(arguments, "chatClient");
                break;

            // chatClient.AsAIAgent(…), builder.BuildAIAgent(…): the receiver is the extension's first argument.
            case IInvocationOperation { TargetMethod: { Name: "AsAIAgent" or "BuildAIAgent", IsExtensionMethod: true } } extension
                when context.Types.Is(extension.Type, ChatClientAgent) && extension.Arguments.Length > 0:
                arguments = extension.Arguments;
                client = extension.Arguments[0].Value;
                break;
            default:
                return null;
        }

        if (client is null)
        {
            return null;
        }

        var options = RecognitionContext.Argument(arguments, "options");
        if (options is null || IsNull(options))
        {
            // No options: UseProvidedChatClientAsIs keeps its default, false (the agent adds its own loop).
            return new ChatClientAgentDefinition(client, RecognitionContext.Argument(arguments, "instructions"), RecognitionContext.Argument(arguments, "tools"), null, false, usesClientAsIs: false, null);
        }

        if (context.Tracker.Definition(options, context.CancellationToken) is not IObjectCreationOperation made || !context.Types.Is(made.Type, AgentOptions))
        {
            return new ChatClientAgentDefinition(client, null, null, null, optionsUnread: true, null, null);
        }

        var chatOptions = context.PropertyValue(options, "ChatOptions", site);
        var unread = chatOptions is not null && !IsNull(chatOptions)
            && (context.Tracker.Definition(chatOptions, context.CancellationToken) is not IObjectCreationOperation chat || !context.Types.Is(chat.Type, ChatOptionsType));
        var asIs = context.PropertyValue(options, "UseProvidedChatClientAsIs", site) is { } flag
            ? flag.ConstantValue is { HasValue: true, Value: bool value } ? value : (bool?)null
            : false;
        var providers = context.PropertyValue(options, "AIContextProviders", site);
        return new ChatClientAgentDefinition(client, null, null, chatOptions is null || IsNull(chatOptions) ? null : chatOptions, unread, asIs, providers is null || IsNull(providers) ? null : providers);
    }

    private static bool IsNull(IOperation value) => ValueTracker.Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
}
