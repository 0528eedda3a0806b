using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
        Append(operation, parts, 0, null, ref steps, cancellationToken);
        return new StringValue(Merge(parts));
    }

    private void Append(IOperation root, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
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
                        parts.Add(FormattedHole(interpolation));
                    }
                    else
                    {
                        pending.Push(interpolation.Expression);
                    }

                    continue;
            }

            AppendNested(operation, parts, depth, frame, ref steps, cancellationToken);
        }
    }

    // Cases that follow a value elsewhere: they recurse, with a depth cap.
    private void AppendNested(IOperation operation, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
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
            case IParameterReferenceOperation parameter when frame?.Find(parameter.Parameter) is { } calledWith:
                AppendArgument(parameter, calledWith, parts, depth, ref steps, cancellationToken);
                return;
            case IParameterReferenceOperation parameter:
                parts.Add(Dynamic(operation, PromptBoundReader.Read(parameter.Parameter)));
                return;
            case IInvocationOperation invocation when PromptBoundCall.TryRead(invocation, out var value, out var maxTokens):
                AppendBoundCall(invocation, value, maxTokens, parts, depth, frame, ref steps, cancellationToken);
                return;
            case IInvocationOperation invocation when TryStringMethod(invocation, parts, depth, frame, ref steps, cancellationToken):
                return;
            case IInvocationOperation { TargetMethod: { Name: "ToString", IsStatic: false }, Instance: { } instance } invocation when invocation.Arguments.Length <= 1:
                parts.Add(ToStringCall(invocation, instance, cancellationToken));
                return;
            case IInvocationOperation invocation when PromptBoundReader.Read(invocation.TargetMethod) is null && TryHelper(invocation, parts, depth, frame, ref steps, cancellationToken):
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
            var before = parts.Count;
            Append(next, parts, depth + 1, frame, ref steps, cancellationToken);
            NameByHolder(operation, next, parts, before);
            return;
        }

        parts.Add(Dynamic(operation, null));
    }

    /// <summary>How many helper methods deep a prompt is followed (a helper calling a helper …).</summary>
    internal const int MaxHelperDepth = 4;

    // GetSummaryPrompt(input): a method of this compilation that returns one string expression is read as that
    // expression with its parameters replaced by the call's arguments (a default value where one is omitted).
    // What cannot be followed (virtual, several returns, recursion, too deep) stays one part that says why (PB1007).
    private bool TryHelper(IInvocationOperation invocation, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod.OriginalDefinition;
        if (method.ReturnType.SpecialType != SpecialType.System_String || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction))
        {
            return false;
        }

        var helper = _tracker.HelperReturnOf(method, cancellationToken);
        if (helper.Returned is null)
        {
            if (helper.WhyNot is null)
            {
                return false;
            }

            parts.Add(Dynamic(invocation, null).Because(helper.WhyNot));
            return true;
        }

        if (frame?.Contains(method) == true)
        {
            parts.Add(Dynamic(invocation, null, typed: false).Because("'" + method.Name + "' calls itself; a recursive method is not followed"));
            return true;
        }

        if ((frame?.Depth ?? 0) >= MaxHelperDepth)
        {
            parts.Add(Dynamic(invocation, null, typed: false).Because("helper methods nested more than " + MaxHelperDepth.ToString(CultureInfo.InvariantCulture) + " deep are not followed"));
            return true;
        }

        var arguments = new IOperation?[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal < arguments.Length && !helper.WrittenParameters.Contains(parameter.Ordinal))
            {
                arguments[parameter.Ordinal] = argument.Value;
            }
        }

        Append(helper.Returned, parts, depth + 1, new Frame(method, arguments, frame), ref steps, cancellationToken);
        return true;
    }

    // A parameter of a helper being followed: the argument the call passed, read where the call is. A [PromptBound(n)]
    // on the parameter bounds what is not known text; an argument of unknown size is named after the parameter, where
    // PB1007's advice can point (an attribute on it), and says what the call passed.
    private void AppendArgument(IParameterReferenceOperation reference, (Frame Frame, IOperation? Argument) calledWith, List<StringPart> parts, int depth, ref int steps, CancellationToken cancellationToken)
    {
        var parameter = reference.Parameter;
        var declared = PromptBoundReader.Read(parameter);
        var origin = SegmentOrigin.Parameter;
        if (calledWith.Argument is not { } argument)
        {
            parts.Add(new DynamicPart(parameter.Name, declared, declared is null ? null : "[PromptBound]", origin)
                .Because(declared is null ? "a parameter of '" + calledWith.Frame.Method.Name + "' that it writes or takes by reference" : null));
            return;
        }

        var inner = new List<StringPart>();
        Append(argument, inner, depth + 1, calledWith.Frame.Caller, ref steps, cancellationToken);
        if (inner.TrueForAll(p => p is LiteralPart))
        {
            parts.AddRange(inner);
            return;
        }

        if (declared is not null)
        {
            parts.Add(new DynamicPart(parameter.Name, declared, "[PromptBound]", origin));
            return;
        }

        if (inner.Count == 1 && inner[0] is DynamicPart { IsBounded: false, RejectedBound: null } unknown)
        {
            parts.Add(unknown.NamedBy(parameter.Name, origin)
                .Because("the parameter of '" + calledWith.Frame.Method.Name + "', given '" + unknown.Name + "'" + (unknown.Why is { } why ? ": " + why : "")));
            return;
        }

        parts.AddRange(inner);
    }

    /// <summary>A helper method being followed: its parameters' arguments, and the helper (if any) whose body holds the call.</summary>
    private sealed class Frame
    {
        public Frame(IMethodSymbol method, IOperation?[] arguments, Frame? caller)
        {
            Method = method;
            Arguments = arguments;
            Caller = caller;
            Depth = (caller?.Depth ?? 0) + 1;
        }

        public IMethodSymbol Method { get; }

        public IOperation?[] Arguments { get; }

        public Frame? Caller { get; }

        public int Depth { get; }

        public bool Contains(IMethodSymbol method)
        {
            for (var frame = this; frame is not null; frame = frame.Caller)
            {
                if (SymbolEqualityComparer.Default.Equals(frame.Method, method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The frame of the helper that declares <paramref name="parameter"/>, and the argument it was called with.</summary>
        public (Frame Frame, IOperation? Argument)? Find(IParameterSymbol parameter)
        {
            var owner = parameter.ContainingSymbol?.OriginalDefinition;
            for (var frame = this; frame is not null; frame = frame.Caller)
            {
                if (SymbolEqualityComparer.Default.Equals(frame.Method, owner))
                {
                    return parameter.Ordinal < frame.Arguments.Length ? (frame, frame.Arguments[parameter.Ordinal]) : null;
                }
            }

            return null;
        }
    }

    // A value followed from the local, field or property that holds it, and that stays one dynamic part named
    // after its initializer (`new StringBuilder()`, `GetContext()`), is named by its holder: the name a reader
    // finds in the code (`sbFoundProducts`), and the one PB1007's advice can use.
    private static void NameByHolder(IOperation holder, IOperation definition, List<StringPart> parts, int before)
    {
        if (parts.Count != before + 1 || parts[before] is not DynamicPart part)
        {
            return;
        }

        var made = SegmentName.Shorten(definition.Syntax.ToString());
        var unwrapped = SegmentName.Shorten(ValueTracker.Unwrap(definition).Syntax.ToString());
        // var sb = PromptBound.Tokens(new StringBuilder(), n): the part is named after the wrapped value.
        var wrapped = PromptBoundCall.TryRead(definition, out var value, out _) ? SegmentName.Shorten(ValueTracker.Unwrap(value).Syntax.ToString()) : null;
        if (part.Name == made || part.Name == unwrapped || part.Name == wrapped)
        {
            parts[before] = part.NamedBy(SegmentName.Shorten(holder.Syntax.ToString()), OriginOf(holder));
        }
    }

    // PromptBound.Tokens(value, n): a value the code declares to be at most n tokens. A value that is all known
    // text is kept as text (it is what is sent); anything else is one part bounded at n.
    private void AppendBoundCall(IInvocationOperation invocation, IOperation value, long? maxTokens, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
    {
        var inner = new List<StringPart>();
        if (value.Type?.SpecialType == SpecialType.System_String)
        {
            Append(value, inner, depth + 1, frame, ref steps, cancellationToken);
            if (inner.TrueForAll(p => p is LiteralPart))
            {
                parts.AddRange(inner);
                return;
            }
        }

        var holder = ValueTracker.Unwrap(value);
        var name = SegmentName.Shorten(holder.Syntax.ToString());
        parts.Add(maxTokens is { } bound
            ? new DynamicPart(name, bound, PromptBoundCall.Source, OriginOf(holder))
            : Dynamic(invocation, null));
    }

    // x.ToString() / x.ToString("N2"): bounded by what x is declared to hold (a [PromptBound] on it, or a
    // PromptBound.Tokens(…) that made it), else by x's type with that format.
    private DynamicPart ToStringCall(IInvocationOperation invocation, IOperation instance, CancellationToken cancellationToken)
    {
        var name = SegmentName.Shorten(invocation.Syntax.ToString());
        var declared = PromptBoundReader.Read(ValueTracker.ReferencedSymbol(instance));
        if (declared is null && PromptBoundCall.TryRead(_tracker.Definition(instance, cancellationToken), out _, out var maxTokens))
        {
            declared = maxTokens;
            if (declared is not null)
            {
                return new DynamicPart(name, declared.Value, PromptBoundCall.Source, OriginOf(ValueTracker.Unwrap(instance)));
            }
        }

        if (declared is not null)
        {
            return new DynamicPart(name, declared, "[PromptBound]", OriginOf(ValueTracker.Unwrap(instance)));
        }

        string? format = null;
        if (invocation.Arguments.Length == 1)
        {
            if (invocation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string constantFormat })
            {
                return Dynamic(invocation, null, typed: false);
            }

            format = constantFormat;
        }

        return TypeBound.For(instance.Type, format) is { } typeBound
            ? new DynamicPart(name, typeBound.Texts, typeBound.Source(format, 0), SegmentOrigin.Expression)
            : Dynamic(invocation, PromptBoundReader.Read(invocation.TargetMethod), typed: false);
    }

    // {x:N2}, {x,10}, {x,-8:F1}: bounded by x's type in that format and padded to the alignment, or by a bound
    // declared on x widened by the alignment's spaces; an alignment that is not a constant leaves it unbounded.
    private DynamicPart FormattedHole(IInterpolationOperation interpolation)
    {
        var expression = interpolation.Expression;
        var format = interpolation.FormatString?.ConstantValue is { HasValue: true, Value: string f } ? f : null;
        var alignment = 0;
        if (interpolation.Alignment is { } alignmentOperation)
        {
            if (alignmentOperation.ConstantValue is not { HasValue: true, Value: int width })
            {
                return Dynamic(expression, null, typed: false);
            }

            alignment = width;
        }

        if (interpolation.FormatString is not null && format is null)
        {
            return Dynamic(expression, null, typed: false);
        }

        var operand = ValueTracker.Unwrap(expression);
        var declared = operand is IInvocationOperation call ? PromptBoundReader.Read(call.TargetMethod) : PromptBoundReader.Read(ValueTracker.ReferencedSymbol(operand));
        if (declared is { } bound)
        {
            return new DynamicPart(SegmentName.Shorten(expression.Syntax.ToString()), Core.Estimation.SaneRange.Add(bound, System.Math.Abs((long)alignment)), "[PromptBound]", OriginOf(operand));
        }

        return Dynamic(expression, null, format, alignment);
    }

    /// <summary>What holds the value of <paramref name="operation"/>, for PB1007's advice.</summary>
    internal static SegmentOrigin OriginOf(IOperation operation) => ValueTracker.Unwrap(operation) switch
    {
        ILocalReferenceOperation => SegmentOrigin.Local,
        IParameterReferenceOperation => SegmentOrigin.Parameter,
        IFieldReferenceOperation => SegmentOrigin.Field,
        IPropertyReferenceOperation => SegmentOrigin.Property,
        IInvocationOperation { TargetMethod.MethodKind: MethodKind.Ordinary } invocation when invocation.TargetMethod.Locations.Any(l => l.IsInSource) => SegmentOrigin.Method,
        _ => SegmentOrigin.Expression,
    };

    private bool TryStringMethod(IInvocationOperation invocation, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
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
                    Append(argument, parts, depth + 1, frame, ref steps, cancellationToken);
                }

                return true;
            case "Join" when arguments.Count >= 1:
                for (var i = 1; i < arguments.Count; i++)
                {
                    if (i > 1)
                    {
                        Append(arguments[0], parts, depth + 1, frame, ref steps, cancellationToken);
                    }

                    Append(arguments[i], parts, depth + 1, frame, ref steps, cancellationToken);
                }

                return true;
            case "Format" when arguments.Count >= 1 && arguments[0].Type?.SpecialType == SpecialType.System_String:
                return TryFormat(arguments, parts, depth, frame, ref steps, cancellationToken);
            default:
                return false;
        }
    }

    private bool TryFormat(List<IOperation> arguments, List<StringPart> parts, int depth, Frame? frame, ref int steps, CancellationToken cancellationToken)
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
                Append(arguments[index + 1], parts, depth + 1, frame, ref steps, cancellationToken);
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

    // A part not known at compile time: bounded by a declared bound, else by its type (an int prints in at most
    // 11 characters), else unbounded (PB1007).
    private static DynamicPart Dynamic(IOperation operation, long? bound, string? format = null, int alignment = 0, bool typed = true)
    {
        var name = SegmentName.Shorten(operation.Syntax.ToString());
        var origin = OriginOf(operation);
        if (bound is null && typed && TypeBound.For(operation.Type, format, alignment) is { } typeBound)
        {
            return new DynamicPart(name, typeBound.Texts, typeBound.Source(format, alignment), origin);
        }

        return new DynamicPart(name, bound, bound is null ? null : "[PromptBound]", origin);
    }

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
