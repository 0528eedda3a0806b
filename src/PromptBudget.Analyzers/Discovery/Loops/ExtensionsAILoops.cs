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
/// The pipeline is walked once, for its model and its loop, by <see cref="ChatClientPipeline"/>.
/// </summary>
internal static class ExtensionsAILoops
{
    private const string ChatClientBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    private const int MaxHops = 32;

    /// <summary>The loop of the client <paramref name="client"/> refers to, as used at <paramref name="site"/>; null when there is none.</summary>
    public static ToolLoop? OfClient(IOperation client, IOperation site, RecognitionContext context) => ChatClientPipeline.Of(client, site, context).Loop;

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

    /// <summary><c>UseFunctionInvocation(loggerFactory?, configure?)</c>: the cap the callback sets, else the default (the fix adds a callback).</summary>
    public static ToolLoop OfUse(IInvocationOperation use, RecognitionContext context)
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

    /// <summary>
    /// <c>new FunctionInvokingChatClient(inner) { MaximumIterationsPerRequest = n }</c>; for a local (<paramref name="reference"/>),
    /// also <c>local.MaximumIterationsPerRequest = n;</c> before the call.
    /// </summary>
    public static ToolLoop OfCreation(IObjectCreationOperation creation, IOperation? reference, IOperation site, RecognitionContext context)
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
}
