using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery.Loops;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// What a Microsoft.Extensions.AI pipeline an <c>IChatClient</c> value comes from holds: the innermost client (whose model
/// the pipeline sends to) and the automatic tool loop in it, found in one walk back from the client through
/// <c>Build()</c>, the <c>Use…</c> calls, <c>AsBuilder()</c>, <c>new ChatClientBuilder(inner)</c> and clients that wrap
/// another (<c>new FunctionInvokingChatClient(inner)</c>, any <c>DelegatingChatClient</c>).
/// </summary>
internal readonly struct ChatClientPipeline
{
    private const string ChatClientBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    private const string DelegatingChatClient = "Microsoft.Extensions.AI.DelegatingChatClient";
    private const int MaxHops = 32;

    private ChatClientPipeline(IOperation? inner, ToolLoop? loop)
    {
        Inner = inner;
        Loop = loop;
    }

    /// <summary>
    /// The definition the walk stopped at: the innermost client's (<c>chatClient.AsIChatClient()</c>, a parameter, …), or the
    /// pipeline step it could not go through.
    /// </summary>
    public IOperation? Inner { get; }

    /// <summary>The outermost tool loop of the pipeline; null when it has none, or when no call site asked for it.</summary>
    public ToolLoop? Loop { get; }

    /// <summary>
    /// Walks the pipeline of <paramref name="client"/>. The loop is read only for a call <paramref name="site"/> (its cap
    /// can be set on a local before the call) and only when the compilation has <c>FunctionInvokingChatClient</c>.
    /// </summary>
    public static ChatClientPipeline Of(IOperation client, IOperation? site, RecognitionContext context)
    {
        var wantLoop = site is not null && context.Types.Has(LoopLibraryDefaults.FunctionInvokingChatClient);
        ToolLoop? loop = null;
        var definition = context.Tracker.Definition(client, context.CancellationToken);
        for (var hop = 0; hop < MaxHops; hop++)
        {
            switch (definition)
            {
                // A helper's (or constructor's) parameter: the loops of the clients its callers pass, the worst of them, as its model
                // is followed to them; with no caller in view, an injected client's loop is the one its registration builds.
                case IParameterReferenceOperation { Parameter: { } parameter } when wantLoop && loop is null:
                    var passed = new System.Collections.Generic.List<ToolLoop>();
                    if (CallerArguments.VisitArguments(parameter, argument => { if (Of(argument, site, context).Loop is { } l) { passed.Add(l); } }, context))
                    {
                        return new ChatClientPipeline(definition, Worst(passed));
                    }

                    return new ChatClientPipeline(definition, ServiceRegistrationIndex.IsInjected(parameter)
                        ? context.Services.ResolveLoop(parameter, ServiceRegistrationIndex.ChatClientInterface, context)
                        : null);

                // new ChatClientBuilder(inner), and a client that wraps another (new FunctionInvokingChatClient(inner) { … }).
                case IObjectCreationOperation creation when context.Types.Is(creation.Type, ChatClientBuilder) || context.Types.Is(creation.Type, DelegatingChatClient)
                                                            || context.Types.Is(creation.Type, LoopLibraryDefaults.FunctionInvokingChatClient):
                    if (wantLoop && loop is null && context.Types.Is(creation.Type, LoopLibraryDefaults.FunctionInvokingChatClient))
                    {
                        loop = ExtensionsAILoops.OfCreation(creation, hop == 0 ? client : null, site!, context);
                    }

                    var inner = creation.Arguments.FirstOrDefault(a => context.Types.Is(a.Value.Type, ServiceRegistrationIndex.ChatClientInterface))?.Value;
                    if (inner is null)
                    {
                        return new ChatClientPipeline(definition, loop);
                    }

                    definition = context.Tracker.Definition(inner, context.CancellationToken);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "AsBuilder" } asBuilder when RecognitionContext.Receiver(asBuilder) is { } wrapped:
                    definition = context.Tracker.Definition(wrapped, context.CancellationToken);
                    continue;

                // builder.UseX(…), builder.Build(): back to the builder (UseFunctionInvocation puts the loop in).
                case IInvocationOperation call when RecognitionContext.Receiver(call) is { } receiver && context.Types.Is(receiver.Type, ChatClientBuilder)
                                                    && (context.Types.Is(call.Type, ChatClientBuilder) || call.TargetMethod.Name == "Build"):
                    if (wantLoop && loop is null && call.TargetMethod.Name == "UseFunctionInvocation")
                    {
                        loop = ExtensionsAILoops.OfUse(call, context);
                    }

                    definition = context.Tracker.Definition(receiver, context.CancellationToken);
                    continue;
                // flag ? a : b (and ??, a switch expression): the model is read per arm by the caller; the loop is the worst arm's
                // (one whose cap is unknown, else the largest cap).
                case var choice when wantLoop && loop is null && ModelArms.Arms(choice, context) is { } arms && context.EnterChoice(ModelArms.MaxDepth):
                    try
                    {
                        return new ChatClientPipeline(definition, Worst(arms.Arms.Select(arm => Of(arm, site, context).Loop).Where(l => l is not null).Select(l => l!).ToList()));
                    }
                    finally
                    {
                        context.ExitChoice();
                    }

                default:
                    return new ChatClientPipeline(definition, loop);
            }
        }

        return new ChatClientPipeline(definition, loop);
    }

    // Of several clients that may be used, the loop of the worst: one whose cap is unknown, else the largest cap; null for none.
    private static ToolLoop? Worst(System.Collections.Generic.List<ToolLoop> loops) =>
        loops.FirstOrDefault(l => l.Cap is null) ?? loops.OrderByDescending(l => l.Cap).FirstOrDefault();
}
