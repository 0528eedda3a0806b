using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// A model (or a max output) given by configuration: a key read as <see cref="ConfigurationKeys"/> describes (on any
/// IConfiguration, e.g. <c>builder.Configuration</c>, or through a bound options object), resolved in the project's
/// appsettings files; and <c>x ?? "gpt-4o"</c>, whose literal is the model where <c>x</c> (an environment variable, a key
/// no file sets) gives none. When environments disagree the most expensive model (the largest max output) is the worst
/// case, and the detail says so. A key no file sets, and an environment variable with no fallback, are named.
/// </summary>
internal sealed class ConfiguredModelReader
{
    private readonly AppSettingsFiles _files;
    private readonly ModelChoice _choice;
    private readonly string _notInFiles;

    /// <param name="userSecrets">The project has a <c>UserSecretsId</c>: a key may come from user secrets, which are never read.</param>
    public ConfiguredModelReader(AppSettingsFiles files, ModelChoice choice, bool userSecrets)
    {
        _files = files;
        _choice = choice;
        _notInFiles = "is set in no appsettings*.json file of the project (an environment variable or another provider may set it at run time"
            + (userSecrets ? "; user secrets, which this project uses, are never read" : "") + ")";
    }

    /// <summary>A whole number (a max output) read from configuration, with where it came from; null when it is not a configuration read.</summary>
    public (long? Value, string Detail)? ReadWholeNumber(IOperation definition, RecognitionContext context)
    {
        // int.Parse(configuration["AI:MaxTokens"]), Convert.ToInt32(…): the text read is the number.
        if (definition is IInvocationOperation { TargetMethod.Name: "Parse" or "ToInt32" or "ToInt64", Arguments.Length: >= 1 } parse
            && parse.TargetMethod.IsStatic && parse.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            definition = context.Tracker.Definition(parse.Arguments[0].Value, context.CancellationToken);
        }

        long? fallback = null;
        if (definition is IInvocationOperation { TargetMethod.Name: "GetValue" } getValue && RecognitionContext.Argument(getValue, "defaultValue") is { } defaultValue)
        {
            fallback = context.ConstantLong(defaultValue);
        }

        var key = ConfigurationKeys.Key(definition, t => IsWholeNumber(t) || t?.SpecialType == SpecialType.System_String, context);
        if (key is null)
        {
            return null;
        }

        var found = _files.Lookup(key, context.CancellationToken).Where(v => v.Value.Length > 0).ToList();
        if (found.Count == 0)
        {
            return fallback is { } only ? (only, $"the fallback of {key}: no appsettings file sets it") : (null, $"configuration key '{key}' {_notInFiles}");
        }

        var values = new List<(string File, long Value)>();
        foreach (var value in found)
        {
            if (!long.TryParse(value.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return (null, $"configuration key '{key}' is '{SegmentName.Shorten(value.Value)}' in {value.File}, not a whole number");
            }

            values.Add((value.File, number));
        }

        if (found.All(v => v.Environment is not null) && fallback is { } withFallback)
        {
            values.Add(("fallback", withFallback));
        }

        var largest = values.Max(v => v.Value);
        return values.All(v => v.Value == largest)
            ? (largest, string.Join(", ", found.Select(v => v.File)) + ": " + key)
            : (largest, $"{key}: environments disagree ({string.Join(", ", values.Select(v => $"{v.File}: {v.Value}"))}); the largest, {largest}, is the worst case");
    }

    private static bool IsWholeNumber(ITypeSymbol? type) =>
        (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type)?.SpecialType
            is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_UInt32;

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

        var key = ConfigurationKeys.Key(read, t => t?.SpecialType == SpecialType.System_String, context);
        if (key is null)
        {
            if (fallback is null && ConfigurationKeys.WhyNoOptionsKey(read, context) is { } options)
            {
                return ModelReference.Unknown(SegmentName.Shorten(read.Syntax.ToString()), options);
            }

            if (fallback is null && EnvironmentVariable(read, context) is { } variable)
            {
                return ModelReference.Unknown(SegmentName.Shorten(read.Syntax.ToString()), $"environment variable '{variable}' is read at run time, and no appsettings*.json file of the project can set it");
            }

            return fallback is null ? null : new ModelReference(fallback, origin, null, $"the fallback of {fallbackOf}, which has no value at build time");
        }

        var found = _files.Lookup(key, context.CancellationToken).Where(v => v.Value.Length > 0).ToList();
        if (found.Count == 0)
        {
            return fallback is not null
                ? new ModelReference(fallback, origin, null, $"the fallback of {fallbackOf}: no appsettings file sets '{key}'")
                : ModelReference.Unknown(SegmentName.Shorten(read.Syntax.ToString()), $"configuration key '{key}' {_notInFiles}");
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

    // Environment.GetEnvironmentVariable("X"): the variable's name, when constant.
    private static string? EnvironmentVariable(IOperation read, RecognitionContext context)
    {
        if (read is not IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable", TargetMethod.ContainingType: { Name: "Environment" } } call
            || RecognitionContext.Argument(call, "variable") is not { } name)
        {
            return null;
        }

        var value = context.Text(name);
        return value.IsConstant ? value.StaticText : null;
    }
}
