using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>One function of a kernel plugin and the tool definition Semantic Kernel's OpenAI connector sends for it.</summary>
internal sealed class KernelFunctionTool
{
    public KernelFunctionTool(string? pluginName, string functionName, ToolValue tool)
    {
        PluginName = pluginName;
        FunctionName = functionName;
        Tool = tool;
    }

    /// <summary>The plugin's name; null when the code names it with a value that is not a constant.</summary>
    public string? PluginName { get; }

    public string FunctionName { get; }

    public ToolValue Tool { get; }
}

/// <summary>
/// The functions Semantic Kernel 1.x makes of a plugin type (<c>KernelPluginFactory.CreateFromObject</c>): every method,
/// public or not, of the type and its bases (a base's private ones aside) with <c>[KernelFunction]</c>. A function is
/// named by the attribute's argument, else by the method's name with characters other than [0-9A-Za-z_] replaced by '_'
/// and, for a method returning Task, ValueTask or IAsyncEnumerable, an "Async" suffix removed (<c>KernelFunctionFromMethod</c>).
/// The OpenAI connector advertises it as <c>Plugin-Function</c> (<c>OpenAIFunction.NameSeparator</c>), with the method's
/// <c>[Description]</c> and a schema of its parameters (<see cref="ParameterSchemaStyle.SemanticKernel"/>).
/// </summary>
internal static class KernelFunctionTools
{
    private const string KernelFunctionAttribute = "Microsoft.SemanticKernel.KernelFunctionAttribute";
    private const string NameSeparator = "-";

    /// <summary>The plugin name Semantic Kernel gives a type when the code gives none (<c>KernelPluginFactory.CreatePluginName</c>).</summary>
    public static string DefaultPluginName(INamedTypeSymbol type)
    {
        var name = new StringBuilder(type.Name);
        foreach (var argument in type.TypeArguments)
        {
            name.Append('_').Append(argument.Name);
        }

        return ParameterSchemaStyle.SemanticKernelName(name.ToString());
    }

    /// <summary>The functions of <paramref name="type"/> in a plugin named <paramref name="pluginName"/> (its value as the code gives it).</summary>
    public static List<KernelFunctionTool> Of(INamedTypeSymbol type, StringValue pluginName)
    {
        var tools = new List<KernelFunctionTool>();
        var overridden = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method
                    || overridden.Contains(method.OriginalDefinition)
                    || (method.DeclaredAccessibility == Accessibility.Private && !SymbolEqualityComparer.Default.Equals(current, type)))
                {
                    continue;
                }

                for (var overriddenMethod = method.OverriddenMethod; overriddenMethod is not null; overriddenMethod = overriddenMethod.OverriddenMethod)
                {
                    overridden.Add(overriddenMethod.OriginalDefinition);
                }

                if (FunctionAttribute(method) is not { } attribute)
                {
                    continue;
                }

                var functionName = FunctionName(method, attribute);
                var name = pluginName.IsConstant
                    ? StringValue.Literal((pluginName.StaticText.Length == 0 ? "" : pluginName.StaticText + NameSeparator) + functionName)
                    : Concat(pluginName, NameSeparator + functionName);
                var tool = new ToolValue(name, StringValue.Literal(ToolDefinitions.Description(method) ?? ""),
                    StringValue.Literal(ToolDefinitions.ParameterSchema(method, ParameterSchemaStyle.SemanticKernel)));
                tools.Add(new KernelFunctionTool(pluginName.IsConstant ? pluginName.StaticText : null, functionName, tool));
            }
        }

        return tools;
    }

    // [KernelFunction] on the method or on a method it overrides (GetCustomAttribute inherits it).
    private static AttributeData? FunctionAttribute(IMethodSymbol method)
    {
        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == KernelFunctionAttribute)
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static string FunctionName(IMethodSymbol method, AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string given && given.Trim().Length > 0)
        {
            return given.Trim();
        }

        var name = ParameterSchemaStyle.SemanticKernelName(method.Name);
        return IsAsync(method.ReturnType) && name.EndsWith("Async", System.StringComparison.Ordinal) && name.Length > "Async".Length
            ? name.Substring(0, name.Length - "Async".Length)
            : name;
    }

    private static bool IsAsync(ITypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask"
            or "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>" or "System.Collections.Generic.IAsyncEnumerable<T>";

    private static StringValue Concat(StringValue first, string literal)
    {
        var parts = new JsonParts();
        parts.Append(first);
        parts.Literal(literal);
        return parts.ToValue();
    }
}
