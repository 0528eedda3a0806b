using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// JSON text that code builds for a tool schema, as a string value: a JSON string (followed like any prompt
/// text), <c>BinaryData.FromString/FromBytes/FromObjectAsJson</c>, <c>new BinaryData(…)</c>, UTF-8 literals and
/// <c>Encoding.UTF8.GetBytes(…)</c>, <c>JsonSerializer.SerializeToElement(new { … })</c>,
/// <c>JsonDocument.Parse(…).RootElement</c>, anonymous objects and arrays of constants. What cannot be
/// followed is a dynamic part named after the code.
/// </summary>
internal static class JsonFromCode
{
    /// <summary>The JSON document <paramref name="operation"/> produces.</summary>
    public static StringValue Json(IOperation operation, RecognitionContext context, int depth = 0)
    {
        var unwrapped = ValueTracker.Unwrap(operation);
        if (depth > 8)
        {
            return Unknown(operation);
        }

        if (unwrapped.Type?.SpecialType == SpecialType.System_String)
        {
            return context.Text(unwrapped);
        }

        var definition = context.Tracker.Definition(unwrapped, context.CancellationToken);
        switch (definition)
        {
            case IUtf8StringOperation utf8:
                return StringValue.Literal(utf8.Value);
            case IInvocationOperation { TargetMethod.Name: "FromString" or "FromBytes" or "GetBytes" or "Parse", Arguments.Length: > 0 } read:
                return Json(read.Arguments[0].Value, context, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "ToArray" or "AsMemory" or "AsSpan", Instance: { } bytes }:
                return Json(bytes, context, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "FromObjectAsJson" or "SerializeToElement" or "SerializeToDocument" or "SerializeToNode" or "Serialize", Arguments.Length: > 0 } serialize:
                return Value(serialize.Arguments[0].Value, context, depth + 1);
            case IPropertyReferenceOperation { Property.Name: "RootElement", Instance: { } document }:
                return Json(document, context, depth + 1);
            case IObjectCreationOperation { Type.Name: "BinaryData", Arguments.Length: > 0 } data:
                return Json(data.Arguments[0].Value, context, depth + 1);
            case IAnonymousObjectCreationOperation or IArrayCreationOperation:
                return Value(definition, context, depth + 1);
            default:
                if (definition.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax)
                {
                    return Value(definition, context, depth + 1);
                }

                return Unknown(operation);
        }
    }

    /// <summary>A C# value written as JSON: constants, anonymous objects, arrays and collection expressions.</summary>
    public static StringValue Value(IOperation operation, RecognitionContext context, int depth = 0)
    {
        var unwrapped = ValueTracker.Unwrap(operation);
        if (depth > 8)
        {
            return Unknown(operation);
        }

        if (unwrapped.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value switch
            {
                null => StringValue.Literal("null"),
                string text => StringValue.Literal(Quoted(text)),
                bool flag => StringValue.Literal(flag ? "true" : "false"),
                char c => StringValue.Literal(Quoted(c.ToString())),
                System.IFormattable number => StringValue.Literal(number.ToString(null, CultureInfo.InvariantCulture)),
                _ => Unknown(operation),
            };
        }

        if (unwrapped.Type?.SpecialType == SpecialType.System_String)
        {
            return QuotedString(unwrapped, context);
        }

        var definition = context.Tracker.Definition(unwrapped, context.CancellationToken);
        var parts = new JsonParts();
        switch (definition)
        {
            case IAnonymousObjectCreationOperation anonymous:
                parts.Literal("{");
                for (var i = 0; i < anonymous.Initializers.Length; i++)
                {
                    if (anonymous.Initializers[i] is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    {
                        return Unknown(operation);
                    }

                    parts.Literal((i > 0 ? "," : "") + Quoted(property.Property.Name) + ":");
                    parts.Append(Value(assignment.Value, context, depth + 1));
                }

                parts.Literal("}");
                return parts.ToValue();
            case IArrayCreationOperation { Initializer: { } initializer }:
                return Array(initializer.ElementValues, context, depth);
            default:
                if (definition.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax)
                {
                    var elements = context.Elements(definition, definition);
                    if (elements.Count > 0 || definition.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax { Elements.Count: 0 })
                    {
                        return Array(elements, context, depth);
                    }
                }

                // A JSON value made some other way (JsonDocument.Parse(…).RootElement inside an object).
                return Json(definition, context, depth + 1);
        }
    }

    private static StringValue Array(IEnumerable<IOperation> elements, RecognitionContext context, int depth)
    {
        var parts = new JsonParts();
        parts.Literal("[");
        var first = true;
        foreach (var element in elements)
        {
            parts.Literal(first ? "" : ",");
            first = false;
            parts.Append(Value(element, context, depth + 1));
        }

        parts.Literal("]");
        return parts.ToValue();
    }

    /// <summary>A string expression as a JSON string: its known text escaped, its dynamic parts kept.</summary>
    public static StringValue QuotedString(IOperation operation, RecognitionContext context)
    {
        var text = context.Text(operation);
        var parts = new JsonParts();
        parts.Literal("\"");
        foreach (var part in text.Parts)
        {
            if (part is LiteralPart literal)
            {
                var builder = new StringBuilder();
                AppendEscaped(builder, literal.Text);
                parts.Literal(builder.ToString());
            }
            else
            {
                parts.Add(part);
            }
        }

        parts.Literal("\"");
        return parts.ToValue();
    }

    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        AppendEscaped(builder, text);
        builder.Append('"');
    }

    private static string Quoted(string text)
    {
        var builder = new StringBuilder();
        AppendString(builder, text);
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text) => Core.Json.CompactJson.AppendEscaped(builder, text);

    private static StringValue Unknown(IOperation operation) => StringValue.Dynamic("tool schema: " + SegmentName.Shorten(operation.Syntax.ToString()));
}

/// <summary>Builds a string value from JSON pieces and dynamic parts, joining adjacent literals.</summary>
internal sealed class JsonParts
{
    private readonly List<StringPart> _parts = new();
    private readonly StringBuilder _pending = new();

    public void Literal(string text) => _pending.Append(text);

    public void Dynamic(string name) => Add(new DynamicPart(name, null, null));

    public void Add(StringPart part)
    {
        if (part is LiteralPart literal)
        {
            _pending.Append(literal.Text);
            return;
        }

        Flush();
        _parts.Add(part);
    }

    public void Append(StringValue value)
    {
        foreach (var part in value.Parts)
        {
            Add(part);
        }
    }

    public StringValue ToValue()
    {
        Flush();
        return new StringValue(_parts);
    }

    private void Flush()
    {
        if (_pending.Length > 0)
        {
            _parts.Add(new LiteralPart(_pending.ToString()));
            _pending.Clear();
        }
    }
}
