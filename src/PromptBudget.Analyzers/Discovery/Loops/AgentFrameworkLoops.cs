using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Discovery.Recognizers;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>
/// The tool loop of an Agent Framework <c>ChatClientAgent</c>. Evidence, Microsoft.Agents.AI 1.28.0 (its
/// <c>ChatClientExtensions.WithDefaultAgentMiddleware</c>, and checked by running the package: an agent over a plain
/// <c>IChatClient</c>, with or without tools, has a <c>FunctionInvokingChatClient</c> at
/// <c>MaximumIterationsPerRequest</c> 40 in its <c>ChatClient</c> pipeline):
/// <list type="bullet">
/// <item>the agent wraps the client it is given in a <c>FunctionInvokingChatClient</c> of its own, made with
/// <c>new FunctionInvokingChatClient(inner, loggerFactory, services)</c> and nothing set, so its cap is Microsoft.Extensions.AI's
/// default for the referenced version (<see cref="LoopLibraryDefaults.ExtensionsAI"/>);</item>
/// <item>it adds none when the client already has one (<c>chatClient.GetService&lt;FunctionInvokingChatClient&gt;()</c>): a client
/// built with <c>UseFunctionInvocation(configure: c =&gt; c.MaximumIterationsPerRequest = n)</c> keeps its own cap (read by
/// <see cref="ExtensionsAILoops.OfClient"/>, whose code fix applies there);</item>
/// <item><c>ChatClientAgentOptions.UseProvidedChatClientAsIs = true</c> turns the wrapping off (measured: no
/// <c>FunctionInvokingChatClient</c> in the pipeline).</item>
/// </list>
/// Decided here: an agent whose code gives it no tool at all (no <c>tools:</c>, no <c>ChatOptions.Tools</c> on the agent or the
/// run, no <c>AIContextProviders</c>, every options object in view) sends no tool definitions, so the model cannot ask for a
/// call and one run is one model call: no loop is counted. Anything unread counts the loop.
/// <para>
/// No code fix: the agent's own loop is made inside the package, and the one edit that caps it, wrapping the client given to the
/// agent in <c>UseFunctionInvocation(configure: …)</c>, also moves the agent's other middleware around the loop (its
/// <c>DeferredOpenTelemetryChatClient</c> goes from below the loop to above it, which changes the telemetry spans), so it is not
/// an edit of the cap alone. The message says how instead.
/// </para>
/// </summary>
internal static class AgentFrameworkLoops
{
    /// <summary>How an agent's own loop is capped, for PB1012's message.</summary>
    public const string AgentSetting = "give the agent a client built with UseFunctionInvocation(configure: c => c.MaximumIterationsPerRequest = n); the agent then adds no loop of its own";

    /// <param name="agent">The agent as made in view; null when it is not.</param>
    /// <param name="mayHaveTools">The agent or the run declares tools, or something that may add them is not read.</param>
    public static ToolLoop? Of(ChatClientAgentDefinition? agent, bool mayHaveTools, IOperation reference, IOperation site, RecognitionContext context)
    {
        if (!context.Types.Has(LoopLibraryDefaults.FunctionInvokingChatClient))
        {
            return null;
        }

        if (agent is null)
        {
            return new ToolLoop(null, LoopCapSource.Unknown,
                "the agent '" + SegmentName.Shorten(reference.Syntax.ToString()) + "' is not made in view: its FunctionInvokingChatClient (its own or its client's) has a cap the analyzer cannot read",
                AgentSetting);
        }

        // The client's own loop runs instead of the agent's.
        if (ExtensionsAILoops.OfClient(agent.Client, site, context) is { } clients)
        {
            return clients;
        }

        if (agent.UsesClientAsIs == true || !mayHaveTools)
        {
            return null;
        }

        var library = LoopLibraryDefaults.ExtensionsAI(context, LoopFixShape.None, null);
        var asIs = agent.OptionsUnread ? " (the agent's options are not made in view: counted as wrapping the client)"
            : agent.UsesClientAsIs is null ? " (UseProvidedChatClientAsIs is not a constant: counted as false)"
            : "";
        return new ToolLoop(library.Cap, library.Source, "ChatClientAgent's own FunctionInvokingChatClient" + asIs + ": " + library.Detail, AgentSetting);
    }
}
