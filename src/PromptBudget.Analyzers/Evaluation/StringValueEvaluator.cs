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
/// The text materialised for one value is bounded too (<see cref="MaxTextLength"/> characters): the step
/// budget bounds steps, not length, and a constant doubled ten times reaches a gigabyte in ten steps.
/// Known text past the bound becomes one unbounded dynamic segment that says how much it is, so the
/// value is never reported as exact and the worst case is never silently short.
/// </summary>
internal sealed class StringValueEvaluator
{
    private const int MaxDepth = 12;
    private const int MaxSteps = 50_000;

    /// <summary>
    /// The most known text one value builds from several parts (4,000,000 UTF-16 characters, 8 MB). A value that is
    /// one literal is kept whole, whatever its size: it already exists in the source and nothing is built.
    /// </summary>
    internal const int MaxTextLength = 4_000_000;

    // Roslyn 4.8, which the analyzer is built against, has no ICollectionExpressionOperation or
    // ArgumentKind.ParamCollection; newer compilers (the .NET 9/10 SDKs) do, and bind
    // string.Join(", ", "a", "b", "c"), string.Concat of 5+ parts and string.Format of 4+ to
    // params ReadOnlySpan<T> overloads whose argument is such a collection: found by kind name.
    private static readonly OperationKind? CollectionExpressionKind = KindNamed("CollectionExpression");
    private static readonly OperationKind? SpreadKind = KindNamed("Spread");
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
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue && IsCollectionExpression(ValueTracker.Unwrap(argument.Value)) is { } collection)
            {
                // params ReadOnlySpan<T> (C# 13) or an explicit [a, b, c]: its elements in order; a spread
                // element (..items) stays one operation, which becomes a dynamic segment.
                values.AddRange(collection.ChildOperations);
            }
            else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                values.Add(argument.Value);
            }
        }

        return values;
    }

    private static IOperation? IsCollectionExpression(IOperation operation) =>
        (CollectionExpressionKind is { } kind && operation.Kind == kind)
        || (operation.Kind == OperationKind.None && operation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax)
            ? operation
            : null;

    private static OperationKind? KindNamed(string name) =>
        Enum.TryParse<OperationKind>(name, out var kind) && kind.ToString() == name ? kind : null;

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
        if (parts.Count == 1)
        {
            return parts;
        }

        var merged = new List<StringPart>(parts.Count);
        StringBuilder? pending = null;
        long kept = 0, over = 0;
        foreach (var part in parts)
        {
            if (part is LiteralPart literal)
            {
                var room = MaxTextLength - kept;
                if (over == 0 && literal.Text.Length <= room)
                {
                    (pending ??= new StringBuilder()).Append(literal.Text);
                    kept += literal.Text.Length;
                    continue;
                }

                // Past the bound: keep what fits (never half a surrogate pair) and count the rest as unknown,
                // up to the next dynamic part.
                var take = over == 0 ? (int)Math.Min(room, literal.Text.Length) : 0;
                if (take > 0 && char.IsHighSurrogate(literal.Text[take - 1]))
                {
                    take--;
                }

                if (take > 0)
                {
                    (pending ??= new StringBuilder()).Append(literal.Text, 0, take);
                    kept += take;
                }

                over += literal.Text.Length - take;
                continue;
            }

            Flush(merged, ref pending, ref over);
            merged.Add(part);
        }

        Flush(merged, ref pending, ref over);
        return merged;
    }

    private static void Flush(List<StringPart> merged, ref StringBuilder? pending, ref long over)
    {
        if (pending is { Length: > 0 })
        {
            merged.Add(new LiteralPart(pending.ToString()));
        }

        pending = null;
        if (over > 0)
        {
            merged.Add(new DynamicPart($"({over.ToString("#,0", CultureInfo.InvariantCulture)} chars past the text limit)", null, null));
            over = 0;
        }
    }
}
