using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Semantic Kernel: the model of the chat service a kernel value gives a call. The kernel is followed to where it
/// is made: <c>Kernel.CreateBuilder()…Build()</c> (the builder may be a helper's parameter, followed to its callers),
/// <c>new Kernel(serviceProvider)</c> and <c>serviceProvider.GetRequiredService&lt;Kernel&gt;()</c> (the chat services
/// registered on the <c>ServiceCollection</c> that provider was built from, or in the whole project when the provider
/// comes from a host), a helper's parameter (followed to its callers) or an injected kernel (the container's registrations).
/// </summary>
internal static class SemanticKernelKernels
{
    public const string Kernel = "Microsoft.SemanticKernel.Kernel";

    public static ModelReference ModelOfKernel(IOperation kernel, ServiceSelection selection, RecognitionContext context)
    {
        var text = SegmentName.Shorten(kernel.Syntax.ToString());
        var what = "the kernel '" + text + "'";
        var definition = context.Tracker.Definition(kernel, context.CancellationToken);
        if (ModelArms.Of(definition, arm => ModelOfKernel(arm, selection, context), context) is { } chosen)
        {
            return chosen;
        }

        switch (definition)
        {
            case IInvocationOperation { TargetMethod.Name: "Build" } build
                when RecognitionContext.Receiver(build) is { } builder && context.Types.Is(builder.Type, SemanticKernelRegistrations.KernelBuilder):
                return SemanticKernelRegistrations.ModelOfBuilder(builder, build, new List<ChatServiceRegistration>(), selection, context, what);

            // new Kernel(serviceProvider): the chat services of that provider. new Kernel() has none.
            case IObjectCreationOperation creation when context.Types.Is(creation.Type, Kernel):
                return RecognitionContext.Argument(creation, "services") is { } services
                    ? FromProvider(services, ServiceRegistrationIndex.ChatCompletionService, selection, what, context)
                    : ModelReference.Unknown(text, what + " is made with no service provider, so it has no chat service");

            // serviceProvider.GetRequiredService<Kernel>() after services.AddKernel().
            case IInvocationOperation { TargetMethod.Name: "GetRequiredService" or "GetService" } get
                when context.Types.Is(get.Type, Kernel) && RecognitionContext.Receiver(get) is { } provider:
                return FromProvider(provider, ServiceRegistrationIndex.ChatCompletionService, selection, what, context);

            case IParameterReferenceOperation { Parameter: { } parameter }:
                if (CallerArguments.Follow(parameter, argument => ModelOfKernel(argument, selection, context), context) is { } followed)
                {
                    return followed;
                }

                // An injected kernel (services.AddKernel()) uses the chat services registered in the container.
                if (ServiceRegistrationIndex.IsInjected(parameter))
                {
                    return FromContainer(null, ServiceRegistrationIndex.ChatCompletionService, selection, "injected kernel '" + parameter.Name + "'", context);
                }

                break;
        }

        return ModelReference.Unknown(text, what + " is not built with Kernel.CreateBuilder() in view, nor injected");
    }

    /// <summary>
    /// A service of <paramref name="serviceType"/> taken from a service provider: one built from a collection in view
    /// (<c>services.BuildServiceProvider()</c>) has that collection's registrations; any other (a host's, an injected
    /// one) has the project's.
    /// </summary>
    public static ModelReference FromProvider(IOperation provider, string serviceType, ServiceSelection selection, string what, RecognitionContext context)
    {
        ISymbol? container = null;
        if (context.Tracker.Definition(provider, context.CancellationToken) is IInvocationOperation { TargetMethod.Name: "BuildServiceProvider" } build
            && RecognitionContext.Receiver(build) is { } collection)
        {
            container = ServiceRegistrationIndex.ContainerOf(collection);
        }

        return FromContainer(container, serviceType, selection, what, context);
    }

    // The chat service a kernel (or a provider) resolves from registrations; a kernel also takes an IChatClient when no
    // IChatCompletionService is registered (AddOpenAIChatClient). See ServiceSelection for the order.
    private static ModelReference FromContainer(ISymbol? container, string serviceType, ServiceSelection selection, string what, RecognitionContext context)
    {
        var key = selection.ServiceIdText(context, out var unreadable);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (serviceType == ServiceRegistrationIndex.ChatCompletionService
            && !context.Services.Has(serviceType, container, context) && context.Services.Has(ServiceRegistrationIndex.ChatClientInterface, container, context))
        {
            serviceType = ServiceRegistrationIndex.ChatClientInterface;
        }

        ModelReference? byKey = null;
        if (key is not null)
        {
            byKey = context.Services.ResolveKeyed(serviceType, key, anyKey: false, what, context, container);
            if (byKey.IsKnown || selection.PreferUnkeyed)
            {
                return byKey;
            }
        }

        if (selection.ModelIdText(context) is { } modelId && context.Services.WithModel(serviceType, modelId, container, context) is { } byModel)
        {
            return byModel;
        }

        return byKey ?? context.Services.ResolveKeyed(serviceType, null, anyKey: !selection.PreferUnkeyed, what, context, container);
    }
}
