using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// A model given by configuration: <c>configuration["AI:Model"]</c>, <c>configuration.GetValue&lt;string&gt;("AI:Model")</c>,
/// <c>configuration.GetSection("AI")["Model"]</c>, <c>GetSection("AI:Model").Value</c> (on any IConfiguration, e.g.
/// <c>builder.Configuration</c>), resolved in the project's appsettings files; and <c>x ?? "gpt-4o"</c>, whose literal is
/// the model where <c>x</c> (an environment variable, a key no file sets) gives none. When environments disagree the
/// most expensive model is the worst case, and the detail says so.
/// </summary>
internal sealed class ConfiguredModelReader
{
    private const string Configuration = "Microsoft.Extensions.Configuration.IConfiguration";
    private const string ConfigurationSection = "Microsoft.Extensions.Configuration.IConfigurationSection";
    private const int MaxDepth = 6;

    private readonly AppSettingsFiles _files;
    private readonly ModelChoice _choice;

    public ConfiguredModelReader(AppSettingsFiles files, ModelChoice choice)
    {
        _files = files;
        _choice = choice;
    }

    /// <summary>The model a configuration read (or a <c>??</c> fallback) gives; null when <paramref name="definition"/> is neither.</summary>
    public ModelReference? Read(IOperation definition, ModelOrigin origin, RecognitionContext context)
    {
        string? fallback = null;
        string? fallbackOf = null;
        var read = definition;
        if (definition is ICoalesceOperation coalesce)
        {
            var whenNull = context.Text(coalesce.WhenNull);
            fallback = whenNull.IsConstant && whenNull.StaticText.Length > 0 ? whenNull.StaticText : null;
            fallbackOf = SegmentName.Shorten(coalesce.Value.Syntax.ToString());
            read = context.Tracker.Definition(coalesce.Value, context.CancellationToken);
        }
        else if (definition is IInvocationOperation { TargetMethod.Name: "GetValue" } getValue && RecognitionContext.Argument(getValue, "defaultValue") is { } defaultValue)
        {
            var value = context.Text(defaultValue);
            fallback = value.IsConstant && value.StaticText.Length > 0 ? value.StaticText : null;
            fallbackOf = SegmentName.Shorten(getValue.Syntax.ToString());
        }

        var key = Key(read, context, 0);
        if (key is null)
        {
            return fallback is null ? null : new ModelReference(fallback, origin, null, $"the fallback of {fallbackOf}, which has no value at build time");
        }

        var found = _files.Lookup(key, context.CancellationToken).Where(v => v.Value.Length > 0).ToList();
        if (found.Count == 0)
        {
            return fallback is not null
                ? new ModelReference(fallback, origin, null, $"the fallback of {fallbackOf}: no appsettings file sets '{key}'")
                : ModelReference.Unknown(SegmentName.Shorten(read.Syntax.ToString()), $"configuration key '{key}' is set in no appsettings*.json file of the project");
        }

        // Each environment sees its own file's value, or the base file's; with no base value, the fallback.
        var candidates = found.ToList();
        if (found.All(v => v.Environment is not null) && fallback is not null)
        {
            candidates.Add(new ConfiguredValue("fallback", fallback));
        }

        var models = candidates.Select(c => c.Value).Distinct(System.StringComparer.Ordinal).ToList();
        var configured = origin == ModelOrigin.Code ? ModelOrigin.Configuration : origin;
        if (models.Count == 1)
        {
            return new ModelReference(models[0], configured, null, string.Join(", ", found.Select(v => v.File)) + ": " + key);
        }

        var chosen = _choice.MostExpensive(models);
        var each = string.Join(", ", candidates.Select(c => $"{c.File}: {c.Value}"));
        return new ModelReference(chosen, configured, null, $"{key}: environments disagree ({each}); the most expensive, {chosen}, is the worst case");
    }

    /// <summary>The full <c>:</c> path of a configuration read, or null when the operation is not one (or its key is not constant).</summary>
    private static string? Key(IOperation operation, RecognitionContext context, int depth)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer when IsConfiguration(instance, context):
                return Combine(SectionPath(instance, context, depth), Constant(indexer.Arguments[0].Value, context));
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } section } when context.Types.Is(section.Type, ConfigurationSection):
                return SectionPath(section, context, depth);
            // options.Value.ChatModel (IOptions<T>, IOptionsMonitor<T>.CurrentValue, IOptionsSnapshot<T>) with T bound to a section.
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } settings } setting
                when setting.Type?.SpecialType == SpecialType.System_String && OptionsType(settings, context) is { } optionsType:
                var sections = context.Services.OptionsBindings(optionsType, context)
                    .Select(b => b.IsPath ? Constant(b.Section, context) : SectionPath(b.Section, context, depth))
                    .Distinct()
                    .ToList();
                return sections.Count == 1 ? Combine(sections[0], setting.Property.Name) : null;
            case IInvocationOperation { TargetMethod.Name: "GetValue" } getValue
                when getValue.Type?.SpecialType == SpecialType.System_String && Receiver(getValue) is { } receiver && IsConfiguration(receiver, context):
                return Combine(SectionPath(receiver, context, depth), Constant(RecognitionContext.Argument(getValue, "key"), context));
            default:
                return null;
        }
    }

    // The T of `options.Value` (IOptions<T>, IOptionsSnapshot<T>) or `monitor.CurrentValue` (IOptionsMonitor<T>), followed through locals and fields.
    private static ITypeSymbol? OptionsType(IOperation settings, RecognitionContext context) =>
        context.Tracker.Definition(settings, context.CancellationToken) is IPropertyReferenceOperation { Property.Name: "Value" or "CurrentValue", Instance: { } options }
        && ValueTracker.Unwrap(options).Type is INamedTypeSymbol { TypeArguments.Length: 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options"
        && named.Name is "IOptions" or "IOptionsSnapshot" or "IOptionsMonitor"
            ? named.TypeArguments[0]
            : null;

    // "" for a configuration root; "AI" for configuration.GetSection("AI"); null when the section is not known.
    private static string? SectionPath(IOperation configuration, RecognitionContext context, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var definition = context.Tracker.Definition(configuration, context.CancellationToken);
        if (definition is IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } getSection && Receiver(getSection) is { } parent && IsConfiguration(parent, context))
        {
            return Combine(SectionPath(parent, context, depth + 1), Constant(RecognitionContext.Argument(getSection, "key"), context));
        }

        // A section from elsewhere (a parameter typed IConfigurationSection): its path is not known.
        return context.Types.Is(definition.Type, ConfigurationSection) ? null : "";
    }

    private static string? Combine(string? prefix, string? key) =>
        prefix is null || key is null ? null : prefix.Length == 0 ? key : prefix + ":" + key;

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

    private static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
}
