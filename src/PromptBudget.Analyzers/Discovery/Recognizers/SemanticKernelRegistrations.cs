using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>One chat service registered on a kernel builder or a service collection, e.g. <c>AddOpenAIChatCompletion("gpt-4o", key, serviceId: "fast")</c>.</summary>
internal sealed class ChatServiceRegistration
{
    public ChatServiceRegistration(ModelReference model, string? serviceId, bool serviceIdKnown, string text)
    {
        Model = model;
        ServiceId = serviceId;
        ServiceIdKnown = serviceIdKnown;
        Text = text;
    }

    public ModelReference Model { get; }

    /// <summary>The service id (a keyed registration); null for an unkeyed one.</summary>
    public string? ServiceId { get; }

    /// <summary>False when a service id is given but is not a constant: it matches no key for certain.</summary>
    public bool ServiceIdKnown { get; }

    /// <summary>The registration's code, shortened, for messages.</summary>
    public string Text { get; }

    public bool IsKeyed => ServiceId is not null || !ServiceIdKnown;

    /// <summary>
    /// The registration call and the helper calls that led to it (outermost first); empty when not known. Says which
    /// branches it runs in: see <see cref="RegistrationBranches"/>.
    /// </summary>
    public ImmutableArray<SyntaxNode> Through { get; set; } = ImmutableArray<SyntaxNode>.Empty;
}

/// <summary>
/// Semantic Kernel: which chat services a kernel was built with, by following the kernel value to the
/// builder that built it (<c>Kernel.CreateBuilder().AddOpenAIChatCompletion(…).Build()</c>, or a builder kept in a
/// local and added to before <c>Build()</c>), and which of them a call uses (a service id selects; with
/// none, the last registration, as Semantic Kernel's own selection does).
/// </summary>
internal static class SemanticKernelRegistrations
{
    public const string KernelBuilder = "Microsoft.SemanticKernel.IKernelBuilder";
    private const int MaxDepth = 8;

    /// <summary>
    /// The model a kernel built from <paramref name="builder"/> at <paramref name="site"/> gives a call: the registrations
    /// made on the builder before (its chain, the local that holds it), then <paramref name="after"/> (those a helper made
    /// later). A builder that is a helper's parameter is followed to the argument of each call of the helper, when the
    /// helper's own registrations do not already decide.
    /// </summary>
    public static ModelReference ModelOfBuilder(IOperation builder, IOperation site, List<ChatServiceRegistration> after, ServiceSelection selection, RecognitionContext context, string what)
    {
        var found = new List<ChatServiceRegistration>();
        var budget = new RegistrationHelpers.Budget();
        Collect(builder, site, context, found, budget, 0);
        found.AddRange(after);
        if (budget.Stopped is { } stopped)
        {
            // A registration left unread may be the one the call uses (the last one wins): never price the others.
            return ModelReference.Unknown(null, what + ": " + stopped);
        }

        var own = Select(found, selection, context, what);
        var decided = own.IsKnown && !(selection.PreferUnkeyed && found.All(r => r.IsKeyed));
        if (!decided && RootParameter(builder, context) is { } parameter
            && CallerArguments.Follow(parameter, argument => ModelOfBuilder(argument, argument, found, selection, context, what), context) is { } followed)
        {
            return followed;
        }

        return own;
    }

    // The parameter a builder chain starts from (`builder.AddX(…)` where `builder` is a parameter), if any.
    private static IParameterSymbol? RootParameter(IOperation builder, RecognitionContext context)
    {
        var current = builder;
        for (var hops = 0; hops < MaxDepth; hops++)
        {
            var definition = context.Tracker.Definition(current, context.CancellationToken);
            switch (definition)
            {
                case IParameterReferenceOperation { Parameter: { } parameter }:
                    return parameter;
                case IInvocationOperation chained when RecognitionContext.Receiver(chained) is { } receiver && context.Types.Is(receiver.Type, KernelBuilder):
                    current = receiver;
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The model a call gets from registrations, in <see cref="ServiceSelection"/>'s order: the one with the service id, else
    /// the first with the model id, else (no service id) the last one (unkeyed first when the selection prefers it, as
    /// <c>GetRequiredService&lt;T&gt;()</c> does). A service id that selects nothing is unknown, never another registration's model.
    /// </summary>
    public static ModelReference Select(List<ChatServiceRegistration> registrations, ServiceSelection selection, RecognitionContext context, string what)
    {
        if (registrations.Count == 0)
        {
            return ModelReference.Unknown(null, what + " has no chat service registered in view");
        }

        var key = selection.ServiceIdText(context, out var unreadable);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (key is not null && registrations.Any(r => r.ServiceIdKnown && r.ServiceId == key))
        {
            return Last(registrations.Where(r => r.ServiceIdKnown && r.ServiceId == key).ToList(), context, what);
        }

        var modelId = selection.PreferUnkeyed ? null : selection.ModelIdText(context);
        if (modelId is not null && registrations.FirstOrDefault(r => r.Model.Name == modelId) is { } byModel)
        {
            return byModel.Model;
        }

        if (key is not null)
        {
            return ModelReference.Unknown(null, $"{what} has no chat service registered with service id '{key}'"
                + (modelId is null ? "" : $" or model '{modelId}'") + $" (registered: {Candidates(registrations)})");
        }

        var pool = selection.PreferUnkeyed && registrations.Any(r => !r.IsKeyed) ? registrations.Where(r => !r.IsKeyed).ToList() : registrations;
        return Last(pool, context, what);
    }

    // The model of the last registration of `pool` (in order): when registrations in exclusive branches (`if (azure) b.AddA(…);
    // else b.AddB(…);`) may each be the last, the most expensive of them is the worst case, said in the detail.
    private static ModelReference Last(List<ChatServiceRegistration> pool, RecognitionContext context, string what)
    {
        var lasts = RegistrationBranches.PossiblyLast(pool);
        if (lasts.Count == 1)
        {
            return lasts[0].Model;
        }

        var candidates = lasts.Select(r => (Where: r.Through.IsEmpty ? r.Text : Place(r.Through[r.Through.Length - 1]), r.Model)).ToList();
        return context.Choice.Choose(candidates, "the chat services " + what + " may be built with (registered in exclusive branches)", what + " has no chat service registered in view");
    }

    private static string Place(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return System.IO.Path.GetFileName(span.Path ?? "") + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Candidates(IEnumerable<ChatServiceRegistration> registrations) =>
        string.Join(", ", registrations.Select(r => r.Model.Name ?? r.Model.Expression ?? r.Text).Distinct());

    /// <summary>A chat service registration call (<c>AddXxxChatCompletion</c> / <c>AddXxxChatClient</c> of Semantic Kernel's connectors), or null.</summary>
    public static ChatServiceRegistration? Registration(IInvocationOperation call, RecognitionContext context)
    {
        var name = call.TargetMethod.Name;
        if (!name.StartsWith("Add", System.StringComparison.Ordinal)
            || !(name.EndsWith("ChatCompletion", System.StringComparison.Ordinal) || name.EndsWith("ChatClient", System.StringComparison.Ordinal))
            || call.TargetMethod.Parameters.All(p => p.Name is not ("modelId" or "deploymentName")))
        {
            return null;
        }

        // Azure: the deployment maps to a model through configuration, unless the model id is given too.
        ModelReference model;
        if (RecognitionContext.Argument(call, "modelId") is { } modelId)
        {
            model = context.Model(modelId);
        }
        else
        {
            model = context.Model(RecognitionContext.Argument(call, "deploymentName"), ModelOrigin.Deployment);
        }

        var serviceIdArgument = RecognitionContext.Argument(call, "serviceId");
        string? serviceId = null;
        var known = true;
        if (serviceIdArgument is not null && ValueTracker.Unwrap(serviceIdArgument) is not ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            var value = context.Text(serviceIdArgument);
            known = value.IsConstant;
            serviceId = known ? value.StaticText : null;
        }

        return new ChatServiceRegistration(model, serviceId, known, SegmentName.Shorten(call.Syntax.ToString())) { Through = ImmutableArray.Create(call.Syntax) };
    }

    // Registrations made on a builder value before `site`, in order: the chain that made it, then the
    // calls on the local or field that holds it (`b.AddOpenAIChatCompletion(…)`, `b.Services.AddOpenAIChatCompletion(…)`),
    // and those the project's own helpers make on it (`b.AddAi()`, `Setup.Configure(b)`, `b.Services.AddAi()`).
    private static void Collect(IOperation builder, IOperation site, RecognitionContext context, List<ChatServiceRegistration> found, RegistrationHelpers.Budget budget, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var unwrapped = ValueTracker.Unwrap(builder);
        if (ValueTracker.ReferencedSymbol(unwrapped) is { } symbol)
        {
            var definition = context.Tracker.Definition(unwrapped, context.CancellationToken);
            if (!ReferenceEquals(definition, unwrapped))
            {
                Collect(definition, definition, context, found, budget, depth + 1);
            }

            RegistrationHelpers.CollectOn(symbol, context.Tracker.IndexOf(site), site.Syntax.SpanStart, context, found, budget);
            return;
        }

        if (unwrapped is IInvocationOperation chained && RecognitionContext.Receiver(chained) is { } receiver && context.Types.Is(receiver.Type, KernelBuilder))
        {
            Collect(receiver, chained, context, found, budget, depth + 1);
            RegistrationHelpers.Add(chained, value => ReferenceEquals(ValueTracker.Unwrap(value), ValueTracker.Unwrap(receiver)), context, found, budget, 0);
        }
    }
}
