using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Semantic Kernel: a prompt function (<c>KernelFunctionFactory.CreateFromPrompt(…)</c>, <c>kernel.CreateFunctionFromPrompt(…)</c>)
/// runs on the kernel it is invoked with, not on one it is made with: <c>kernel.InvokeAsync(function, …)</c>,
/// <c>function.InvokeAsync(kernel, …)</c> (and the streaming and generic forms), on the function made inline or kept in a
/// local, field or property. Kernels that disagree give the most expensive model; with no invocation in view, the
/// kernel it is made with (<c>CreateFunctionFromPrompt</c>), else the model is unknown.
/// </summary>
internal static class PromptFunctionKernels
{
    /// <param name="selection">The service the function's own execution settings select; settings given at an invocation replace them there.</param>
    /// <param name="kernels">The function's invocations, from <see cref="KernelsInvokedWith"/>.</param>
    public static ModelReference ModelOfFunction(List<(string Where, IOperation Kernel, IInvocationOperation Invocation)> kernels, IOperation? creationKernel, ServiceSelection selection, RecognitionContext context)
    {
        if (kernels.Count > 0)
        {
            var candidates = new List<(string Where, ModelReference Model)>();
            foreach (var (where, kernel, invocation) in kernels)
            {
                if (!context.TakeStep(CallerArguments.MaxSteps))
                {
                    return ModelReference.Unknown(null, $"the function is invoked in more than {CallerArguments.MaxSteps} places; stopped there");
                }

                // kernel.InvokeAsync(function, new KernelArguments(settings)): Semantic Kernel takes these settings instead of the function's.
                var given = ServiceSelection.SettingsOf(invocation, context) is { } settings ? ServiceSelection.OfSettings(settings, invocation, context) : selection;
                candidates.Add((where, given.OrModelId(SemanticKernelKernels.ModelOfKernel(kernel, given, context), context)));
            }

            return context.Choice.Choose(candidates, "the kernels the function is invoked with", "");
        }

        return selection.OrModelId(
            creationKernel is not null
                ? SemanticKernelKernels.ModelOfKernel(creationKernel, selection, context)
                : ModelReference.Unknown(null, "the function made here is invoked with no kernel in view (kernel.InvokeAsync(function) or function.InvokeAsync(kernel))"),
            context);
    }

    /// <summary>
    /// The max output tokens the function's invocations send: execution settings given at an invocation
    /// (<c>kernel.InvokeAsync(function, new KernelArguments(settings))</c>) replace the function's own, so their <c>MaxTokens</c>
    /// counts there, and settings without one send none (the model's maximum). The site keeps the largest over the
    /// invocations in view; the function's own value stands for invocations that give no settings.
    /// </summary>
    public static void ApplyInvocationMaxOutput(PromptCallSite site, List<(string Where, IOperation Kernel, IInvocationOperation Invocation)> kernels, string settingsType, RecognitionContext context)
    {
        foreach (var (where, _, invocation) in kernels)
        {
            if (ServiceSelection.SettingsOf(invocation, context) is not { } settings)
            {
                continue;
            }

            if (context.PropertyValue(settings, "MaxTokens", invocation) is not { } maxTokens)
            {
                // No limit is sent here: the worst case is the model's maximum, and the fix belongs in these settings.
                site.MaxOutputTokens = null;
                site.MaxOutputIsDynamic = false;
                site.MaxOutputDetail = null;
                site.Fix = new MaxOutputFix("MaxTokens", settingsType, context.CreationLocation(settings));
                return;
            }

            var given = new PromptCallSite(invocation, site.Location, site.Sdk);
            context.SetMaxOutput(given, maxTokens);
            if (given.MaxOutputIsDynamic)
            {
                site.MaxOutputTokens = null;
                site.MaxOutputIsDynamic = true;
                site.MaxOutputDetail = null;
            }
            else if (!site.MaxOutputIsDynamic && site.MaxOutputTokens is { } own && given.MaxOutputTokens > own)
            {
                site.MaxOutputTokens = given.MaxOutputTokens;
                site.MaxOutputDetail = given.MaxOutputDetail;
            }
        }
    }

    /// <summary>Where a prompt function made by <paramref name="creation"/> is invoked, and with which kernel; read once per call site.</summary>
    public static List<(string Where, IOperation Kernel, IInvocationOperation Invocation)> KernelsInvokedWith(IInvocationOperation creation, RecognitionContext context)
    {
        var kernels = new List<(string, IOperation, IInvocationOperation)>();
        var parent = creation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        // Made and invoked at once: kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(…)), CreateFromPrompt(…).InvokeAsync(kernel).
        var call = parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation invocation } => invocation,
            IInvocationOperation invocation => invocation,
            _ => null,
        };
        if (call is not null)
        {
            if (CompilationCallIndex.FunctionAndKernel(call, context.Types.Is) is { } pair && ValueTracker.Unwrap(pair.Function).Syntax == creation.Syntax)
            {
                kernels.Add((CallerArguments.Place(call), pair.Kernel, call));
            }

            return kernels;
        }

        var holder = parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: { } target } => ValueTracker.ReferencedSymbol(target),
            IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0],
            IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0],
            _ => null,
        };
        if (holder is null)
        {
            return kernels;
        }

        // Only invocations of this very function: the value they invoke is followed back to this creation.
        foreach (var (function, kernel, invocation) in context.Calls.InvocationsOf(holder, context.CancellationToken))
        {
            if (context.Tracker.Definition(function, context.CancellationToken).Syntax == creation.Syntax)
            {
                kernels.Add((CallerArguments.Place(invocation), kernel, invocation));
            }
        }

        return kernels;
    }
}
