using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Which of a kernel's chat services a call asks for, the way Semantic Kernel 1.82's <c>OrderedAIServiceSelector</c> picks:
/// the service registered with the settings' <c>ServiceId</c>, else the first whose model is the settings' <c>ModelId</c>,
/// else (settings with no service id, or none at all) the last registration; a service id nothing is registered with, and
/// no model match, leaves none (Semantic Kernel throws). Execution settings given at invocation
/// (<c>new KernelArguments(settings)</c>) replace the function's own. <see cref="PreferUnkeyed"/> is the container's
/// <c>GetRequiredService&lt;T&gt;()</c> instead (the unkeyed registration first).
/// </summary>
internal sealed class ServiceSelection
{
    public const string KernelArguments = "Microsoft.SemanticKernel.KernelArguments";
    public const string ExecutionSettings = "Microsoft.SemanticKernel.PromptExecutionSettings";

    public static readonly ServiceSelection Any = new(null, null, preferUnkeyed: false);

    public ServiceSelection(IOperation? serviceId, IOperation? modelId, bool preferUnkeyed)
    {
        ServiceId = serviceId;
        ModelId = modelId;
        PreferUnkeyed = preferUnkeyed;
    }

    /// <summary>The service id (a settings' <c>ServiceId</c>, or a <c>GetRequiredService</c> key); null for none.</summary>
    public IOperation? ServiceId { get; }

    /// <summary>The settings' <c>ModelId</c>: selects the service with that model when no service id does.</summary>
    public IOperation? ModelId { get; }

    public bool PreferUnkeyed { get; }

    /// <summary>A key given to <c>GetRequiredService&lt;T&gt;(key)</c>; none prefers the unkeyed registration.</summary>
    public static ServiceSelection ByKey(IOperation? key) => new(key, null, preferUnkeyed: true);

    /// <summary>The <c>ServiceId</c> and <c>ModelId</c> of execution settings (set in their initializer or later, before <paramref name="site"/>).</summary>
    public static ServiceSelection OfSettings(IOperation? settings, IOperation site, RecognitionContext context) =>
        settings is null
            ? Any
            : new ServiceSelection(context.PropertyValue(settings, "ServiceId", site), context.PropertyValue(settings, "ModelId", site), preferUnkeyed: false);

    /// <summary>The selection an invocation's own execution settings make; <see cref="Any"/> when it passes none.</summary>
    public static ServiceSelection OfInvocation(IInvocationOperation invocation, RecognitionContext context) =>
        SettingsOf(invocation, context) is { } settings ? OfSettings(settings, invocation, context) : Any;

    /// <summary>Execution settings a call passes: directly, or inside <c>new KernelArguments(settings)</c>; null for none.</summary>
    public static IOperation? SettingsOf(IInvocationOperation invocation, RecognitionContext context)
    {
        if (context.ArgumentOfType(invocation, ExecutionSettings) is { } direct)
        {
            return direct;
        }

        return SettingsIn(context.ArgumentOfType(invocation, KernelArguments), context);
    }

    /// <summary>The execution settings of <c>new KernelArguments(settings) { … }</c>; null for none, or arguments not made in view.</summary>
    public static IOperation? SettingsIn(IOperation? kernelArguments, RecognitionContext context) =>
        kernelArguments is not null && context.Tracker.Definition(kernelArguments, context.CancellationToken) is IObjectCreationOperation creation
            ? creation.Arguments.FirstOrDefault(a => a.ArgumentKind != ArgumentKind.DefaultValue && context.Types.Is(a.Value.Type, ExecutionSettings))?.Value
            : null;

    /// <summary>
    /// The service id as text: null for none (also an empty one, or Semantic Kernel's "default", which select no keyed
    /// service); <paramref name="unreadable"/> is set when it is not a constant.
    /// </summary>
    public string? ServiceIdText(RecognitionContext context, out ModelReference? unreadable)
    {
        unreadable = null;
        if (ServiceId is null || ValueTracker.Unwrap(ServiceId) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            return null;
        }

        var value = context.Text(ServiceId);
        if (!value.IsConstant)
        {
            var text = SegmentName.Shorten(ServiceId.Syntax.ToString());
            unreadable = ModelReference.Unknown(text, "the service id '" + text + "' is not a constant");
            return null;
        }

        return PreferUnkeyed || (value.StaticText.Length > 0 && !value.StaticText.Equals("default", StringComparison.OrdinalIgnoreCase)) ? value.StaticText : null;
    }

    /// <summary>The model id as text when it is a constant; null otherwise.</summary>
    public string? ModelIdText(RecognitionContext context)
    {
        if (ModelId is null)
        {
            return null;
        }

        var value = context.Text(ModelId);
        return value.IsConstant && value.StaticText.Length > 0 ? value.StaticText : null;
    }

    /// <summary>
    /// The model a call takes when the kernel's services cannot be read: the settings' <c>ModelId</c> (Semantic Kernel uses a
    /// service with that model when the kernel has one), said in the detail; <paramref name="kernelModel"/> otherwise.
    /// </summary>
    public ModelReference OrModelId(ModelReference kernelModel, RecognitionContext context)
    {
        if (kernelModel.IsKnown || ModelIdText(context) is not { } modelId)
        {
            return kernelModel;
        }

        var reason = kernelModel.Detail ?? "its chat services cannot be read";
        return new ModelReference(modelId, ModelOrigin.Code, null, $"the execution settings' ModelId; the kernel's chat services are not known ({reason}), and Semantic Kernel uses the one whose model this is");
    }
}
