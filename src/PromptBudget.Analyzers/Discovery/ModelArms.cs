using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// A client, service or kernel chosen by an expression: <c>flag ? a : b</c>, <c>a ?? b</c>, a <c>switch</c> expression.
/// A condition that is a constant (a <c>const</c>, a local assigned once with a constant, <c>!</c> of one) picks its
/// arm; <c>null ?? b</c> is <c>b</c>; otherwise each arm's model is read and, when they disagree, the most expensive is
/// the worst case (said in the detail). An arm that cannot be read makes the whole unknown, naming the arm.
/// </summary>
internal static class ModelArms
{
    /// <summary>How many choices inside choices (through locals and fields) are followed for one value.</summary>
    public const int MaxDepth = 4;

    /// <summary>The arms <paramref name="definition"/> chooses between and how it is named; null when it is no choice.</summary>
    public static (List<IOperation> Arms, string What)? Arms(IOperation definition, RecognitionContext context)
    {
        var text = Code(definition);
        switch (definition)
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return ConstantBool(conditional.Condition, context, 0) is { } picked
                    ? (new List<IOperation> { picked ? conditional.WhenTrue : whenFalse }, $"the arm the constant condition '{Code(conditional.Condition)}' ({(picked ? "true" : "false")}) picks in '{text}'")
                    : (new List<IOperation> { conditional.WhenTrue, whenFalse }, $"the arms of the conditional expression '{text}'");
            case ICoalesceOperation coalesce:
                return IsNull(coalesce.Value, context)
                    ? (new List<IOperation> { coalesce.WhenNull }, $"the right side of '{text}' (the left is null)")
                    : (new List<IOperation> { coalesce.Value, coalesce.WhenNull }, $"the sides of the ?? expression '{text}'");
            case ISwitchExpressionOperation switchExpression when switchExpression.Arms.Length > 0:
                return (switchExpression.Arms.Select(a => a.Value).ToList(), $"the arms of the switch expression '{text}'");
            default:
                return null;
        }
    }

    /// <summary>The model a choice gives (see the class); null when <paramref name="definition"/> is no choice.</summary>
    public static ModelReference? Of(IOperation definition, Func<IOperation, ModelReference> ofArm, RecognitionContext context)
    {
        if (Arms(definition, context) is not { } choice)
        {
            return null;
        }

        if (!context.EnterChoice(MaxDepth))
        {
            return ModelReference.Unknown(Code(definition), $"{choice.What}: choices inside choices are followed {MaxDepth} deep, no deeper");
        }

        try
        {
            if (choice.Arms.Count == 1)
            {
                var only = ofArm(choice.Arms[0]);
                return only.IsKnown && only.Detail is null ? new ModelReference(only.Name, only.Origin, only.Expression, choice.What) : only;
            }

            var candidates = choice.Arms.Select(arm => (Where: "'" + Code(arm) + "'", Model: ofArm(arm))).ToList();
            return context.Choice.Choose(candidates, choice.What, choice.What + " has no arm");
        }
        finally
        {
            context.ExitChoice();
        }
    }

    // The code of an operation on one line (a conditional split over lines reads as one in a message), shortened.
    private static string Code(IOperation operation) =>
        SegmentName.Shorten(System.Text.RegularExpressions.Regex.Replace(operation.Syntax.ToString(), @"\s+", " "));

    private static bool? ConstantBool(IOperation condition, RecognitionContext context, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var unwrapped = ValueTracker.Unwrap(condition);
        if (unwrapped is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return !ConstantBool(not.Operand, context, depth + 1);
        }

        var definition = unwrapped.ConstantValue.HasValue ? unwrapped : context.Tracker.Definition(unwrapped, context.CancellationToken);
        return definition.ConstantValue is { HasValue: true, Value: bool value } ? value : null;
    }

    private static bool IsNull(IOperation value, RecognitionContext context) =>
        context.Tracker.Definition(value, context.CancellationToken) is { ConstantValue: { HasValue: true, Value: null } };
}
