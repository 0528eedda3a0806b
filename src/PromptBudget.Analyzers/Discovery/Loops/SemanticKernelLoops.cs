using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>
/// Semantic Kernel's automatic function invocation, read from the execution settings a prompt or chat call sends:
/// <c>FunctionChoiceBehavior.Auto()</c> loops up to the connectors' <c>MaximumAutoInvokeAttempts</c>, <c>Auto(autoInvoke: false)</c>
/// is one call; <c>FunctionChoiceBehavior.Required()</c> auto-invokes once and then answers (two calls);
/// <c>ToolCallBehavior.AutoInvokeKernelFunctions</c> and <c>EnableFunctions(…, autoInvoke: true)</c> loop,
/// <c>ToolCallBehavior.EnableKernelFunctions</c> is one call. Semantic Kernel has no setting for the cap (an auto-invocation
/// filter can stop the loop), so a loop's cap is always the library's.
/// </summary>
internal static class SemanticKernelLoops
{
    /// <summary>Calls of a <c>Required()</c> choice: the forced tool call, then the answer (the functions are not advertised again).</summary>
    public const int RequiredChoiceCalls = 2;

    private const string ToolCallBehavior = "Microsoft.SemanticKernel.Connectors.OpenAI.ToolCallBehavior";

    /// <summary>The loop the settings turn on; null when they turn none on (or there are no settings).</summary>
    public static ToolLoop? OfSettings(IOperation? settings, IOperation site, RecognitionContext context)
    {
        if (settings is null)
        {
            return null;
        }

        if (context.PropertyValue(settings, "FunctionChoiceBehavior", site) is { } choice)
        {
            return OfChoice(context.Tracker.Definition(choice, context.CancellationToken), context);
        }

        return context.PropertyValue(settings, "ToolCallBehavior", site) is { } behavior
            ? OfToolCallBehavior(context.Tracker.Definition(behavior, context.CancellationToken), context)
            : null;
    }

    private static ToolLoop? OfChoice(IOperation choice, RecognitionContext context)
    {
        if (choice is not IInvocationOperation call || !context.Types.Is(call.TargetMethod.ContainingType, LoopLibraryDefaults.FunctionChoiceBehavior))
        {
            return null;
        }

        var autoInvoke = AutoInvoke(RecognitionContext.Argument(call, "autoInvoke"));
        switch (call.TargetMethod.Name)
        {
            case "Auto" when autoInvoke != false:
                return Default(context, autoInvoke is null ? "FunctionChoiceBehavior.Auto(autoInvoke: not a constant, counted as true)" : "FunctionChoiceBehavior.Auto()");
            case "Required" when autoInvoke != false:
                return new ToolLoop(RequiredChoiceCalls, LoopCapSource.LibraryDefault,
                    "FunctionChoiceBehavior.Required(): the required tool call is invoked, then the model answers (2 model calls)",
                    LoopLibraryDefaults.SemanticKernelSetting);
            default:
                return null;
        }
    }

    private static ToolLoop? OfToolCallBehavior(IOperation behavior, RecognitionContext context)
    {
        switch (behavior)
        {
            case IPropertyReferenceOperation { Property.Name: "AutoInvokeKernelFunctions" } property when context.Types.Is(property.Property.ContainingType, ToolCallBehavior):
                return Default(context, "ToolCallBehavior.AutoInvokeKernelFunctions");
            case IInvocationOperation { TargetMethod.Name: "EnableFunctions" } call when context.Types.Is(call.TargetMethod.ContainingType, ToolCallBehavior)
                && AutoInvoke(RecognitionContext.Argument(call, "autoInvoke")) != false:
                return Default(context, "ToolCallBehavior.EnableFunctions(…, autoInvoke: true)");
            default:
                return null;
        }
    }

    private static ToolLoop Default(RecognitionContext context, string shape)
    {
        var library = LoopLibraryDefaults.SemanticKernel(context);
        return new ToolLoop(library.Cap, library.Source, shape + ": " + library.Detail, library.SettingName);
    }

    // True, false, or null when the argument is given but not a constant (the default, when not given, is true).
    private static bool? AutoInvoke(IOperation? argument) =>
        argument is null ? true : argument.ConstantValue is { HasValue: true, Value: bool value } ? value : null;
}
