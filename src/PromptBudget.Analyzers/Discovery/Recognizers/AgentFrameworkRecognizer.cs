using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Microsoft Agent Framework (Microsoft.Agents.AI): <c>agent.RunAsync(…)</c> / <c>RunStreamingAsync(…)</c> (and
/// <c>RunAsync&lt;T&gt;</c>) on a <c>ChatClientAgent</c> (<see cref="ChatClientAgentDefinition"/>) is the call site, read as the
/// agent builds its request (Microsoft.Agents.AI 1.28, <c>ChatClientAgent.CreateConfiguredChatOptions</c>): the run options'
/// <c>ChatOptions</c> win over the agent's and fill from them, except that the instructions are joined (the agent's, a line
/// break, the run's: one system message) and the tools are the run's plus the agent's. The model is the options' <c>ModelId</c>,
/// else the chat client's (the Microsoft.Extensions.AI flow); the tools are counted as <c>ChatOptions.Tools</c> are
/// (<see cref="ToolDefinitions"/>); the loop is <see cref="Loops.AgentFrameworkLoops"/>.
/// </summary>
internal sealed class AgentFrameworkRecognizer : IPromptRecognizer
{
    private const string AIAgent = "Microsoft.Agents.AI.AIAgent";
    private const string RunOptions = "Microsoft.Agents.AI.ChatClientAgentRunOptions";
    private const string ChatOptions = "Microsoft.Extensions.AI.ChatOptions";

    public bool IsEnabled(SdkTypes types) => types.Has(ChatClientAgentDefinition.ChatClientAgent);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("RunAsync" or "RunStreamingAsync") || invocation.Instance is not { } agent
            || !context.Types.Is(invocation.TargetMethod.ContainingType, AIAgent))
        {
            return null;
        }

        // An AIAgent that is not a ChatClientAgent made in view may be any agent (a remote one, a workflow): only a
        // ChatClientAgent, made here or typed as one, is a prompt call site.
        var made = ChatClientAgentDefinition.Of(agent, invocation, context);
        if (made is null && !context.Types.Is(agent.Type, ChatClientAgentDefinition.ChatClientAgent))
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "Microsoft.Agents.AI");
        var (runChat, runUnread) = RunChatOptions(RecognitionContext.Argument(invocation, "options"), invocation, context);
        var agentChat = made?.ChatOptions;

        AddInstructions(site, agent, made, runChat, runUnread, invocation, context);
        if (made?.ContextProviders is { } providers)
        {
            site.Messages.Add(new MessageValue(MessageRole.User, StringValue.Dynamic("context from " + SegmentName.Shorten(providers.Syntax.ToString()))));
        }

        AgentConversation.AddThread(site, RecognitionContext.Argument(invocation, "session"), context);
        MicrosoftExtensionsAIRecognizer.AddMessages(site, invocation, context);

        if ((Property(runChat, "MaxOutputTokens", invocation, context) ?? Property(agentChat, "MaxOutputTokens", invocation, context)) is { } maxOutput)
        {
            context.SetMaxOutput(site, maxOutput);
        }

        var modelId = Property(runChat, "ModelId", invocation, context) ?? Property(agentChat, "ModelId", invocation, context);
        site.Model = modelId is not null ? context.Model(modelId)
            : made is not null ? MicrosoftExtensionsAIRecognizer.ModelOfClient(made.Client, context, site)
            : ModelReference.Unknown(SegmentName.Shorten(agent.Syntax.ToString()), "the agent '" + SegmentName.Shorten(agent.Syntax.ToString()) + "' is not made in view (new ChatClientAgent(…), AsAIAgent(…), BuildAIAgent(…))");

        AddTools(site, made, agentChat, runChat, invocation, context);
        NoteUnreadTools(site, agent, made, runUnread);
        var toolsUnread = made is null || made.OptionsUnread || made.ContextProviders is not null || runUnread;
        site.Loop = Loops.AgentFrameworkLoops.Of(made, toolsUnread || site.Tools.Count > 0, agent, invocation, context);

        var fix = AgentConversation.FixIn(runChat, "MaxOutputTokens", ChatOptions, invocation, context);
        site.Fix = fix.OptionsCreation is null ? AgentConversation.FixIn(agentChat, "MaxOutputTokens", ChatOptions, invocation, context) : fix;
        return site;
    }

    // Tools that may be sent but cannot be read are said in the record's assumptions (the loop is counted for them).
    private static void NoteUnreadTools(PromptCallSite site, IOperation agent, ChatClientAgentDefinition? made, bool runUnread)
    {
        var name = SegmentName.Shorten(agent.Syntax.ToString());
        if (made is null)
        {
            site.NotCounted.Add("the tools of the agent '" + name + "', which is not made in view, are not counted as tool definitions");
        }
        else if (made.OptionsUnread)
        {
            site.NotCounted.Add("the tools in the options of the agent '" + name + "', which are not made in view, are not counted as tool definitions");
        }

        if (made?.ContextProviders is { } providers)
        {
            site.NotCounted.Add("tools that " + SegmentName.Shorten(providers.Syntax.ToString()) + " add are not counted as tool definitions");
        }

        if (runUnread)
        {
            site.NotCounted.Add("the tools in the run options, which are not made in view, are not counted as tool definitions");
        }
    }

    // One system message: the agent's instructions, then (after a line break) the run's, as the agent joins them.
    private static void AddInstructions(PromptCallSite site, IOperation agent, ChatClientAgentDefinition? made, IOperation? runChat, bool runUnread, IInvocationOperation invocation, RecognitionContext context)
    {
        StringValue? agentText = made is null || made.OptionsUnread
            ? StringValue.Dynamic("instructions of the agent '" + SegmentName.Shorten(agent.Syntax.ToString()) + "'")
            : Text(made.Instructions ?? Property(made.ChatOptions, "Instructions", invocation, context), context);
        var runText = runUnread
            ? StringValue.Dynamic("instructions of the run options")
            : Text(Property(runChat, "Instructions", invocation, context), context);

        var parts = new List<StringPart>();
        if (agentText is not null)
        {
            parts.AddRange(agentText.Parts);
        }

        if (runText is not null)
        {
            if (agentText is not null)
            {
                parts.Add(new LiteralPart("\n"));
            }

            parts.AddRange(runText.Parts);
        }

        if (parts.Count > 0)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, new StringValue(parts)));
        }
    }

    // Blank instructions are left out (string.IsNullOrWhiteSpace in the agent).
    private static StringValue? Text(IOperation? value, RecognitionContext context)
    {
        if (value is null || ValueTracker.Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return null;
        }

        var text = context.Text(value);
        return text.IsConstant && string.IsNullOrWhiteSpace(text.StaticText) ? null : text;
    }

    // The constructor's `tools:` (counted like ChatOptions.Tools), then the agent's and the run's ChatOptions.Tools.
    private static void AddTools(PromptCallSite site, ChatClientAgentDefinition? made, IOperation? agentChat, IOperation? runChat, IInvocationOperation invocation, RecognitionContext context)
    {
        if (made?.Tools is { } tools && ValueTracker.Unwrap(tools) is not ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            var elements = context.Elements(tools, invocation);
            if (elements.Count == 0 && !AgentConversation.IsEmptyCollection(tools, context))
            {
                site.Tools.Add(ToolValue.Unknown(tools.Syntax.ToString()));
            }

            foreach (var element in elements)
            {
                site.Tools.Add(ToolDefinitions.ExtensionsAITool(element, context));
            }
        }

        ToolDefinitions.ReadExtensionsAI(site, agentChat, invocation, context);
        ToolDefinitions.ReadExtensionsAI(site, runChat, invocation, context);
    }

    // new ChatClientAgentRunOptions(chatOptions) or new ChatClientAgentRunOptions { ChatOptions = … }; Unread when options are given but not made in view.
    private static (IOperation? ChatOptions, bool Unread) RunChatOptions(IOperation? options, IInvocationOperation invocation, RecognitionContext context)
    {
        if (options is null || ValueTracker.Unwrap(options) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return (null, false);
        }

        if (context.Tracker.Definition(options, context.CancellationToken) is not IObjectCreationOperation creation)
        {
            return (null, true);
        }

        // Plain AgentRunOptions carry no chat options.
        if (!context.Types.Is(creation.Type, RunOptions))
        {
            return (null, false);
        }

        var chat = context.PropertyValue(options, "ChatOptions", invocation) ?? RecognitionContext.Argument(creation, "chatOptions");
        if (chat is null || ValueTracker.Unwrap(chat) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return (null, false);
        }

        var readable = context.Tracker.Definition(chat, context.CancellationToken) is IObjectCreationOperation chatCreation && context.Types.Is(chatCreation.Type, ChatOptions);
        return readable ? (chat, false) : (null, true);
    }

    private static IOperation? Property(IOperation? owner, string property, IInvocationOperation invocation, RecognitionContext context) =>
        owner is null ? null : context.PropertyValue(owner, property, invocation);
}
