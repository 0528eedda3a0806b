using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery.Loops;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// The kernel functions a Semantic Kernel call advertises to the model as tools (every model call of its loop sends them).
/// Read from the execution settings as the OpenAI connector (1.82) reads them: any <c>FunctionChoiceBehavior</c>
/// (<c>Auto</c>, <c>Required</c>, and <c>None</c>, which still advertises the functions with <c>tool_choice: "none"</c>)
/// advertises the kernel's functions, or the ones its <c>functions:</c> argument lists; <c>ToolCallBehavior.AutoInvokeKernelFunctions</c>
/// / <c>EnableKernelFunctions</c> all of them, <c>EnableFunctions(…)</c> / <c>RequireFunction(…)</c> the ones given. With a
/// behavior but no function to advertise, the connector sends a placeholder tool (<c>NonInvocableTool</c>). Without a
/// behavior, nothing is advertised. Functions are read from the kernel's plugins (<see cref="SemanticKernelPlugins"/>);
/// what cannot be read is said in the record's assumptions and the loop's detail.
/// </summary>
internal static class SemanticKernelTools
{
    private const string FunctionChoiceBehavior = "Microsoft.SemanticKernel.FunctionChoiceBehavior";
    private const string ToolCallBehavior = "Microsoft.SemanticKernel.Connectors.OpenAI.ToolCallBehavior";

    // ClientCore.ChatCompletion's s_nonInvocableFunctionTool.
    private static readonly ToolValue Placeholder = new(
        StringValue.Literal("NonInvocableTool"),
        StringValue.Literal("A placeholder tool used when no real tools are available"),
        StringValue.Literal("{\"type\":\"object\",\"required\":[],\"properties\":{}}"));

    /// <summary>
    /// Adds the advertised functions to <paramref name="site"/>. <paramref name="kernel"/> is the kernel the call is made with
    /// (null when it passes none); <paramref name="kernelElsewhere"/> describes kernels that are not known here (a prompt
    /// function runs on the kernels it is invoked with).
    /// </summary>
    public static void Apply(PromptCallSite site, IOperation? settings, IOperation? kernel, string? kernelElsewhere, IInvocationOperation invocation, RecognitionContext context)
    {
        if (settings is null || Advertised(settings, invocation, context) is not { } advertised)
        {
            return;
        }

        var plugins = new KernelPluginSet();
        if (kernelElsewhere is not null)
        {
            plugins.Unread.Add(kernelElsewhere);
        }
        else if (kernel is not null && !IsNull(kernel))
        {
            plugins = SemanticKernelPlugins.Of(kernel, invocation, context);
        }

        var tools = advertised.Listed is null
            ? plugins.Functions.Select(f => f.Tool).ToList()
            : advertised.Listed.Select(element => Listed(element, plugins, context)).ToList();
        var unread = advertised.Listed is null ? plugins.Unread : new List<string>();
        if (tools.Count == 0 && unread.Count == 0)
        {
            tools.Add(Placeholder);
        }

        site.Tools.AddRange(tools);
        site.ToolChoice = tools.Count == 1 && ReferenceEquals(tools[0], Placeholder) ? ToolChoiceMode.None : advertised.Choice;
        var known = tools.Count(t => t.UnknownPart is null && !ReferenceEquals(t, Placeholder));
        string statement;
        if (unread.Count > 0)
        {
            statement = "not counted as tool definitions (not read): " + string.Join("; ", unread);
            site.NotCounted.Add(advertised.Shape + " advertises kernel functions " + statement);
        }
        else
        {
            statement = known == 1 ? "1 kernel function definition counted in every call's input" : known + " kernel function definitions counted in every call's input";
        }

        if (site.Loop is { } loop)
        {
            site.Loop = new ToolLoop(loop.Cap, loop.Source, loop.Detail + "; " + statement, loop.SettingName, loop.Fix, loop.FixLocation);
        }
    }

    private sealed class Advertisement
    {
        public Advertisement(string shape, ToolChoiceMode choice, List<IOperation>? listed)
        {
            Shape = shape;
            Choice = choice;
            Listed = listed;
        }

        public string Shape { get; }

        public ToolChoiceMode Choice { get; }

        /// <summary>The functions the behavior names; null for all of the kernel's.</summary>
        public List<IOperation>? Listed { get; }
    }

    private static Advertisement? Advertised(IOperation settings, IInvocationOperation site, RecognitionContext context)
    {
        if (context.PropertyValue(settings, "FunctionChoiceBehavior", site) is { } choice && !IsNull(choice))
        {
            var definition = context.Tracker.Definition(choice, context.CancellationToken);
            if (definition is IInvocationOperation call && context.Types.Is(call.TargetMethod.ContainingType, FunctionChoiceBehavior))
            {
                var mode = call.TargetMethod.Name switch
                {
                    "Auto" => ToolChoiceMode.Auto,
                    "Required" => ToolChoiceMode.Any,
                    "None" => ToolChoiceMode.None,
                    _ => ToolChoiceMode.NotKnown,
                };
                return new Advertisement("FunctionChoiceBehavior." + call.TargetMethod.Name + "()", mode, ListedFunctions(RecognitionContext.Argument(call, "functions"), site, context));
            }

            // A behavior the code does not show: every behavior advertises the kernel's functions.
            return new Advertisement("FunctionChoiceBehavior '" + SegmentName.Shorten(choice.Syntax.ToString()) + "'", ToolChoiceMode.NotKnown, null);
        }

        if (context.PropertyValue(settings, "ToolCallBehavior", site) is not { } behavior || IsNull(behavior))
        {
            return null;
        }

        switch (context.Tracker.Definition(behavior, context.CancellationToken))
        {
            case IPropertyReferenceOperation { Property.Name: "AutoInvokeKernelFunctions" or "EnableKernelFunctions" } property when context.Types.Is(property.Property.ContainingType, ToolCallBehavior):
                return new Advertisement("ToolCallBehavior." + property.Property.Name, ToolChoiceMode.Auto, null);
            case IInvocationOperation { TargetMethod.Name: "EnableFunctions" } call when context.Types.Is(call.TargetMethod.ContainingType, ToolCallBehavior):
                return new Advertisement("ToolCallBehavior.EnableFunctions(…)", ToolChoiceMode.Auto, ListedFunctions(RecognitionContext.Argument(call, "functions"), site, context) ?? new List<IOperation>());
            case IInvocationOperation { TargetMethod.Name: "RequireFunction" } call when context.Types.Is(call.TargetMethod.ContainingType, ToolCallBehavior):
                return new Advertisement("ToolCallBehavior.RequireFunction(…)", ToolChoiceMode.Tool,
                    RecognitionContext.Argument(call, "function") is { } function ? new List<IOperation> { function } : new List<IOperation>());
            default:
                return new Advertisement("ToolCallBehavior '" + SegmentName.Shorten(behavior.Syntax.ToString()) + "'", ToolChoiceMode.NotKnown, null);
        }
    }

    // `functions: [f, g]`: the elements; not given or null: all of the kernel's (null); a list not in view: one unknown element.
    private static List<IOperation>? ListedFunctions(IOperation? functions, IOperation site, RecognitionContext context)
    {
        if (functions is null || IsNull(functions))
        {
            return null;
        }

        var elements = context.Elements(functions, site);
        return elements.Count > 0 || IsEmpty(functions, context) ? elements : new List<IOperation> { functions };
    }

    // A listed function: `kernel.Plugins.GetFunction("Plugin", "Function")` or `kernel.Plugins["Plugin"]["Function"]`, found
    // among the kernel's read functions (names compared as Semantic Kernel does, ignoring case); anything else is a tool
    // the code does not show (an unbounded part, never zero tokens).
    private static ToolValue Listed(IOperation element, KernelPluginSet plugins, RecognitionContext context)
    {
        var (plugin, function) = context.Tracker.Definition(element, context.CancellationToken) switch
        {
            IInvocationOperation { TargetMethod.Name: "GetFunction" } get => (RecognitionContext.Argument(get, "pluginName"), RecognitionContext.Argument(get, "functionName")),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } pluginIndexer } functionIndexer
                => (pluginIndexer.Arguments[0].Value, functionIndexer.Arguments[0].Value),
            _ => (null, null),
        };
        if (function is not null && context.Text(function) is { IsConstant: true } functionName)
        {
            var pluginName = plugin is null ? null : context.Text(plugin);
            var match = plugins.Functions.FirstOrDefault(f => string.Equals(f.FunctionName, functionName.StaticText, System.StringComparison.OrdinalIgnoreCase)
                && (pluginName is null || (pluginName.IsConstant && string.Equals(f.PluginName, pluginName.StaticText, System.StringComparison.OrdinalIgnoreCase))));
            if (match is not null)
            {
                return match.Tool;
            }
        }

        return ToolValue.Unknown(element.Syntax.ToString());
    }

    private static bool IsEmpty(IOperation collection, RecognitionContext context) =>
        context.Tracker.Definition(collection, context.CancellationToken) switch
        {
            IArrayCreationOperation array => array.Initializer is null || array.Initializer.ElementValues.Length == 0,
            IObjectCreationOperation creation => creation.Initializer is null || creation.Initializer.Initializers.Length == 0,
            var other => other.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax { Elements.Count: 0 },
        };

    private static bool IsNull(IOperation value) => ValueTracker.Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
}
