using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>
/// A Semantic Kernel call that loads prompts from files: <c>kernel.CreateFunctionFromPromptyFile(path)</c>,
/// <c>kernel.CreateFunctionFromPrompty(text)</c>, <c>kernel.CreatePluginFromPromptDirectory(dir)</c> /
/// <c>ImportPluginFromPromptDirectory</c> / <c>Plugins.AddFromPromptDirectory</c>, their <c>…Yaml</c>
/// forms, <c>kernel.CreateFunctionFromPromptYaml(text)</c> and <c>KernelFunctionYaml.FromPromptYaml(text)</c>.
/// A template text is followed to where it was read: <c>File.ReadAllText(path)</c>,
/// <c>EmbeddedResource.Read("X.yaml")</c>-style helpers, <c>Assembly.GetManifestResourceStream(name)</c> read by a
/// <c>StreamReader</c>.
/// </summary>
internal sealed class PromptFileLoader
{
    private const string KernelType = "Microsoft.SemanticKernel.Kernel";
    private const int MaxDepth = 8;

    private static readonly string[] PromptExtensions = { ".yaml", ".yml", ".prompty", ".txt" };

    private PromptFileLoader(IOperation? kernel, PromptFileReference? reference, string? pluginName, string? problem, bool inlineText)
    {
        Kernel = kernel;
        Reference = reference;
        PluginName = pluginName;
        Problem = problem;
        InlineText = inlineText;
    }

    /// <summary>The kernel the call is made on (its chat service gives the model); null for <c>KernelFunctionYaml.FromPromptYaml</c>.</summary>
    public IOperation? Kernel { get; }

    /// <summary>The file, directory or resource the call names; null when it cannot be followed.</summary>
    public PromptFileReference? Reference { get; }

    /// <summary>The plugin's name given in code (<c>pluginName:</c>), else null (the directory's name).</summary>
    public string? PluginName { get; }

    /// <summary>Why <see cref="Reference"/> is null, for PB1011.</summary>
    public string? Problem { get; }

    /// <summary>The template is text written in code, not a file: nothing to link, nothing to report.</summary>
    public bool InlineText { get; }

    /// <summary>Cheap test on the method name alone, before binding anything.</summary>
    public static bool IsCandidateName(string name) => name is
        "CreateFunctionFromPromptyFile" or "CreateFunctionFromPrompty" or "FromPrompty" or "FromPromptyFile"
        or "CreatePluginFromPromptDirectory" or "ImportPluginFromPromptDirectory" or "AddFromPromptDirectory"
        or "CreatePluginFromPromptDirectoryYaml" or "ImportPluginFromPromptDirectoryYaml" or "AddFromPromptDirectoryYaml"
        or "CreateFunctionFromPromptYaml" or "FromPromptYaml";

    /// <summary>The loader call, or null when <paramref name="call"/> is not one of Semantic Kernel's.</summary>
    public static PromptFileLoader? TryRead(IInvocationOperation call, RecognitionContext context)
    {
        var method = call.TargetMethod;
        if (!IsCandidateName(method.Name) || !IsSemanticKernel(method))
        {
            return null;
        }

        var kernel = method.IsExtensionMethod && call.Arguments.Length > 0 && context.Types.Is(call.Arguments[0].Value.Type, KernelType)
            ? call.Arguments[0].Value
            : null;
        var argument = FirstStringArgument(call);
        var pluginName = RecognitionContext.Argument(call, "pluginName") is { } plugin && context.Text(plugin) is { IsConstant: true } name && name.StaticText.Length > 0
            ? name.StaticText
            : null;
        if (argument is null)
        {
            return new PromptFileLoader(kernel, null, pluginName, "its path argument is not a string", false);
        }

        switch (method.Name)
        {
            case "CreateFunctionFromPromptyFile" or "FromPromptyFile":
                return FromPath(call, kernel, argument, PromptFileReferenceKind.File, pluginName, context);
            case "CreatePluginFromPromptDirectory" or "ImportPluginFromPromptDirectory" or "AddFromPromptDirectory":
                return FromPath(call, kernel, argument, PromptFileReferenceKind.PromptDirectory, pluginName, context);
            case "CreatePluginFromPromptDirectoryYaml" or "ImportPluginFromPromptDirectoryYaml" or "AddFromPromptDirectoryYaml":
                return FromPath(call, kernel, argument, PromptFileReferenceKind.YamlDirectory, pluginName, context);
            default:
                var (reference, problem, inline) = FollowText(argument, context, 0);
                return new PromptFileLoader(kernel, reference, pluginName, problem, inline);
        }
    }

    private static bool IsSemanticKernel(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal) == true;

    // The path or template argument: the first string one after the `this` kernel or plugin collection.
    private static IOperation? FirstStringArgument(IInvocationOperation call) =>
        call.Arguments
            .Where(a => a.Parameter is { } p && !(call.TargetMethod.IsExtensionMethod && p.Ordinal == 0) && p.Type.SpecialType == SpecialType.System_String)
            .OrderBy(a => a.Parameter!.Ordinal)
            .FirstOrDefault()?.Value;

    private static PromptFileLoader FromPath(IInvocationOperation call, IOperation? kernel, IOperation path, PromptFileReferenceKind kind, string? pluginName, RecognitionContext context)
    {
        var reference = PathOf(path, kind, context);
        return new PromptFileLoader(kernel, reference, pluginName, reference is null ? "the path '" + SegmentName.Shorten(path.Syntax.ToString()) + "' is not a value the analyzer can read" : null, false);
    }

    /// <summary>
    /// A path from code: a constant, <c>Path.Combine</c>/<c>Path.Join</c> of constants, or a run-time folder
    /// (<c>AppContext.BaseDirectory</c>) followed by constants, whose known end is then matched.
    /// </summary>
    private static PromptFileReference? PathOf(IOperation path, PromptFileReferenceKind kind, RecognitionContext context)
    {
        var definition = context.Tracker.Definition(path, context.CancellationToken);
        if (definition is IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" } } combine)
        {
            var parts = combine.Arguments.SelectMany(a => a.Value is IArrayCreationOperation { Initializer: { } init } ? init.ElementValues.ToArray() : new[] { a.Value })
                .Select(v => context.Text(v)).ToList();
            var lastDynamic = parts.FindLastIndex(p => !p.IsConstant);
            var known = parts.Skip(lastDynamic + 1).Select(p => p.StaticText.Trim('/', '\\')).Where(p => p.Length > 0).ToList();
            return known.Count == 0 ? null : new PromptFileReference(kind, string.Join("/", known), onlyTail: lastDynamic >= 0);
        }

        var value = context.Text(path);
        if (value.IsConstant)
        {
            return value.StaticText.Trim().Length == 0 ? null : new PromptFileReference(kind, value.StaticText, onlyTail: false);
        }

        // $"{AppContext.BaseDirectory}Prompts/x.prompty": the text after the last unknown part.
        var tail = value.Parts.Count > 0 && value.Parts[value.Parts.Count - 1] is LiteralPart last ? last.Text.TrimStart('/', '\\') : "";
        return tail.Length == 0 ? null : new PromptFileReference(kind, tail, onlyTail: true);
    }

    // Where a template text was read from.
    private static (PromptFileReference? Reference, string? Problem, bool Inline) FollowText(IOperation text, RecognitionContext context, int depth)
    {
        var unreadable = "the template text '" + SegmentName.Shorten(text.Syntax.ToString()) + "' cannot be followed to a file or resource";
        if (depth > MaxDepth)
        {
            return (null, unreadable, false);
        }

        var value = ValueTracker.Unwrap(context.Tracker.Definition(text, context.CancellationToken));
        switch (value)
        {
            case IAwaitOperation awaited:
                return FollowText(awaited.Operation, context, depth + 1);
            case IInvocationOperation { TargetMethod: { Name: "ReadAllText" or "ReadAllTextAsync" or "OpenText", ContainingType.Name: "File" } } read when read.Arguments.Length > 0:
                return Found(PathOf(read.Arguments[0].Value, PromptFileReferenceKind.File, context), read.Arguments[0].Value);
            case IInvocationOperation { TargetMethod.Name: "GetManifestResourceStream" } resource:
                var name = resource.Arguments.LastOrDefault(a => a.Value.Type?.SpecialType == SpecialType.System_String)?.Value;
                return name is not null && context.Text(name) is { IsConstant: true } resourceName && resourceName.StaticText.Length > 0
                    ? (new PromptFileReference(PromptFileReferenceKind.Resource, resourceName.StaticText, onlyTail: false), null, false)
                    : (null, "the resource name '" + SegmentName.Shorten(name?.Syntax.ToString() ?? resource.Syntax.ToString()) + "' is not a constant", false);
            case IInvocationOperation { TargetMethod.Name: "ReadToEnd" or "ReadToEndAsync" } readToEnd when readToEnd.Instance is { } reader:
                return FollowText(reader, context, depth + 1);
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when creation.Type?.Name is "StreamReader" or "StringReader":
                var source = creation.Arguments[0].Value;
                return source.Type?.SpecialType == SpecialType.System_String && creation.Type.Name == "StreamReader"
                    ? Found(PathOf(source, PromptFileReferenceKind.File, context), source)
                    : FollowText(source, context, depth + 1);
            case IInvocationOperation helper:
                // EmbeddedResource.Read("GenerateStory.yaml"), LoadPrompt("prompts/x.yaml"): a constant argument that names a prompt file.
                foreach (var argument in helper.Arguments.Where(a => a.Value.Type?.SpecialType == SpecialType.System_String))
                {
                    if (context.Text(argument.Value) is { IsConstant: true } named && PromptExtensions.Any(e => named.StaticText.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    {
                        var kind = named.StaticText.IndexOf('/') >= 0 || named.StaticText.IndexOf('\\') >= 0 ? PromptFileReferenceKind.File : PromptFileReferenceKind.Resource;
                        return (new PromptFileReference(kind, named.StaticText, onlyTail: kind == PromptFileReferenceKind.File), null, false);
                    }
                }

                return (null, unreadable, false);
            default:
                return context.Text(text).IsConstant ? (null, null, true) : (null, unreadable, false);
        }
    }

    private static (PromptFileReference?, string?, bool) Found(PromptFileReference? reference, IOperation path) =>
        (reference, reference is null ? "the path '" + SegmentName.Shorten(path.Syntax.ToString()) + "' is not a value the analyzer can read" : null, false);
}
