using System;
using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Reads <c>[PromptBound(n)]</c>: the largest size, in tokens, of a value that flows into a prompt.
/// Matched by name (any namespace), so users may declare the attribute themselves or use the one
/// the package adds as source.
/// </summary>
internal static class PromptBoundReader
{
    public static long? Read(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return null;
        }

        foreach (var attribute in symbol is IMethodSymbol method ? Concat(method.GetAttributes(), method.GetReturnTypeAttributes()) : symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is not ("PromptBoundAttribute" or "PromptBound") || attribute.ConstructorArguments.Length == 0)
            {
                continue;
            }

            var value = attribute.ConstructorArguments[0].Value;
            // Returned as declared, negative or huge too: a DynamicPart keeps a bound outside the sane range
            // as RejectedBound (reported as PB1010, the part counted as unbounded), so it never vanishes silently.
            switch (value)
            {
                case int i:
                    return i;
                case long l:
                    return l;
            }
        }

        return null;
    }

    private static System.Collections.Generic.IEnumerable<AttributeData> Concat(
        System.Collections.Immutable.ImmutableArray<AttributeData> first,
        System.Collections.Immutable.ImmutableArray<AttributeData> second)
    {
        foreach (var a in first)
        {
            yield return a;
        }

        foreach (var a in second)
        {
            yield return a;
        }
    }
}
