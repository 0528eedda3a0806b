using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// A value whose printed text is bounded by its type: numbers, <c>bool</c>, <c>char</c>, <c>Guid</c>, dates and
/// times, enums, and their nullable forms (null prints nothing). The texts are
/// <see cref="FormattedValueTexts"/>'; the estimator counts them with the call's tokenizer.
/// </summary>
internal sealed class TypeBound
{
    private TypeBound(string typeName, IReadOnlyList<string> texts)
    {
        TypeName = typeName;
        Texts = texts;
    }

    /// <summary>The type as the report names it: <c>int</c>, <c>DateTime</c>, <c>Color</c>.</summary>
    public string TypeName { get; }

    public IReadOnlyList<string> Texts { get; }

    /// <summary>Where the bound comes from, for reports: <c>type int</c>, <c>type double:N2</c>.</summary>
    public string Source(string? format, int alignment) =>
        "type " + TypeName + (alignment != 0 ? "," + alignment.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + (string.IsNullOrEmpty(format) ? "" : ":" + format);

    /// <summary>The bound of a value of <paramref name="type"/> printed with <paramref name="format"/> and <paramref name="alignment"/>; null when it has none.</summary>
    public static TypeBound? For(ITypeSymbol? type, string? format = null, int alignment = 0)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            var key = Key(underlying);
            if (key is null)
            {
                return null;
            }

            var names = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToList();
            var flags = enumType.GetAttributes().Any(a => a.AttributeClass?.Name == "FlagsAttribute");
            var enumTexts = FormattedValueTexts.ForEnum(names, flags, key, format, alignment);
            return enumTexts is null ? null : new TypeBound(enumType.Name, enumTexts);
        }

        var typeKey = Key(type);
        if (typeKey is null)
        {
            return null;
        }

        var texts = FormattedValueTexts.For(typeKey, format, alignment);
        return texts is null ? null : new TypeBound(typeKey, texts);
    }

    private static string? Key(ITypeSymbol? type)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_SByte: return "sbyte";
            case SpecialType.System_Byte: return "byte";
            case SpecialType.System_Int16: return "short";
            case SpecialType.System_UInt16: return "ushort";
            case SpecialType.System_Int32: return "int";
            case SpecialType.System_UInt32: return "uint";
            case SpecialType.System_Int64: return "long";
            case SpecialType.System_UInt64: return "ulong";
            case SpecialType.System_Boolean: return "bool";
            case SpecialType.System_Char: return "char";
            case SpecialType.System_Decimal: return "decimal";
            case SpecialType.System_Double: return "double";
            case SpecialType.System_Single: return "float";
            case SpecialType.System_DateTime: return "DateTime";
        }

        if (type is INamedTypeSymbol { ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } named
            && named.Name is "Guid" or "DateTimeOffset" or "TimeSpan")
        {
            return named.Name;
        }

        return null;
    }
}
