using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Folds a string expression into known text and dynamic segments: literals (regular, verbatim,
/// raw), constants, readonly fields, locals with one reaching assignment, <c>+</c>, interpolation,
/// <c>string.Format</c>, <c>string.Concat</c> and <c>string.Join</c>. Work is bounded: concatenation
/// chains are walked with an explicit stack (no recursion per part), following definitions is
/// capped in depth, and past a step budget the rest of the value becomes one dynamic segment.
/// </summary>
internal sealed class StringValueEvaluator
{
    private const int MaxDepth = 12;
    private const int MaxSteps = 50_000;
    private readonly ValueTracker _tracker;

    public StringValueEvaluator(ValueTracker tracker) => _tracker = tracker;

    /// <summary>Tokens assumed for dynamic segments whose size nothing declares (null = unbounded).</summary>
    public StringValue Evaluate(IOperation operation, CancellationToken cancellationToken)
    {
        var parts = new List<StringPart>();
        var steps = 0;
        Append(operation, parts, 0, ref steps, cancellationToken);
        return new StringValue(Merge(parts));
    }

    private void Append(IOperation root, List<StringPart> parts, int depth, ref int steps, CancellationToken cancellationToken)
    {
        // Operations still to visit, in reverse order, so a left-deep a + b + c + … chain never recurses.
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (++steps > MaxSteps)
            {
                parts.Add(new DynamicPart("(expression too large to follow)", null, null));
                return;
            }

            if ((steps & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (operation.ConstantValue is { HasValue: true } constant)
            {
                parts.Add(new LiteralPart(ConstantText(constant.Value)));
                continue;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    pending.Push(conversion.Operand);
                    continue;
                case IParenthesizedOperation parenthesized:
                    pending.Push(parenthesized.Operand);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                    continue;
                case IInterpolatedStringOperation interpolated:
                    for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                    {
                        pending.Push(interpolated.Parts[i]);
                    }

                    continue;
                case IInterpolatedStringTextOperation text:
                    pending.Push(text.Text);
                    continue;
                case IInterpolationOperation interpolation:
                    if (interpolation.FormatString is not null || interpolation.Alignment is not null)
                    {
                        parts.Add(Dynamic(interpolation.Expression, null));
                    }
                    else
                    {
                        pending.Push(interpolation.Expression);
                    }

                    continue;
            }

            AppendNested(operation, parts, depth, ref steps, cancellationToken);
        }
    }

    // Cases that follow a value elsewhere: they recurse, with a depth cap.
    private void AppendNested(IOperation operation, List<StringPart> parts, int depth, ref int steps, CancellationToken cancellationToken)
    {
        if (depth >= MaxDepth)
        {
            parts.Add(Dynamic(operation, null));
            return;
        }

        switch (operation)
        {
            case ILiteralOperation { ConstantValue.HasValue: false }:
                parts.Add(new LiteralPart(""));
                return;
            case IParameterReferenceOperation parameter:
                parts.Add(Dynamic(operation, PromptBoundReader.Read(parameter.Parameter)));
                return;
            case IInvocationOperation invocation when TryStringMethod(invocation, parts, depth, ref steps, cancellationToken):
                return;
            case IInvocationOperation invocation:
                parts.Add(Dynamic(operation, PromptBoundReader.Read(invocation.TargetMethod)));
                return;
        }

        var declaredBound = PromptBoundReader.Read(ValueTracker.ReferencedSymbol(operation));
        if (declaredBound is not null)
        {
            parts.Add(Dynamic(operation, declaredBound));
            return;
        }

        var next = _tracker.DefinitionStep(operation, cancellationToken);
        if (next is not null)
        {
            Append(next, parts, depth + 1, ref steps, cancellationToken);
            return;
        }

        parts.Add(Dynamic(operation, null));
    }

    private bool TryStringMethod(IInvocationOperation invocation, List<StringPart> parts, int depth, ref int steps, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType?.SpecialType != SpecialType.System_String || !method.IsStatic)
        {
            return false;
        }

        var arguments = ArgumentValues(invocation);
        switch (method.Name)
        {
            case "Concat":
                foreach (var argument in arguments)
                {
                    Append(argument, parts, depth + 1, ref steps, cancellationToken);
                }

                return true;
            case "Join" when arguments.Count >= 1:
                for (var i = 1; i < arguments.Count; i++)
                {
                    if (i > 1)
                    {
                        Append(arguments[0], parts, depth + 1, ref steps, cancellationToken);
                    }

                    Append(arguments[i], parts, depth + 1, ref steps, cancellationToken);
                }

                return true;
            case "Format" when arguments.Count >= 1 && arguments[0].Type?.SpecialType == SpecialType.System_String:
                return TryFormat(arguments, parts, depth, ref steps, cancellationToken);
            default:
                return false;
        }
    }

    private bool TryFormat(List<IOperation> arguments, List<StringPart> parts, int depth, ref int steps, CancellationToken cancellationToken)
    {
        if (arguments[0].ConstantValue is not { HasValue: true, Value: string format })
        {
            return false;
        }

        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                return false;
            }

            var hole = format.Substring(i + 1, close - i - 1);
            var indexText = hole.Split(',', ':')[0].Trim();
            if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index + 1 >= arguments.Count)
            {
                return false;
            }

            parts.Add(new LiteralPart(literal.ToString()));
            literal.Clear();
            if (hole.IndexOf(',') >= 0 || hole.IndexOf(':') >= 0)
            {
                parts.Add(Dynamic(arguments[index + 1], null));
            }
            else
            {
                Append(arguments[index + 1], parts, depth + 1, ref steps, cancellationToken);
            }

            i = close;
        }

        parts.Add(new LiteralPart(literal.ToString()));
        return true;
    }

    /// <summary>Argument values in order, with a params array expanded into its elements.</summary>
    private static List<IOperation> ArgumentValues(IInvocationOperation invocation)
    {
        var values = new List<IOperation>();
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                values.AddRange(initializer.ElementValues);
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                values.Add(argument.Value);
            }
        }

        return values;
    }

    private static DynamicPart Dynamic(IOperation operation, long? bound) =>
        new(SegmentName.Shorten(operation.Syntax.ToString()), bound, bound is null ? null : "[PromptBound]");

    private static string ConstantText(object? value) => value switch
    {
        null => "",
        string s => s,
        char c => c.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static List<StringPart> Merge(List<StringPart> parts)
    {
        var merged = new List<StringPart>(parts.Count);
        StringBuilder? pending = null;
        foreach (var part in parts)
        {
            if (part is LiteralPart literal)
            {
                (pending ??= new StringBuilder()).Append(literal.Text);
                continue;
            }

            if (pending is { Length: > 0 })
            {
                merged.Add(new LiteralPart(pending.ToString()));
            }

            pending = null;
            merged.Add(part);
        }

        if (pending is { Length: > 0 })
        {
            merged.Add(new LiteralPart(pending.ToString()));
        }

        return merged;
    }
}
