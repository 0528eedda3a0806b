using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// The full <c>:</c> path of the configuration key a value is read from, the way Microsoft.Extensions.Configuration
/// joins it: <c>configuration["AI:Model"]</c>, <c>GetValue&lt;T&gt;("AI:Model")</c>, <c>GetSection("AI")["Model"]</c>,
/// <c>GetRequiredSection("AI:Model").Value</c>, and a property of a bound options object, nested properties included
/// (<c>options.Value.Chat.Model</c> with the options bound to <c>"AI"</c> is <c>AI:Chat:Model</c>). An options object is bound by
/// <c>Configure&lt;T&gt;([name, ]section)</c> / <c>AddOptions&lt;T&gt;([name]).Bind(section)</c> / <c>BindConfiguration(path)</c> and read
/// with <c>IOptions&lt;T&gt;.Value</c>, <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c>, <c>IOptionsSnapshot&lt;T&gt;/IOptionsMonitor&lt;T&gt;.Get(name)</c>;
/// or made by <c>section.Get&lt;T&gt;()</c>, or by <c>new T()</c> then <c>section.Bind(x)</c> / <c>configuration.Bind("AI", x)</c>.
/// </summary>
internal static class ConfigurationKeys
{
    private const string Configuration = "Microsoft.Extensions.Configuration.IConfiguration";
    private const string ConfigurationSection = "Microsoft.Extensions.Configuration.IConfigurationSection";
    private const int MaxDepth = 6;

    /// <summary>
    /// The key <paramref name="operation"/> reads, or null when it reads none (or its key is not constant).
    /// <paramref name="isWanted"/> says which value types count (a model is text, a max output a whole number).
    /// </summary>
    public static string? Key(IOperation operation, System.Func<ITypeSymbol?, bool> isWanted, RecognitionContext context)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer when IsConfiguration(instance, context):
                return Combine(SectionPath(instance, context, 0), Constant(indexer.Arguments[0].Value, context));
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } section } when context.Types.Is(section.Type, ConfigurationSection):
                return SectionPath(section, context, 0);
            case IInvocationOperation { TargetMethod.Name: "GetValue" } getValue
                when isWanted(getValue.Type) && RecognitionContext.Receiver(getValue) is { } receiver && IsConfiguration(receiver, context):
                return Combine(SectionPath(receiver, context, 0), Constant(RecognitionContext.Argument(getValue, "key"), context));
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } owner } setting when isWanted(setting.Type):
                return Combine(ObjectPath(owner, context, 0), setting.Property.Name);
            default:
                return null;
        }
    }

    public static string? Combine(string? prefix, string? key) =>
        prefix is null || key is null ? null : prefix.Length == 0 ? key : prefix + ":" + key;

    // The section an options object (or an object nested in one) is bound to; null when it is not one.
    private static string? ObjectPath(IOperation instance, RecognitionContext context, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var definition = context.Tracker.Definition(instance, context.CancellationToken);
        if (OptionsRead(definition, context) is { } read)
        {
            var sections = context.Services.OptionsBindings(read.Type, read.Name, context)
                .Where(b => b.Section is not null)
                .Select(b => BindingPath(b, context, depth + 1))
                .Distinct()
                .ToList();
            return sections.Count == 1 ? sections[0] : null;
        }

        switch (definition)
        {
            // section.Get<T>() / configuration.Get<T>().
            case IInvocationOperation { TargetMethod.Name: "Get", TargetMethod.IsGenericMethod: true } get when RecognitionContext.Receiver(get) is { } receiver && IsConfiguration(receiver, context):
                return SectionPath(receiver, context, depth + 1);
            // options.Chat (a nested options object): its parent's section and the property name.
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } parent } nested:
                return Combine(ObjectPath(parent, context, depth + 1), nested.Property.Name);
            // var ai = new AiOptions(); section.Bind(ai) or configuration.Bind("AI", ai).
            case IObjectCreationOperation when ValueTracker.ReferencedSymbol(instance) is { } holder:
                return BoundPath(holder, definition, context, depth);
            default:
                return null;
        }
    }

    // The path an options binding gives: a path string, or a section (and the key of `configuration.Bind("AI", o)` under it).
    private static string? BindingPath(OptionsBinding binding, RecognitionContext context, int depth)
    {
        var section = binding.IsPath ? Constant(binding.Section, context) : SectionPath(binding.Section!, context, depth);
        return binding.Key is null ? section : Combine(section, Constant(binding.Key, context));
    }

    /// <summary>
    /// Why a property read from options (<c>options.Value.Model</c>) has no configuration key: the options are bound to no
    /// section in view (and how they are configured instead), to several, or to one whose path is not a constant. Null when
    /// <paramref name="operation"/> is no such read, or its key is known.
    /// </summary>
    public static string? WhyNoOptionsKey(IOperation operation, RecognitionContext context)
    {
        var owner = operation is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } instance } ? instance : null;
        for (var depth = 0; owner is not null && depth < MaxDepth; depth++)
        {
            var definition = context.Tracker.Definition(owner, context.CancellationToken);
            if (OptionsRead(definition, context) is { } read)
            {
                var what = $"the options {read.Type.Name}" + (read.Name.Length > 0 ? $" named '{read.Name}'" : "");
                var bindings = context.Services.OptionsBindings(read.Type, read.Name, context).ToList();
                var bound = bindings.Where(b => b.Section is not null).ToList();
                var paths = bound.Select(b => BindingPath(b, context, 0)).Distinct().ToList();
                if (bound.Count == 0)
                {
                    var delegates = bindings.Select(b => CallerArguments.Place(b.Call)).ToList();
                    return delegates.Count == 0
                        ? what + " are bound to no configuration section in this project (Configure<T>(section), Bind, BindConfiguration, or a Configure delegate that calls Bind)"
                        : what + " are configured only by a delegate that binds no configuration section (" + string.Join(", ", delegates) + "): values it sets in code are not read";
                }

                return paths.Count > 1
                    ? what + " are bound to several sections (" + string.Join(", ", paths.Select(p => p ?? "a section whose path is not a constant")) + ")"
                    : paths[0] is null ? what + " are bound to a section whose path is not a constant" : null;
            }

            owner = definition is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } parent } ? parent : null;
        }

        return null;
    }

    // The T and name of `options.Value`, `monitor.CurrentValue`, `snapshot.Get(name)`, `monitor.Get(name)` (Microsoft.Extensions.Options).
    private static (ITypeSymbol Type, string Name)? OptionsRead(IOperation definition, RecognitionContext context)
    {
        var (options, name) = definition switch
        {
            IPropertyReferenceOperation { Property.Name: "Value" or "CurrentValue", Instance: { } instance } => (instance, ""),
            IInvocationOperation { TargetMethod.Name: "Get", Instance: { } instance } get => (instance, OptionsName(RecognitionContext.Argument(get, "name"), context)),
            _ => ((IOperation?)null, (string?)null),
        };
        return options is not null && name is not null
            && ValueTracker.Unwrap(options).Type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options"
            && named.Name is "IOptions" or "IOptionsSnapshot" or "IOptionsMonitor"
                ? (named.TypeArguments[0], name)
                : null;
    }

    // Get(null) is the unnamed options (Options.DefaultName, "").
    private static string? OptionsName(IOperation? name, RecognitionContext context) =>
        name is null || ValueTracker.Unwrap(name) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } ? "" : Constant(name, context);

    // `Bind` calls given the object (in the method that made it; for a field or property, also in the constructors); all must agree.
    private static string? BoundPath(ISymbol holder, IOperation creation, RecognitionContext context, int depth)
    {
        string? path = null;
        var indexes = holder is IFieldSymbol or IPropertySymbol
            ? context.Tracker.ConstructorIndexes(holder, context.CancellationToken).Prepend(context.Tracker.IndexOf(creation))
            : new[] { context.Tracker.IndexOf(creation) };
        foreach (var bind in indexes.Distinct().SelectMany(index => index.BindsOf(holder)))
        {
            if (RecognitionContext.Receiver(bind) is not { } configuration || !IsConfiguration(configuration, context))
            {
                continue;
            }

            var section = SectionPath(configuration, context, depth + 1);
            var bound = RecognitionContext.Argument(bind, "key") is { } key ? Combine(section, Constant(key, context)) : section;
            if (bound is null || (path is not null && path != bound))
            {
                return null;
            }

            path = bound;
        }

        return path;
    }

    // "" for a configuration root; "AI" for configuration.GetSection("AI"); null when the section is not known.
    private static string? SectionPath(IOperation configuration, RecognitionContext context, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var definition = context.Tracker.Definition(configuration, context.CancellationToken);
        if (definition is IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } getSection && RecognitionContext.Receiver(getSection) is { } parent && IsConfiguration(parent, context))
        {
            return Combine(SectionPath(parent, context, depth + 1), Constant(RecognitionContext.Argument(getSection, "key"), context));
        }

        // A section from elsewhere (a parameter typed IConfigurationSection): its path is not known.
        return context.Types.Is(definition.Type, ConfigurationSection) ? null : "";
    }

    private static string? Constant(IOperation? operation, RecognitionContext context)
    {
        if (operation is null)
        {
            return null;
        }

        var value = context.Text(operation);
        return value.IsConstant && value.StaticText.Length > 0 ? value.StaticText : null;
    }

    private static bool IsConfiguration(IOperation operation, RecognitionContext context) =>
        context.Types.Is(ValueTracker.Unwrap(operation).Type, Configuration);
}
