using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>What the agent recognizers (Semantic Kernel's and Agent Framework's) read the same way.</summary>
internal static class AgentConversation
{
    /// <summary>
    /// The agent value to read: what <paramref name="agent"/> refers to, or, when that is a call of a factory method of this
    /// compilation (<c>CreateAgent(kernel)</c>, an expression body or a single <c>return</c>), the value the factory returns.
    /// </summary>
    public static IOperation AgentValue(IOperation agent, RecognitionContext context) =>
        context.Tracker.Definition(agent, context.CancellationToken) is IInvocationOperation call && context.Tracker.ReturnedValue(call, context.CancellationToken) is { } returned
            ? returned
            : agent;

    /// <summary>
    /// A thread (SK <c>AgentThread</c>) or session (Agent Framework <c>AgentSession</c>) given to the call holds the
    /// conversation so far, and the agent sends all of it: one user message of unknown size named after it (PB1007),
    /// or of at most n tokens when <c>PromptBound.Tokens(thread, n)</c> bounds it where it is made or passed.
    /// </summary>
    public static void AddThread(PromptCallSite site, IOperation? thread, RecognitionContext context)
    {
        if (thread is null || ValueTracker.Unwrap(thread) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return;
        }

        site.Messages.Add(context.BoundedConversation(thread)
            ?? new MessageValue(MessageRole.User, StringValue.Dynamic("conversation in " + SegmentName.Shorten(thread.Syntax.ToString()))));
    }

    /// <summary>
    /// Where PB1003's fix adds the max output: the agent's options object when it is made in the file of the call (the
    /// fix edits that file only), else nowhere (the property is still named in messages). An agent call has no overload
    /// that takes the SDK's options, so a fix that passes new options to the call is never offered.
    /// </summary>
    public static MaxOutputFix FixIn(IOperation? options, string property, string optionsType, IOperation call, RecognitionContext context)
    {
        var creation = options is null ? null : context.CreationLocation(options);
        return creation is not null && creation.SourceTree == call.Syntax.SyntaxTree
            ? new MaxOutputFix(property, optionsType, creation)
            : new MaxOutputFix(property, "", null);
    }

    /// <summary><c>[]</c>, <c>new List&lt;T&gt;()</c>, <c>new T[0]</c>: a collection made empty in view (whatever is added later is read by the caller).</summary>
    public static bool IsEmptyCollection(IOperation value, RecognitionContext context) =>
        context.Tracker.Definition(value, context.CancellationToken) switch
        {
            IObjectCreationOperation creation => creation.Arguments.Length == 0 && (creation.Initializer is null || creation.Initializer.Initializers.Length == 0),
            IArrayCreationOperation array => array.Initializer is null || array.Initializer.ElementValues.Length == 0,
            _ => value.Syntax is CollectionExpressionSyntax { Elements.Count: 0 },
        };
}
