using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Reads the function tools a call declares, for the chat recognizers: OpenAI's <c>ChatCompletionOptions.Tools</c>
/// (<c>ChatTool.CreateFunctionTool(name, description, BinaryData)</c>), Microsoft.Extensions.AI's
/// <c>ChatOptions.Tools</c> (<c>AIFunctionFactory.Create(method or lambda, name?, description?)</c>, whose JSON schema
/// is derived here from the method's parameters and <c>[Description]</c> attributes) and Anthropic's
/// <c>MessageCreateParams.Tools</c> (<c>new Tool { Name, Description, InputSchema }</c>). A tool or tool list the code
/// does not show becomes an unbounded part (PB1007 unless bounded), never zero tokens.
/// </summary>
internal static class ToolDefinitions
{
    private const string ChatTool = "OpenAI.Chat.ChatTool";
    private const string AIFunctionFactory = "Microsoft.Extensions.AI.AIFunctionFactory";
    private const string DescriptionAttribute = "System.ComponentModel.DescriptionAttribute";

    /// <summary>OpenAI .NET: <c>options.Tools</c> from its initializer (<c>Tools = { … }</c>) and <c>options.Tools.Add(…)</c>.</summary>
    public static void ReadOpenAI(PromptCallSite site, IOperation? options, IOperation call, RecognitionContext context)
    {
        if (options is null)
        {
            return;
        }

        foreach (var element in CollectionMember(options, "Tools", call, context))
        {
            site.Tools.Add(OpenAITool(element, context));
        }

        if (context.PropertyValue(options, "ToolChoice", call) is { } choice)
        {
            site.ToolChoice = ChoiceByName(choice, context, ("CreateAutoChoice", ToolChoiceMode.Auto), ("CreateNoneChoice", ToolChoiceMode.None),
                ("CreateRequiredChoice", ToolChoiceMode.Any), ("CreateFunctionChoice", ToolChoiceMode.Tool));
        }
    }

    /// <summary>Microsoft.Extensions.AI: <c>ChatOptions.Tools</c> (a list or collection expression) and <c>ToolMode</c>.</summary>
    public static void ReadExtensionsAI(PromptCallSite site, IOperation? options, IOperation call, RecognitionContext context)
    {
        if (options is null)
        {
            return;
        }

        foreach (var element in CollectionMember(options, "Tools", call, context))
        {
            site.Tools.Add(ExtensionsAITool(element, context));
        }

        if (context.PropertyValue(options, "ToolMode", call) is { } mode)
        {
            site.ToolChoice = ChoiceByName(mode, context, ("Auto", ToolChoiceMode.Auto), ("None", ToolChoiceMode.None),
                ("RequireAny", ToolChoiceMode.Any), ("RequireSpecific", ToolChoiceMode.Tool));
        }
    }

    /// <summary>Anthropic: <c>MessageCreateParams.Tools</c> and <c>ToolChoice</c>.</summary>
    public static void ReadAnthropic(PromptCallSite site, IOperation parameters, IOperation call, RecognitionContext context)
    {
        foreach (var element in CollectionMember(parameters, "Tools", call, context))
        {
            site.Tools.Add(AnthropicTool(element, call, context));
        }

        if (context.PropertyValue(parameters, "ToolChoice", call) is { } choice)
        {
            site.ToolChoice = context.Tracker.Definition(choice, context.CancellationToken) is IObjectCreationOperation { Type.Name: { } name }
                ? name switch
                {
                    "ToolChoiceAuto" => ToolChoiceMode.Auto,
                    "ToolChoiceNone" => ToolChoiceMode.None,
                    "ToolChoiceAny" => ToolChoiceMode.Any,
                    "ToolChoiceTool" => ToolChoiceMode.Tool,
                    _ => ToolChoiceMode.NotKnown,
                }
                : ToolChoiceMode.NotKnown;
        }
    }

    // The elements of a collection property: assigned (`Tools = [...]`, `Tools = list`), filled in the
    // initializer (`Tools = { a, b }`) or added later (`options.Tools.Add(a)`). A value that is not a
    // collection the code builds in view is one unknown tool list.
    private static List<IOperation> CollectionMember(IOperation owner, string property, IOperation call, RecognitionContext context)
    {
        var elements = new List<IOperation>();
        if (context.Tracker.Definition(owner, context.CancellationToken) is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var init in initializer.Initializers)
            {
                if (init is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation target, Initializer: { } inner } && target.Property.Name == property)
                {
                    foreach (var add in inner.Initializers)
                    {
                        if (add is IInvocationOperation { Arguments.Length: 1 } invocation)
                        {
                            elements.Add(invocation.Arguments[0].Value);
                        }
                    }
                }
            }
        }

        if (context.PropertyValue(owner, property, call) is { } assigned && ValueTracker.Unwrap(assigned) is not ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
        {
            var listed = context.Elements(assigned, call);
            if (listed.Count > 0)
            {
                elements.AddRange(listed);
            }
            else if (!IsEmptyCollection(assigned, context))
            {
                elements.Add(assigned);
            }
        }

        elements.AddRange(context.AddsToMember(owner, property, call));
        return elements;
    }

    private static bool IsEmptyCollection(IOperation value, RecognitionContext context) =>
        context.Tracker.Definition(value, context.CancellationToken) switch
        {
            IObjectCreationOperation creation => creation.Initializer is null || creation.Initializer.Initializers.Length == 0,
            IArrayCreationOperation array => array.Initializer is null || array.Initializer.ElementValues.Length == 0,
            _ => value.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax { Elements.Count: 0 },
        };

    private static ToolChoiceMode ChoiceByName(IOperation value, RecognitionContext context, params (string Name, ToolChoiceMode Mode)[] names)
    {
        var definition = context.Tracker.Definition(value, context.CancellationToken);
        var name = definition switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            IPropertyReferenceOperation property => property.Property.Name,
            IFieldReferenceOperation field => field.Field.Name,
            _ => null,
        };
        foreach (var (candidate, mode) in names)
        {
            if (candidate == name)
            {
                return mode;
            }
        }

        return ToolChoiceMode.NotKnown;
    }

    private static ToolValue OpenAITool(IOperation element, RecognitionContext context)
    {
        if (context.Tracker.Definition(element, context.CancellationToken) is IInvocationOperation { TargetMethod.Name: "CreateFunctionTool" } create
            && context.Types.Is(create.TargetMethod.ContainingType, ChatTool))
        {
            var name = ArgumentAt(create, 0);
            var description = ArgumentAt(create, 1);
            var parameters = ArgumentAt(create, 2);
            return new ToolValue(
                name is null ? StringValue.Empty : context.Text(name),
                description is null ? StringValue.Empty : context.Text(description),
                parameters is null ? null : JsonFromCode.Json(parameters, context));
        }

        return ToolValue.Unknown(element.Syntax.ToString());
    }

    private static ToolValue AnthropicTool(IOperation element, IOperation call, RecognitionContext context)
    {
        if (context.Tracker.Definition(element, context.CancellationToken) is IObjectCreationOperation { Type.Name: "Tool" } creation)
        {
            var name = context.PropertyValue(creation, "Name", call);
            var description = context.PropertyValue(creation, "Description", call);
            var schema = context.PropertyValue(creation, "InputSchema", call);
            return new ToolValue(
                name is null ? StringValue.Empty : context.Text(name),
                description is null ? StringValue.Empty : context.Text(description),
                schema is null ? null : AnthropicSchema(schema, call, context));
        }

        return ToolValue.Unknown(element.Syntax.ToString());
    }

    // new InputSchema { Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) }, Required = ["city"] }
    private static StringValue AnthropicSchema(IOperation schema, IOperation call, RecognitionContext context)
    {
        if (context.Tracker.Definition(schema, context.CancellationToken) is not IObjectCreationOperation { Type.Name: "InputSchema" } creation)
        {
            return StringValue.Dynamic("tool schema: " + SegmentName.Shorten(schema.Syntax.ToString()));
        }

        var parts = new JsonParts();
        parts.Literal("{\"type\":\"object\"");
        if (context.PropertyValue(creation, "Properties", call) is { } properties)
        {
            parts.Literal(",\"properties\":");
            if (context.Tracker.Definition(properties, context.CancellationToken) is IObjectCreationOperation { Initializer: { } entries })
            {
                parts.Literal("{");
                var first = true;
                foreach (var entry in entries.Initializers)
                {
                    var (key, value) = entry switch
                    {
                        IInvocationOperation { Arguments.Length: 2 } add => (add.Arguments[0].Value, add.Arguments[1].Value),
                        ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set => (indexer.Arguments[0].Value, set.Value),
                        _ => (null!, null!),
                    };
                    if (key is null)
                    {
                        continue;
                    }

                    parts.Literal(first ? "" : ",");
                    first = false;
                    parts.Append(JsonFromCode.QuotedString(key, context));
                    parts.Literal(":");
                    parts.Append(JsonFromCode.Json(value, context));
                }

                parts.Literal("}");
            }
            else
            {
                parts.Dynamic("tool schema: " + SegmentName.Shorten(properties.Syntax.ToString()));
            }
        }

        if (context.PropertyValue(creation, "Required", call) is { } required)
        {
            parts.Literal(",\"required\":");
            parts.Append(JsonFromCode.Json(required, context));
        }

        parts.Literal("}");
        return parts.ToValue();
    }

    internal static ToolValue ExtensionsAITool(IOperation element, RecognitionContext context)
    {
        if (context.Tracker.Definition(element, context.CancellationToken) is IInvocationOperation { TargetMethod.Name: "Create" } create
            && context.Types.Is(create.TargetMethod.ContainingType, AIFunctionFactory)
            && create.Arguments.Length > 0 && MethodOf(create.Arguments[0].Value) is { } method)
        {
            var nameArgument = RecognitionContext.Argument(create, "name");
            var descriptionArgument = RecognitionContext.Argument(create, "description");
            if (RecognitionContext.Argument(create, "options") is { } options)
            {
                nameArgument ??= context.PropertyValue(options, "Name", create);
                descriptionArgument ??= context.PropertyValue(options, "Description", create);
            }

            var name = nameArgument is not null && !IsNull(nameArgument) ? context.Text(nameArgument) : StringValue.Literal(FunctionName(method));
            var description = descriptionArgument is not null && !IsNull(descriptionArgument)
                ? context.Text(descriptionArgument)
                : StringValue.Literal(Description(method) ?? "");
            return new ToolValue(name, description, StringValue.Literal(ParameterSchema(method)));
        }

        return ToolValue.Unknown(element.Syntax.ToString());
    }

    private static bool IsNull(IOperation value) => ValueTracker.Unwrap(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

    private static IMethodSymbol? MethodOf(IOperation value) => ValueTracker.Unwrap(value) switch
    {
        IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
        IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
        IMethodReferenceOperation reference => reference.Method,
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        _ => null,
    };

    // M.E.AI names a function after its method; a lambda's compiler name is replaced by a short stand-in here.
    private static string FunctionName(IMethodSymbol method) =>
        method.MethodKind == MethodKind.AnonymousFunction || method.Name.Length == 0 || method.Name[0] == '<' ? "function" : method.Name;

    internal static string? Description(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DescriptionAttribute && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>
    /// The JSON schema AIFunctionFactory would write for the method's parameters, approximately:
    /// <c>{"type":"object","properties":{"p":{"description":…,"type":…}},"required":[…]}</c>, leaving out the
    /// parameters the factory binds itself (CancellationToken, IServiceProvider, AIFunctionArguments). Types map to
    /// JSON types (string, integer, number, boolean, enums as string enums, arrays with their items, nullable as
    /// <c>[type,"null"]</c>, DateTime/Guid/Uri as strings with a format); any other type is an object with its public
    /// properties one level deep. The factory's own schema can differ in wording (it is counted as an estimate).
    /// Semantic Kernel builds its functions' schemas with the same library (<see cref="ParameterSchemaStyle.SemanticKernel"/>
    /// says where it differs).
    /// </summary>
    internal static string ParameterSchema(IMethodSymbol method, ParameterSchemaStyle? style = null)
    {
        style ??= ParameterSchemaStyle.ExtensionsAI;
        var builder = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        var required = new List<string>();
        var first = true;
        foreach (var parameter in method.Parameters)
        {
            if (style.IsBoundByLibrary(parameter))
            {
                continue;
            }

            builder.Append(first ? "" : ",");
            first = false;
            JsonFromCode.AppendString(builder, style.ParameterName(parameter));
            builder.Append(':');
            AppendTypeSchema(builder, parameter.Type, style.ParameterDescription(parameter, Description(parameter)), depth: 0, style);
            if (!parameter.HasExplicitDefaultValue && !parameter.IsOptional)
            {
                required.Add(style.ParameterName(parameter));
            }
        }

        builder.Append('}');
        if (required.Count > 0)
        {
            builder.Append(",\"required\":[");
            for (var i = 0; i < required.Count; i++)
            {
                builder.Append(i > 0 ? "," : "");
                JsonFromCode.AppendString(builder, required[i]);
            }

            builder.Append(']');
        }

        return builder.Append('}').ToString();
    }

    private static void AppendTypeSchema(StringBuilder builder, ITypeSymbol type, string? description, int depth, ParameterSchemaStyle style)
    {
        builder.Append('{');
        if (description is not null)
        {
            builder.Append("\"description\":");
            JsonFromCode.AppendString(builder, description);
            builder.Append(',');
        }

        var nullable = (style.NullableReferences && type.NullableAnnotation == NullableAnnotation.Annotated) || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
        }

        string Type(string json) => nullable ? "[\"" + json + "\",\"null\"]" : "\"" + json + "\"";

        switch (type.SpecialType)
        {
            case SpecialType.System_String or SpecialType.System_Char:
                builder.Append("\"type\":").Append(Type("string"));
                break;
            case SpecialType.System_Boolean:
                builder.Append("\"type\":").Append(Type("boolean"));
                break;
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
                or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                builder.Append("\"type\":").Append(Type("integer"));
                break;
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                builder.Append("\"type\":").Append(Type("number"));
                break;
            case SpecialType.System_DateTime:
                builder.Append("\"type\":").Append(Type("string")).Append(",\"format\":\"date-time\"");
                break;
            default:
                if (type.TypeKind == TypeKind.Enum)
                {
                    builder.Append("\"type\":").Append(Type("string")).Append(",\"enum\":[");
                    var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst).ToList();
                    for (var i = 0; i < members.Count; i++)
                    {
                        builder.Append(i > 0 ? "," : "");
                        JsonFromCode.AppendString(builder, members[i].Name);
                    }

                    builder.Append(']');
                }
                else if (ElementType(type) is { } element)
                {
                    builder.Append("\"type\":").Append(Type("array")).Append(",\"items\":");
                    AppendTypeSchema(builder, element, null, depth + 1, style);
                }
                else if (type.ToDisplayString() is "System.Guid" or "System.Uri" or "System.DateTimeOffset" or "System.TimeSpan" or "System.DateOnly" or "System.TimeOnly")
                {
                    builder.Append("\"type\":").Append(Type("string")).Append(",\"format\":\"").Append(type.Name.ToLowerInvariant()).Append('"');
                }
                else
                {
                    builder.Append("\"type\":").Append(Type("object"));
                    if (depth < 2 && type is INamedTypeSymbol named && named.TypeKind is TypeKind.Class or TypeKind.Struct)
                    {
                        builder.Append(",\"properties\":{");
                        var properties = named.GetMembers().OfType<IPropertySymbol>().Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer).ToList();
                        for (var i = 0; i < properties.Count; i++)
                        {
                            builder.Append(i > 0 ? "," : "");
                            JsonFromCode.AppendString(builder, style.CamelCaseProperties ? char.ToLowerInvariant(properties[i].Name[0]) + properties[i].Name.Substring(1) : properties[i].Name);
                            builder.Append(':');
                            AppendTypeSchema(builder, properties[i].Type, Description(properties[i]), depth + 1, style);
                        }

                        builder.Append('}');
                    }
                }

                break;
        }

        builder.Append('}');
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        foreach (var candidate in new[] { type }.Concat(type.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { IsGenericType: true } generic && generic.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return generic.TypeArguments[0];
            }
        }

        return null;
    }

    private static IOperation? ArgumentAt(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNull(argument.Value))
            {
                return argument.Value;
            }
        }

        return null;
    }
}
