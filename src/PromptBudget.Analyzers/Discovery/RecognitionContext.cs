using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>What a recognizer may ask while reading one call: values, collections, options properties.</summary>
internal sealed class RecognitionContext
{
    private readonly StringValueEvaluator _strings;

    private readonly ConfiguredModelReader _configuration;

    // The helper parameters being followed to their callers (innermost last), and the arguments followed so far.
    private readonly List<IParameterSymbol> _following = new();
    private int _steps;
    private int _choices;

    public RecognitionContext(SdkTypes types, ValueTracker tracker, StringValueEvaluator strings, ServiceRegistrationIndex services, ConfiguredModelReader configuration, CompilationCallIndex calls, ModelChoice choice, CancellationToken cancellationToken)
    {
        Types = types;
        Tracker = tracker;
        _strings = strings;
        Services = services;
        _configuration = configuration;
        Calls = calls;
        Choice = choice;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// A context with the same compilation-wide parts and nothing followed yet: what is indexed once per compilation
    /// is built with it, so the index does not depend on the call site (and its step budget) that asked first.
    /// </summary>
    public RecognitionContext Fresh() => new(Types, Tracker, _strings, Services, _configuration, Calls, Choice, CancellationToken);

    /// <summary>The compilation's dependency-injection registrations, indexed once on first use.</summary>
    public ServiceRegistrationIndex Services { get; }

    /// <summary>The calls of the compilation's helpers and prompt functions, indexed once on first use.</summary>
    public CompilationCallIndex Calls { get; }

    /// <summary>Chooses among models that disagree (the most expensive is the worst case).</summary>
    public ModelChoice Choice { get; }

    /// <summary>
    /// The model of a client, kernel or service read from a parameter (<paramref name="definition"/>): a helper's
    /// parameter is followed to the argument every call of the helper gives (<paramref name="ofArgument"/> reads
    /// each); a parameter a container fills (a constructor nothing in view calls, a minimal-API handler's) resolves
    /// to the registration of <paramref name="serviceType"/>. Null when <paramref name="definition"/> is no parameter.
    /// </summary>
    public ModelReference? FromParameter(IOperation definition, string serviceType, System.Func<IOperation, ModelReference> ofArgument)
    {
        if (definition is not IParameterReferenceOperation { Parameter: { } parameter })
        {
            return null;
        }

        return CallerArguments.Follow(parameter, ofArgument, this)
            ?? (ServiceRegistrationIndex.IsInjected(parameter) ? Services.Resolve(parameter, serviceType, this) : null);
    }

    public bool IsFollowing(IParameterSymbol parameter) => _following.Contains(parameter, SymbolEqualityComparer.Default);

    /// <summary>False when <paramref name="maxDepth"/> helpers are already being followed.</summary>
    public bool EnterParameter(IParameterSymbol parameter, int maxDepth)
    {
        if (_following.Count >= maxDepth)
        {
            return false;
        }

        _following.Add(parameter);
        return true;
    }

    public void ExitParameter(IParameterSymbol parameter) => _following.RemoveAt(_following.Count - 1);

    /// <summary>False when <paramref name="maxDepth"/> choices (<c>?:</c>, <c>??</c>, switch expressions) are already being followed.</summary>
    public bool EnterChoice(int maxDepth)
    {
        if (_choices >= maxDepth)
        {
            return false;
        }

        _choices++;
        return true;
    }

    public void ExitChoice() => _choices--;

    /// <summary>One more argument followed for this call site; false once <paramref name="maxSteps"/> were.</summary>
    public bool TakeStep(int maxSteps) => ++_steps <= maxSteps;

    public SdkTypes Types { get; }

    public ValueTracker Tracker { get; }

    public CancellationToken CancellationToken { get; }

    public StringValue Text(IOperation operation) => _strings.Evaluate(operation, CancellationToken);

    /// <summary>
    /// A conversation (a <c>ChatHistory</c>, a message list) that <c>PromptBound.Tokens(value, n)</c> bounds, where it
    /// is made or where it is sent: one user message, a part of at most n tokens named by what holds it; null otherwise.
    /// </summary>
    public MessageValue? BoundedConversation(IOperation conversation)
    {
        if (!PromptBoundCall.TryRead(Tracker.Definition(conversation, CancellationToken), out var value, out var maxTokens) || maxTokens is not { } bound)
        {
            return null;
        }

        var holder = ValueTracker.Unwrap(conversation) is IInvocationOperation ? ValueTracker.Unwrap(value) : ValueTracker.Unwrap(conversation);
        var part = new DynamicPart(SegmentName.Shorten(holder.Syntax.ToString()), bound, PromptBoundCall.Source, StringValueEvaluator.OriginOf(holder));
        return new MessageValue(Core.Estimation.MessageRole.User, new StringValue(new List<StringPart> { part }));
    }

    /// <summary>The model name in <paramref name="operation"/>: a constant string, or an SDK model constant.</summary>
    public ModelReference Model(IOperation? operation, ModelOrigin origin = ModelOrigin.Code)
    {
        if (operation is null)
        {
            return ModelReference.None;
        }

        var definition = Tracker.Definition(operation, CancellationToken);
        if (definition is IFieldReferenceOperation { Field.ContainingType.TypeKind: TypeKind.Enum } enumField)
        {
            return new ModelReference(ModelConstantNames.FromEnumMember(enumField.Field.Name), origin, null);
        }

        var value = Text(operation);
        if (value.IsConstant && value.StaticText.Length > 0)
        {
            return new ModelReference(value.StaticText, origin, null);
        }

        // configuration["AI:Model"], GetValue<string>(…), GetSection(…)[…], or `x ?? "gpt-4o"`.
        return _configuration.Read(definition, origin, this)
            ?? new ModelReference(null, ModelOrigin.Unknown, SegmentName.Shorten(operation.Syntax.ToString()));
    }

    /// <summary>
    /// A whole number read from configuration (a loop's cap, a max output: see <see cref="ConfiguredModelReader.ReadWholeNumber"/>),
    /// or null when <paramref name="definition"/> is no configuration read.
    /// </summary>
    public (long? Value, string Detail)? ConfiguredCount(IOperation definition) => _configuration.ReadWholeNumber(definition, this);

    /// <summary>
    /// The max output a call sets with <paramref name="value"/>: a constant, or a whole number read from configuration
    /// (the largest the environments give, with where it came from); anything else is a setting whose value is not known.
    /// </summary>
    public void SetMaxOutput(PromptCallSite site, IOperation value)
    {
        site.MaxOutputTokens = ConstantLong(value);
        if (site.MaxOutputTokens is null && ConfiguredCount(Tracker.Definition(value, CancellationToken)) is { } configured)
        {
            site.MaxOutputTokens = configured.Value;
            site.MaxOutputDetail = configured.Detail;
        }

        site.MaxOutputIsDynamic = site.MaxOutputTokens is null;
    }

    /// <summary>A constant whole number (a max-output setting), or null.</summary>
    public long? ConstantLong(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        // The outermost constant wins: `unchecked((int)9999999999L)` is the int 1,410,065,407 the program
        // sends, not the long literal inside the cast. Locals and fields are followed one step at a time.
        var current = operation;
        for (var hop = 0; hop < 8 && current is not null; hop++)
        {
            if (OutermostConstant(current) is { } constant)
            {
                return constant;
            }

            current = Tracker.DefinitionStep(ValueTracker.Unwrap(current), CancellationToken);
        }

        return null;
    }

    private static long? OutermostConstant(IOperation operation)
    {
        while (true)
        {
            if (operation.ConstantValue is { HasValue: true, Value: { } value })
            {
                return value switch
                {
                    int or long or short or uint or ushort or byte or sbyte => System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                    ulong big => big > long.MaxValue ? long.MaxValue : (long)big,
                    _ => null,
                };
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>The receiver of a call: its instance, or the <c>this</c> argument of an extension method.</summary>
    public static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);

    /// <summary>The argument given for a parameter, or null when the call leaves it to its default.</summary>
    public static IOperation? Argument(IInvocationOperation invocation, string parameterName) => Argument(invocation.Arguments, parameterName);

    public static IOperation? Argument(IObjectCreationOperation creation, string parameterName) => Argument(creation.Arguments, parameterName);

    public static IOperation? Argument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The argument whose parameter has the given type (first match), or null.</summary>
    public IOperation? ArgumentOfType(IInvocationOperation invocation, string metadataName)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && Types.Is(argument.Parameter?.Type, metadataName)
                && ValueTracker.Unwrap(argument.Value) is not ILiteralOperation { ConstantValue: { HasValue: true, Value: null } })
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The elements of a collection as the code builds it: array and collection initializers,
    /// collection expressions, a params array, then <c>Add</c> calls on the same local before <paramref name="site"/>.
    /// </summary>
    public List<IOperation> Elements(IOperation collection, IOperation site)
    {
        var elements = new List<IOperation>();
        var definition = Tracker.Definition(collection, CancellationToken);
        switch (definition)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                elements.AddRange(initializer.ElementValues);
                break;
            case IObjectCreationOperation { Initializer: { } initializer }:
                foreach (var init in initializer.Initializers)
                {
                    switch (init)
                    {
                        case IInvocationOperation { Arguments.Length: 1 } add:
                            elements.Add(add.Arguments[0].Value);
                            break;
                    }
                }

                break;
            default:
                if (definition.Syntax is CollectionExpressionSyntax collectionExpression)
                {
                    elements.AddRange(CollectionExpressionElements(definition, collectionExpression));
                }

                break;
        }

        foreach (var use in Tracker.UsesBefore(collection, site))
        {
            switch (use)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add:
                    elements.Add(add.Arguments[0].Value);
                    break;

                // Earlier turns (messages.AddMessages(response)), ranges and inserts: what they add is not
                // known here, but it is sent; the argument stands for it (a caller makes it a dynamic segment).
                case IInvocationOperation { TargetMethod.Name: "AddMessages" or "AddRange" or "Insert" or "InsertRange", Arguments.Length: > 0 } other
                    when other.Instance is not null || other.Arguments.Length > 1:
                    elements.Add(other.Arguments[other.Arguments.Length - 1].Value);
                    break;
            }
        }

        return elements;
    }

    /// <summary>
    /// The value given to <paramref name="property"/> of an options object: in its object initializer,
    /// or assigned later (<c>options.MaxOutputTokenCount = 500;</c>) before <paramref name="site"/>. Last one wins.
    /// </summary>
    public IOperation? PropertyValue(IOperation objectReference, string property, IOperation site)
    {
        IOperation? value = null;
        if (Tracker.Definition(objectReference, CancellationToken) is IObjectCreationOperation { Initializer: { } initializer })
        {
            foreach (var init in initializer.Initializers)
            {
                if (init is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
                {
                    value = assignment.Value;
                }
            }
        }

        foreach (var use in Tracker.UsesBefore(objectReference, site))
        {
            if (use is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && target.Property.Name == property)
            {
                value = assignment.Value;
            }
        }

        return value;
    }

    /// <summary>Arguments of <c>obj.Property.Add(x)</c> calls before <paramref name="site"/> (collections an options type exposes get-only).</summary>
    public List<IOperation> AddsToMember(IOperation objectReference, string property, IOperation site)
    {
        var symbol = ValueTracker.ReferencedSymbol(objectReference);
        var adds = new List<IOperation>();
        if (symbol is null)
        {
            return adds;
        }

        foreach (var op in Tracker.IndexOf(site).MemberAddsBefore(symbol, site.Syntax.SpanStart))
        {
            if (op is IInvocationOperation { Instance: IPropertyReferenceOperation member } add && member.Property.Name == property)
            {
                adds.Add(add.Arguments[0].Value);
            }
        }

        return adds;
    }

    /// <summary>The location of the <c>new Options { … }</c> that made an options object, for the code fix.</summary>
    public Location? CreationLocation(IOperation objectReference) =>
        Tracker.Definition(objectReference, CancellationToken) is IObjectCreationOperation creation
        && creation.Syntax is BaseObjectCreationExpressionSyntax
            ? creation.Syntax.GetLocation()
            : null;

    /// <summary>Where a diagnostic about <paramref name="invocation"/> goes: the invoked member's name.</summary>
    public static Location NameLocation(IInvocationOperation invocation) => invocation.Syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name.GetLocation(),
        _ => invocation.Syntax.GetLocation(),
    };

    // Roslyn 4.8 has no ICollectionExpressionOperation: the elements are found from the syntax.
    private static IEnumerable<IOperation> CollectionExpressionElements(IOperation operation, CollectionExpressionSyntax syntax)
    {
        // One walk for all elements (not one per element): the first operation met for each syntax
        // node, in pre-order, is the outermost one of the element (an implicit conversion, if any).
        var outermost = new Dictionary<SyntaxNode, IOperation>();
        foreach (var descendant in operation.Descendants())
        {
            if (!outermost.ContainsKey(descendant.Syntax))
            {
                outermost[descendant.Syntax] = descendant;
            }
        }

        foreach (var element in syntax.Elements)
        {
            if (element is not ExpressionElementSyntax expressionElement)
            {
                continue;
            }

            outermost.TryGetValue(expressionElement.Expression, out var match);
            if (match is null && operation.SemanticModel is { } model)
            {
                match = model.GetOperation(expressionElement.Expression);
            }

            if (match is not null)
            {
                yield return match;
            }
        }
    }

}
