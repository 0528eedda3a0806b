using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Reads <c>PromptBudget.PromptBound.Tokens(value, n)</c>: the way to declare a bound where an attribute cannot
/// go (a local, a <c>ChatHistory</c>, a <c>StringBuilder</c>, any expression). The method returns its value
/// unchanged. Matched by name (a static <c>Tokens</c> of a type named <c>PromptBound</c>, any namespace), like
/// the attribute, so the package's source copy and a user's own declaration both work.
/// </summary>
internal static class PromptBoundCall
{
    /// <summary>The bound's source as reports show it.</summary>
    public const string Source = "PromptBound.Tokens";

    /// <summary>
    /// Whether <paramref name="operation"/> (conversions stripped) is such a call; <paramref name="maxTokens"/>
    /// is its bound when that is a constant, else null.
    /// </summary>
    public static bool TryRead(IOperation? operation, out IOperation value, out long? maxTokens)
    {
        value = null!;
        maxTokens = null;
        if (operation is null || ValueTracker.Unwrap(operation) is not IInvocationOperation invocation)
        {
            return false;
        }

        var method = invocation.TargetMethod;
        if (!method.IsStatic || method.Name != "Tokens" || method.ContainingType?.Name != "PromptBound" || invocation.Arguments.Length != 2)
        {
            return false;
        }

        IOperation? bound = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                value = argument.Value;
            }
            else
            {
                bound = argument.Value;
            }
        }

        if (value is null)
        {
            return false;
        }

        maxTokens = bound?.ConstantValue is { HasValue: true } constant
            ? constant.Value switch
            {
                int i => i,
                long l => l,
                _ => null,
            }
            : null;
        return true;
    }
}
