using System.Globalization;
using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Where the JSON schemas two libraries write for a method's parameters differ (both use Microsoft.Extensions.AI's
/// <c>AIJsonUtilities.CreateJsonSchema</c>): which parameters the library binds itself (not advertised), whether a
/// nullable reference type is <c>[type,"null"]</c>, how nested properties are named, and whether a default value is
/// written into the description.
/// </summary>
internal sealed class ParameterSchemaStyle
{
    /// <summary>
    /// <c>AIFunctionFactory.Create</c>: binds CancellationToken, IServiceProvider and AIFunctionArguments; reads nullable
    /// annotations; camel-cases properties (its default serializer options are the web defaults).
    /// </summary>
    public static readonly ParameterSchemaStyle ExtensionsAI = new(
        parameter => parameter.Type.ToDisplayString() is "System.Threading.CancellationToken" or "System.IServiceProvider" or "Microsoft.Extensions.AI.AIFunctionArguments",
        nullableReferences: true,
        camelCaseProperties: true,
        defaultValueInDescription: false,
        sanitizeNames: false);

    /// <summary>
    /// Semantic Kernel's <c>KernelFunctionFromMethod</c> (1.x): binds Kernel, KernelFunction, KernelArguments, ILoggerFactory,
    /// ILogger, IAIServiceSelector, CultureInfo, IFormatProvider, CancellationToken and <c>[FromKernelServices]</c> parameters;
    /// builds each schema from the parameter's runtime type (no nullable reference annotations) with its own serializer
    /// options (properties as declared); appends <c>(default value: x)</c> to the description of a parameter with a default
    /// (<c>KernelParameterMetadata.InferSchema</c>).
    /// </summary>
    public static readonly ParameterSchemaStyle SemanticKernel = new(
        parameter => parameter.Type.ToDisplayString() is "Microsoft.SemanticKernel.Kernel" or "Microsoft.SemanticKernel.KernelFunction"
                         or "Microsoft.SemanticKernel.KernelArguments" or "Microsoft.Extensions.Logging.ILoggerFactory" or "Microsoft.Extensions.Logging.ILogger"
                         or "Microsoft.SemanticKernel.IAIServiceSelector" or "System.Globalization.CultureInfo" or "System.IFormatProvider"
                         or "System.Threading.CancellationToken"
                     || HasAttribute(parameter, "Microsoft.SemanticKernel.FromKernelServicesAttribute"),
        nullableReferences: false,
        camelCaseProperties: false,
        defaultValueInDescription: true,
        sanitizeNames: true);

    private readonly System.Func<IParameterSymbol, bool> _isBound;
    private readonly bool _defaultValueInDescription;
    private readonly bool _sanitizeNames;

    private ParameterSchemaStyle(System.Func<IParameterSymbol, bool> isBound, bool nullableReferences, bool camelCaseProperties, bool defaultValueInDescription, bool sanitizeNames)
    {
        _sanitizeNames = sanitizeNames;
        _isBound = isBound;
        NullableReferences = nullableReferences;
        CamelCaseProperties = camelCaseProperties;
        _defaultValueInDescription = defaultValueInDescription;
    }

    public bool NullableReferences { get; }

    public bool CamelCaseProperties { get; }

    public bool IsBoundByLibrary(IParameterSymbol parameter) => _isBound(parameter);

    /// <summary>The property name of a parameter: Semantic Kernel replaces characters other than ASCII letters, digits and '_' (a verbatim @name keeps its name).</summary>
    public string ParameterName(IParameterSymbol parameter) => _sanitizeNames ? SemanticKernelName(parameter.Name) : parameter.Name;

    public string? ParameterDescription(IParameterSymbol parameter, string? description)
    {
        if (!_defaultValueInDescription || !parameter.HasExplicitDefaultValue || DefaultText(parameter) is not { } value || value.Trim().Length == 0)
        {
            return description;
        }

        return (string.IsNullOrWhiteSpace(description) ? description ?? "" : description + " ") + "(default value: " + value + ")";
    }

    /// <summary>Semantic Kernel's <c>SanitizeMetadataName</c>: every character other than [0-9A-Za-z_] becomes '_'.</summary>
    public static string SemanticKernelName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    // `parameter.DefaultValue?.ToString()`, as Semantic Kernel writes it (an enum by its member's name; numbers as the invariant culture writes them).
    private static string? DefaultText(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return null;
        }

        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : parameter.Type;
        if (type.TypeKind == TypeKind.Enum)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                {
                    return field.Name;
                }
            }
        }

        return value switch
        {
            bool flag => flag ? "True" : "False",
            System.IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private static bool HasAttribute(IParameterSymbol parameter, string metadataName)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return true;
            }
        }

        return false;
    }
}
