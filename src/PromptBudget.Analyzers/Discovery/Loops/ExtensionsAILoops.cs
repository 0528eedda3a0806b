using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>
/// Microsoft.Extensions.AI's automatic tool loop in the pipeline an <c>IChatClient</c> comes from, followed as its
/// model is: <c>inner.AsBuilder().UseFunctionInvocation(…).Build()</c>, <c>new ChatClientBuilder(inner).UseFunctionInvocation(…)</c>,
/// <c>new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = n }</c> (and a later assignment to a local),
/// and an injected client whose registration chains <c>.UseFunctionInvocation()</c> (<see cref="ServiceRegistrationIndex"/>).
/// The cap: <c>configure: c =&gt; c.MaximumIterationsPerRequest = n</c>, the initializer, else the library default.
/// </summary>
internal static class ExtensionsAILoops
{
    private const string ChatClientInterface = "Microsoft.Extensions.AI.IChatClient";
    private const string ChatClientBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    private const string DelegatingChatClient = "Microsoft.Extensions.AI.DelegatingChatClient";
    private const int MaxHops = 32;

    /// <summary>The loop of the client <paramref name="client"/> refers to, as used at <paramref name="site"/>; null when there is none.</summary>
    public static ToolLoop? OfClient(IOperation client, IOperation site, RecognitionContext context)
    {
        if (!context.Types.Has(LoopLibraryDefaults.FunctionInvokingChatClient))
        {
            return null;
        }

        var definition = context.Tracker.Definition(client, context.CancellationToken);
        for (var hop = 0; hop < MaxHops; hop++)
        {
            switch (definition)
            {
                case IParameterReferenceOperation { Parameter: { } parameter } when ServiceRegistrationIndex.IsInjected(parameter):
                    return context.Services.ResolveLoop(parameter, ServiceRegistrationIndex.ChatClientInterface, context);
                case IObjectCreationOperation creation when context.Types.Is(creation.Type, LoopLibraryDefaults.FunctionInvokingChatClient):
                    return OfCreation(creation, hop == 0 ? client : null, site, context);
                case IObjectCreationOperation creation when context.Types.Is(creation.Type, ChatClientBuilder) || context.Types.Is(creation.Type, DelegatingChatClient):
                    var inner = creation.Arguments.FirstOrDefault(a => context.Types.Is(a.Value.Type, ChatClientInterface))?.Value;
                    if (inner is null)
                    {
                        return null;
                    }

                    definition = context.Tracker.Definition(inner, context.CancellationToken);
                    continue;
                case IInvocationOperation { TargetMethod.Name: "UseFunctionInvocation" } use when Receiver(use) is { } builder && context.Types.Is(builder.Type, ChatClientBuilder):
                    return OfUse(use, context);
                case IInvocationOperation { TargetMethod.Name: "AsBuilder" } asBuilder when Receiver(asBuilder) is { } wrapped:
                    definition = context.Tracker.Definition(wrapped, context.CancellationToken);
                    continue;
                case IInvocationOperation call when Receiver(call) is { } receiver && context.Types.Is(receiver.Type, ChatClientBuilder)
                                                    && (context.Types.Is(call.Type, ChatClientBuilder) || call.TargetMethod.Name == "Build"):
                    definition = context.Tracker.Definition(receiver, context.CancellationToken);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A loop chained onto a registration's builder: <c>services.AddChatClient(inner).UseLogging().UseFunctionInvocation()</c>
    /// (the registration returns a <c>ChatClientBuilder</c> the pipeline is added to); null when none is.
    /// </summary>
    public static ToolLoop? ChainedOnRegistration(IInvocationOperation registration, RecognitionContext context)
    {
        IOperation current = registration;
        for (var hop = 0; hop < MaxHops && context.Types.Is(current.Type, ChatClientBuilder); hop++)
        {
            var next = current.Parent switch
            {
                IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 && call.Arguments[0] == argument => call,
                IInvocationOperation call when call.Instance == current => call,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            if (next.TargetMethod.Name == "UseFunctionInvocation")
            {
                return OfUse(next, context);
            }

            current = next;
        }

        return null;
    }

    // UseFunctionInvocation(loggerFactory?, configure?): the cap the callback sets, else the default (the fix adds a callback).
    private static ToolLoop OfUse(IInvocationOperation use, RecognitionContext context)
    {
        var configure = RecognitionContext.Argument(use, "configure");
        if (configure is null)
        {
            return LoopLibraryDefaults.ExtensionsAI(context, LoopFixShape.ConfigureArgument, use.Syntax.GetLocation());
        }

        var assignment = configure.Descendants().OfType<ISimpleAssignmentOperation>()
            .LastOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: LoopLibraryDefaults.ExtensionsAISetting });
        return assignment is null
            ? LoopLibraryDefaults.ExtensionsAI(context, LoopFixShape.None, null)
            : LoopCapValue.Read(assignment.Value, LoopLibraryDefaults.ExtensionsAISetting, context);
    }

    // new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = n }; for a local, also `local.MaximumIterationsPerRequest = n;` before the call.
    private static ToolLoop OfCreation(IObjectCreationOperation creation, IOperation? reference, IOperation site, RecognitionContext context)
    {
        var value = reference is not null
            ? context.PropertyValue(reference, LoopLibraryDefaults.ExtensionsAISetting, site)
            : creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
                .LastOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: LoopLibraryDefaults.ExtensionsAISetting })?.Value;
        if (value is not null)
        {
            return LoopCapValue.Read(value, LoopLibraryDefaults.ExtensionsAISetting, context);
        }

        // The fix adds an initializer; a creation that has one (setting other things) gets it added there too.
        return LoopLibraryDefaults.ExtensionsAI(context, LoopFixShape.ObjectInitializer, creation.Syntax.GetLocation());
    }

    private static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
}
