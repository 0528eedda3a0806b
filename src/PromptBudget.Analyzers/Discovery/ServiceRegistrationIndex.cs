using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery.Recognizers;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// The chat clients and chat services a compilation registers for dependency injection, found ONCE per
/// compilation on first need (a syntax filter on the invoked name, then the operation of each match):
/// <c>services.AddChatClient(inner | factory)</c>, <c>AddKeyedChatClient(key, …)</c>,
/// <c>services.AddSingleton&lt;IChatClient&gt;(…)</c> (also scoped, transient and keyed, and for
/// <c>ChatClient</c> / <c>IChatCompletionService</c>), Semantic Kernel's <c>services.AddOpenAIChatCompletion(…)</c> /
/// <c>AddAzureOpenAIChatCompletion</c> / <c>AddOpenAIChatClient</c> (also on the builder <c>services.AddKernel()</c> returns),
/// and .NET Aspire's <c>builder.AddOpenAIClient(…).AddChatClient("model")</c> / <c>AddAzureOpenAIClient(…).AddChatClient("deployment")</c>.
/// An injected constructor parameter resolves to the registration of its type (and <c>[FromKeyedServices]</c> key).
/// The same pass finds the configuration sections options types are bound to (<c>Configure&lt;T&gt;(section)</c>, <c>Bind</c>, <c>BindConfiguration</c>).
/// </summary>
internal sealed class ServiceRegistrationIndex
{
    public const string ChatClientInterface = "Microsoft.Extensions.AI.IChatClient";
    public const string ChatCompletionService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    private const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    private const string FromKeyedServices = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";

    private readonly Compilation _compilation;
    private readonly object _gate = new();
    private List<ServiceRegistration>? _registrations;
    private List<OptionsBinding>? _optionsBindings;
    private bool _building;

    public ServiceRegistrationIndex(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// True when the parameter is one a container fills: a constructor's (or primary constructor's), or a
    /// parameter of a minimal-API handler lambda (<c>app.MapPost("/ask", (IChatClient chat, …) => …)</c>).
    /// </summary>
    public static bool IsInjected(IParameterSymbol parameter) =>
        parameter.ContainingSymbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } => true,
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } => IsEndpointHandler(parameter),
            _ => false,
        };

    private static bool IsEndpointHandler(IParameterSymbol parameter) =>
        parameter.DeclaringSyntaxReferences.Length == 1
        && parameter.DeclaringSyntaxReferences[0].GetSyntax().FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } }
        && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Map" or "MapGet" or "MapPost" or "MapPut" or "MapDelete" or "MapPatch" or "MapMethods" or "MapFallback" };

    /// <summary>
    /// The model of the registration an injected parameter resolves to. Several registrations that disagree
    /// are not guessed between: the model is unknown and the message names the candidates.
    /// </summary>
    public ModelReference Resolve(IParameterSymbol parameter, string serviceType, RecognitionContext context)
    {
        var registrations = Registrations(context).Where(r => r.ServiceType == serviceType).ToList();
        var (key, keyed) = KeyOf(parameter);
        var what = $"injected {parameter.Type.Name} '{parameter.Name}'" + (keyed ? $" [FromKeyedServices(\"{key}\")]" : "");
        var matching = registrations.Where(r => keyed ? r.KeyKnown && r.Key == key : !r.IsKeyed).ToList();
        return Choose(matching, registrations, what);
    }

    /// <summary>
    /// The tool loop of the registration an injected parameter resolves to. Of several matching registrations the
    /// worst is taken: one whose cap is unknown, else the largest cap. Null when none runs a loop.
    /// </summary>
    public Loops.ToolLoop? ResolveLoop(IParameterSymbol parameter, string serviceType, RecognitionContext context)
    {
        var (key, keyed) = KeyOf(parameter);
        var loops = Registrations(context)
            .Where(r => r.ServiceType == serviceType && (keyed ? r.KeyKnown && r.Key == key : !r.IsKeyed) && r.Loop is not null)
            .Select(r => r.Loop!)
            .ToList();
        return loops.FirstOrDefault(l => l.Cap is null) ?? loops.OrderByDescending(l => l.Cap).FirstOrDefault();
    }

    /// <summary>
    /// The model of the registrations of <paramref name="serviceType"/> with the given key (any key when <paramref name="anyKey"/>),
    /// on <paramref name="container"/> only when it is given.
    /// </summary>
    public ModelReference ResolveKeyed(string serviceType, string? key, bool anyKey, string what, RecognitionContext context, ISymbol? container = null)
    {
        var registrations = Of(serviceType, container, context, out var stopped);
        if (stopped is not null)
        {
            return ModelReference.Unknown(null, what + ": " + stopped);
        }

        var matching = anyKey ? registrations : registrations.Where(r => key is null ? !r.IsKeyed : r.KeyKnown && r.Key == key).ToList();
        return Choose(matching, registrations, what);
    }

    /// <summary>
    /// The model of the first registration of <paramref name="serviceType"/> (on <paramref name="container"/>, when given) whose model is
    /// <paramref name="modelId"/>, as Semantic Kernel's selection by <c>ModelId</c> finds it; null when none has it.
    /// </summary>
    public ModelReference? WithModel(string serviceType, string modelId, ISymbol? container, RecognitionContext context) =>
        Of(serviceType, container, context, out _).FirstOrDefault(r => r.Model.Name == modelId)?.Model;

    /// <summary>True when <paramref name="serviceType"/> is registered (on <paramref name="container"/>, when given).</summary>
    public bool Has(string serviceType, ISymbol? container, RecognitionContext context) => Of(serviceType, container, context, out _).Count > 0;

    // The registrations of a service type (on one collection, when given); `stopped` says why one may be missing.
    private List<ServiceRegistration> Of(string serviceType, ISymbol? container, RecognitionContext context, out string? stopped)
    {
        stopped = null;
        var found = new List<ServiceRegistration>();
        foreach (var registration in Registrations(context).Where(r => r.ServiceType == serviceType))
        {
            var steps = 0;
            string? cut = null;
            if (container is null || Reaches(registration.Container, container, context, 0, ref steps, ref cut))
            {
                found.Add(registration);
            }
            else if (cut is not null)
            {
                stopped ??= $"the registration at {registration.Place()} is made in a helper on '{registration.Container!.Name}', {cut}";
            }
        }

        return found;
    }

    /// <summary>
    /// True when a registration made on <paramref name="made"/> is made on <paramref name="wanted"/>: the same symbol, or a helper's
    /// parameter (<c>static void Configure(IServiceCollection services)</c>, <c>AddAi(this IServiceCollection s)</c>) that a call of the
    /// helper gives <paramref name="wanted"/> (<c>Configure(services)</c>, <c>services.AddAi()</c>), followed <see cref="CallerArguments.MaxDepth"/>
    /// helpers deep and <see cref="CallerArguments.MaxSteps"/> calls per registration.
    /// </summary>
    private static bool Reaches(ISymbol? made, ISymbol wanted, RecognitionContext context, int depth, ref int steps, ref string? stopped)
    {
        if (made is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(made, wanted))
        {
            return true;
        }

        if (made is not IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.AnonymousFunction } method } parameter)
        {
            return false;
        }

        var calls = context.Calls.CallsOf(method, context.CancellationToken).Calls;
        if (calls.Count > 0 && depth >= CallerArguments.MaxDepth)
        {
            stopped ??= $"passed on through more than {CallerArguments.MaxDepth} helpers (up to {method.ContainingType.Name}.{method.Name}); followed no deeper";
            return false;
        }

        foreach (var call in calls)
        {
            if (++steps > CallerArguments.MaxSteps)
            {
                stopped ??= $"whose helpers have more than {CallerArguments.MaxSteps} calls to follow; stopped there";
                return false;
            }

            if (CallerArguments.ArgumentFor(call, parameter) is { } argument && Reaches(ContainerOf(argument), wanted, context, depth + 1, ref steps, ref stopped))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The symbol that holds the collection a registration call is made on: <c>services</c> in <c>services.AddX(…)</c> and
    /// <c>services.AddKernel().AddX(…)</c>, <c>builder</c> in <c>builder.Services.AddX(…)</c>; null when it is not held in one.
    /// </summary>
    public static ISymbol? ContainerOf(IOperation receiver)
    {
        var current = receiver;
        for (var hops = 0; hops < 16; hops++)
        {
            var unwrapped = ValueTracker.Unwrap(current);
            switch (unwrapped)
            {
                case IPropertyReferenceOperation { Property.Name: "Services", Instance: { } owner }:
                    current = owner;
                    continue;
                case IInvocationOperation chained when RecognitionContext.Receiver(chained) is { } inner:
                    current = inner;
                    continue;
                default:
                    return ValueTracker.ReferencedSymbol(unwrapped);
            }
        }

        return null;
    }

    private static ModelReference Choose(List<ServiceRegistration> matching, List<ServiceRegistration> all, string what)
    {
        if (matching.Count == 0)
        {
            return ModelReference.Unknown(null, all.Count == 0
                ? what + ": no registration of it in this project"
                : what + ": no matching registration (registered: " + string.Join(", ", all.Select(r => r.Describe())) + ")");
        }

        var models = matching.Select(r => r.Model.Name).Distinct().ToList();
        if (models.Count == 1 && models[0] is not null && matching.All(r => r.Model.Origin == matching[0].Model.Origin))
        {
            return matching[0].Model;
        }

        if (matching.Count == 1)
        {
            var registration = matching[0];
            return ModelReference.Unknown(registration.Model.Expression, what + " is registered at " + registration.Place() + ", whose model "
                + (registration.Model.Detail ?? (registration.Model.Expression is { } expression ? "'" + expression + "' cannot be read" : "cannot be read")));
        }

        return ModelReference.Unknown(null, what + " has several registrations: " + string.Join(", ", matching.Select(r => r.Describe())));
    }

    private static (string? Key, bool Keyed) KeyOf(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == FromKeyedServices && attribute.ConstructorArguments.Length == 1)
            {
                return (attribute.ConstructorArguments[0].Value?.ToString(), true);
            }
        }

        return (null, false);
    }

    /// <summary>
    /// The places an options type is given configuration under a name (<c>""</c>, Options.DefaultName, for unnamed options):
    /// see <see cref="OptionsBinding"/>. A binding whose name is not a constant matches no name.
    /// </summary>
    public IEnumerable<OptionsBinding> OptionsBindings(ITypeSymbol optionsType, string name, RecognitionContext context)
    {
        // The bindings are indexed before the registrations, so a registration's factory that reads options
        // (`sp.GetRequiredService<IOptions<T>>().Value.Model`) sees them while the index is being built.
        var bindings = _optionsBindings;
        if (bindings is null)
        {
            Registrations(context);
            bindings = _optionsBindings;
        }

        return bindings is null
            ? Enumerable.Empty<OptionsBinding>()
            : bindings.Where(b => SymbolEqualityComparer.Default.Equals(b.Type, optionsType) && NameOf(b.Name, context) == name);
    }

    private static string? NameOf(IOperation? name, RecognitionContext context)
    {
        if (name is null || ValueTracker.Unwrap(name) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return "";
        }

        var value = context.Text(name);
        return value.IsConstant ? value.StaticText : null;
    }

    private List<ServiceRegistration> Registrations(RecognitionContext context)
    {
        if (_registrations is { } ready)
        {
            return ready;
        }

        lock (_gate)
        {
            // A registration whose value is itself injected asks again while the index is being built
            // (on this thread: the lock is re-entrant); it sees no registrations instead of recursing.
            if (_building)
            {
                return new List<ServiceRegistration>();
            }

            try
            {
                _building = true;

                // Not cached when cancelled half-way: the next call builds it again.
                return _registrations ??= Build(context.Fresh());
            }
            finally
            {
                _building = false;
            }
        }
    }

    private List<ServiceRegistration> Build(RecognitionContext context)
    {
        var found = new List<ServiceRegistration>();
        var bindings = new List<OptionsBinding>();
        var candidates = new List<IInvocationOperation>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var call in tree.GetRoot(context.CancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => "",
                };
                if (!IsCandidateName(name))
                {
                    continue;
                }

#pragma warning disable RS1030 // The registrations are in other files (Program.cs); indexed once per compilation.
                model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(call, context.CancellationToken) is not IInvocationOperation invocation)
                {
                    continue;
                }

                var bound = OptionsBinding.Of(invocation).ToList();
                if (bound.Count > 0)
                {
                    bindings.AddRange(bound);
                }
                else
                {
                    candidates.Add(invocation);
                }
            }
        }

        // All bindings first: a registration's model may be read from options (a DI factory's `sp.GetRequiredService<IOptions<T>>()`).
        _optionsBindings = bindings;
        foreach (var invocation in candidates)
        {
            if (Registration(invocation, context) is { } registration)
            {
                found.Add(registration);
            }
        }

        return found;
    }

    private static bool IsCandidateName(string name) =>
        name is "Configure" or "PostConfigure" or "Bind" or "BindConfiguration"
        || name.StartsWith("Add", StringComparison.Ordinal)
        && (name.EndsWith("ChatClient", StringComparison.Ordinal) || name.EndsWith("ChatCompletion", StringComparison.Ordinal)
            || name is "AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient");

    private static ServiceRegistration? Registration(IInvocationOperation call, RecognitionContext context)
    {
        var method = call.TargetMethod;
        var location = call.Syntax.GetLocation();
        var receiver = RecognitionContext.Receiver(call);
        switch (method.Name)
        {
            // Microsoft.Extensions.AI: services.AddChatClient(inner | sp => inner), AddKeyedChatClient(key, …).
            case "AddChatClient" or "AddKeyedChatClient" when receiver is not null && context.Types.Is(receiver.Type, ServiceCollection)
                && (RecognitionContext.Argument(call, "innerClient") ?? RecognitionContext.Argument(call, "innerClientFactory")) is { } inner:
            {
                var (key, known) = Key(RecognitionContext.Argument(call, "serviceKey"), context);
                var loop = Loops.ExtensionsAILoops.ChainedOnRegistration(call, context) ?? Loops.ExtensionsAILoops.OfClient(Produced(inner) ?? inner, call, context);
                return new ServiceRegistration(ChatClientInterface, key, known, ModelOfValue(inner, ChatClientInterface, context), location, ContainerOf(receiver), loop);
            }

            // .NET Aspire: builder.AddOpenAIClient("conn").AddChatClient("model") / AddAzureOpenAIClient(…).AddChatClient("deployment").
            case "AddChatClient" or "AddKeyedChatClient" when method.Parameters.Any(p => p.Name == "deploymentName"):
            {
                var (key, known) = Key(RecognitionContext.Argument(call, "serviceKey"), context);
                var azure = receiver is not null && ValueTracker.Unwrap(receiver).Type?.Name.IndexOf("Azure", StringComparison.Ordinal) >= 0;
                var modelReference = context.Model(RecognitionContext.Argument(call, "deploymentName"), azure ? ModelOrigin.Deployment : ModelOrigin.Code);
                return new ServiceRegistration(ChatClientInterface, key, known, modelReference, location, receiver is null ? null : ContainerOf(receiver), Loops.ExtensionsAILoops.ChainedOnRegistration(call, context));
            }

            case "AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient"
                when method.IsGenericMethod && method.TypeArguments.Length >= 1 && ServiceTypeOf(method.TypeArguments[0], context) is { } serviceType:
            {
                var value = call.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is { } p && p.Name is "implementationInstance" or "implementationFactory").Select(a => a.Value).FirstOrDefault();
                if (value is null)
                {
                    return null;
                }

                var (key, known) = Key(RecognitionContext.Argument(call, "serviceKey"), context);
                var loop = serviceType == ChatClientInterface ? Loops.ExtensionsAILoops.OfClient(Produced(value) ?? value, call, context) : null;
                return new ServiceRegistration(serviceType, key, known, ModelOfValue(value, serviceType, context), location, receiver is null ? null : ContainerOf(receiver), loop);
            }

            default:
                // Semantic Kernel connectors on the container: services.AddOpenAIChatCompletion(…), services.AddKernel().AddOpenAIChatClient(…).
                if (receiver is null || !IsContainer(receiver, context) || SemanticKernelRegistrations.Registration(call, context) is not { } registration)
                {
                    return null;
                }

                var type = method.Name.EndsWith("ChatClient", StringComparison.Ordinal) ? ChatClientInterface : ChatCompletionService;
                return new ServiceRegistration(type, registration.ServiceId, registration.ServiceIdKnown, registration.Model, location, ContainerOf(receiver));
        }
    }

    // The container itself (an IServiceCollection that is not a kernel builder's own `b.Services`), or
    // the kernel builder `services.AddKernel()` returns.
    private static bool IsContainer(IOperation receiver, RecognitionContext context)
    {
        var unwrapped = ValueTracker.Unwrap(receiver);
        if (context.Types.Is(unwrapped.Type, ServiceCollection))
        {
            return !(unwrapped is IPropertyReferenceOperation { Instance: { } owner } && context.Types.Is(owner.Type, SemanticKernelRegistrations.KernelBuilder));
        }

        if (!context.Types.Is(unwrapped.Type, SemanticKernelRegistrations.KernelBuilder))
        {
            return false;
        }

        var current = context.Tracker.Definition(unwrapped, context.CancellationToken);
        for (var hops = 0; hops < 16 && current is IInvocationOperation chained; hops++)
        {
            if (chained.TargetMethod.Name == "AddKernel")
            {
                return true;
            }

            if (RecognitionContext.Receiver(chained) is not { } next || !context.Types.Is(next.Type, SemanticKernelRegistrations.KernelBuilder))
            {
                return false;
            }

            current = context.Tracker.Definition(next, context.CancellationToken);
        }

        return false;
    }

    private static string? ServiceTypeOf(ITypeSymbol type, RecognitionContext context) =>
        context.Types.Is(type, ChatClientInterface) && type.TypeKind == TypeKind.Interface ? ChatClientInterface
        : context.Types.Is(type, ChatCompletionService) && type.TypeKind == TypeKind.Interface ? ChatCompletionService
        : context.Types.Is(type, OpenAIChatShapes.ChatClient) ? OpenAIChatShapes.ChatClient
        : null;

    private static (string? Key, bool Known) Key(IOperation? key, RecognitionContext context)
    {
        if (key is null || ValueTracker.Unwrap(key) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return (null, true);
        }

        var definition = context.Tracker.Definition(key, context.CancellationToken);
        return definition.ConstantValue is { HasValue: true, Value: { } constant } ? (constant.ToString(), true) : (null, false);
    }

    // The model of a registered value: an instance, or what a factory lambda returns.
    private static ModelReference ModelOfValue(IOperation value, string serviceType, RecognitionContext context)
    {
        var produced = Produced(value) ?? value;
        return serviceType switch
        {
            ChatClientInterface => MicrosoftExtensionsAIRecognizer.ModelOfClient(produced, context, null),
            OpenAIChatShapes.ChatClient => OpenAIChatShapes.ModelOfChatClient(produced, context),
            _ => context.Tracker.Definition(produced, context.CancellationToken) is IObjectCreationOperation creation && RecognitionContext.Argument(creation, "modelId") is { } modelId
                ? context.Model(modelId)
                : new ModelReference(null, ModelOrigin.Unknown, SegmentName.Shorten(produced.Syntax.ToString())),
        };
    }

    // `sp => expr` or `sp => { …; return expr; }`: the one returned value.
    private static IOperation? Produced(IOperation value)
    {
        var unwrapped = ValueTracker.Unwrap(value);
        if (unwrapped is IDelegateCreationOperation delegateCreation)
        {
            unwrapped = ValueTracker.Unwrap(delegateCreation.Target);
        }

        if (unwrapped is not IAnonymousFunctionOperation lambda)
        {
            return null;
        }

        var returns = lambda.Body.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null).ToList();
        return returns.Count == 1 ? returns[0].ReturnedValue : null;
    }
}
