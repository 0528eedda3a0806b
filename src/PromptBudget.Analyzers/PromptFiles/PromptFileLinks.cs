using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Discovery.Recognizers;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Analyzers.Infrastructure;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>A C# call that loads or invokes a prompt file, and the model of the kernel it runs on.</summary>
internal sealed class PromptFileLink
{
    public PromptFileLink(string where, string how, ModelReference model, bool invoked)
    {
        Where = where;
        How = how;
        Model = model;
        Invoked = invoked;
    }

    /// <summary>The call's file and line (<c>Program.cs:14</c>).</summary>
    public string Where { get; }

    /// <summary>How the file was matched (a path, a path's end, a resource name, a plugin's function).</summary>
    public string How { get; }

    /// <summary>The model of the kernel's chat service; unknown when the kernel cannot be followed or there is none.</summary>
    public ModelReference Model { get; }

    /// <summary>An <c>InvokeAsync</c>: the kernel that runs the function, preferred over the one that made it.</summary>
    public bool Invoked { get; }

    public override string ToString() => Where + " (" + How + ")";
}

/// <summary>
/// Which C# calls load the compilation's prompt files: the loader calls (<see cref="PromptFileLoader"/>) and the
/// <c>InvokeAsync</c> calls that run what they made (<c>kernel.InvokeAsync(function)</c>,
/// <c>kernel.InvokeAsync(plugin["Fn"])</c>, <c>kernel.Plugins["P"]["Fn"]</c>, <c>kernel.InvokeAsync("P", "Fn")</c>).
/// Found once per compilation, only when it has prompt files and references Semantic Kernel: the file stays the
/// call site (reported once, where the prompt is), and the links give it the kernel's model when its own
/// settings name none.
/// </summary>
internal static class PromptFileLinks
{
    public static Dictionary<PromptFileEntry, List<PromptFileLink>> Find(
        Compilation compilation,
        IReadOnlyList<PromptFileEntry> entries,
        PromptBudgetCompilationContext compilationContext,
        string? projectDirectory,
        Func<PromptFileEntry, string> functionName,
        CancellationToken cancellationToken)
    {
        var links = new Dictionary<PromptFileEntry, List<PromptFileLink>>();
        var context = compilationContext.RecognitionContext(cancellationToken);
        var loaders = new Dictionary<SyntaxNode, (PromptFileLoader Loader, List<PromptFileEntry> Files, string How)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var call in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                    SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => "",
                };
                if (!PromptFileLoader.IsCandidateName(name))
                {
                    continue;
                }

#pragma warning disable RS1030 // The loader calls are in any file; read once per compilation, only when it has prompt files.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (PromptFileLoader.TryRead(invocation, context) is { Reference: { } reference } loader)
                {
                    var (files, how) = reference.Resolve(entries, projectDirectory);
                    loaders[invocation.Syntax] = (loader, files, how);

                    // Each link follows its kernel with a step budget of its own, as each call site does.
                    var kernelModel = KernelModel(loader.Kernel, ServiceSelection.Any, context.Fresh());
                    foreach (var file in files)
                    {
                        Add(links, file, new PromptFileLink(Where(invocation), how, kernelModel, invoked: false));
                    }
                }
            }
        }

        // The function invocations come from the compilation's call index (also what prompt functions in code are linked by).
        foreach (var (invoke, function, kernel) in context.Calls.KernelInvocations(cancellationToken))
        {
            var (files, how) = Invoked(invoke, function, loaders, functionName, context);
            if (files.Count == 0)
            {
                continue;
            }

            var fresh = context.Fresh();
            var model = KernelModel(kernel, ServiceSelection.OfInvocation(invoke, fresh), fresh);
            foreach (var file in files)
            {
                Add(links, file, new PromptFileLink(Where(invoke), how, model, invoked: true));
            }
        }

        return links;
    }

    /// <summary>
    /// The model a linked file runs with when its settings name none: the kernel of an <c>InvokeAsync</c> first (it runs
    /// the function), then the kernel that loaded it; the first one known. Null when no link gives one.
    /// </summary>
    public static ModelReference? ModelOf(IReadOnlyList<PromptFileLink> links)
    {
        foreach (var link in links.Where(l => l.Invoked).Concat(links.Where(l => !l.Invoked)))
        {
            if (link.Model.IsKnown)
            {
                var others = links.Where(l => l.Model.IsKnown && l.Model.Name != link.Model.Name).Select(l => l.Model.Name + " at " + l.Where).Distinct().ToList();
                var detail = "the kernel at " + link.Where + (link.Model.Detail is { } d ? " (" + d + ")" : "")
                    + (others.Count == 0 ? "" : "; also run with " + string.Join(", ", others));
                return new ModelReference(link.Model.Name, link.Model.Origin, link.Model.Expression, detail);
            }
        }

        return null;
    }

    // What an InvokeAsync runs, when it is a function a loader made: which files, and how they were matched.
    private static (List<PromptFileEntry> Files, string How) Invoked(
        IInvocationOperation invoke,
        IOperation? function,
        Dictionary<SyntaxNode, (PromptFileLoader Loader, List<PromptFileEntry> Files, string How)> loaders,
        Func<PromptFileEntry, string> functionName,
        RecognitionContext context)
    {
        var none = (new List<PromptFileEntry>(), "");
        if (function is null)
        {
            // kernel.InvokeAsync("Plugin", "Function").
            var plugin = RecognitionContext.Argument(invoke, "pluginName") is { } p ? Constant(p, context) : null;
            var name = RecognitionContext.Argument(invoke, "functionName") is { } f ? Constant(f, context) : null;
            return plugin is null ? none : (ByPluginName(plugin, name, loaders, functionName, out var how), how);
        }

        var definition = ValueTracker.Unwrap(context.Tracker.Definition(function, context.CancellationToken));
        if (definition is IInvocationOperation made && loaders.TryGetValue(made.Syntax, out var loaded))
        {
            return (loaded.Files, "invoked: " + loaded.How);
        }

        // plugin["Function"], kernel.Plugins["Plugin"]["Function"].
        if (definition is IPropertyReferenceOperation { Arguments.Length: 1, Instance: { } pluginValue } indexer)
        {
            var name = Constant(indexer.Arguments[0].Value, context);
            var plugin = ValueTracker.Unwrap(context.Tracker.Definition(pluginValue, context.CancellationToken));
            if (plugin is IInvocationOperation pluginMade && loaders.TryGetValue(pluginMade.Syntax, out var pluginLoaded))
            {
                return (OfFunction(pluginLoaded.Files, name, functionName, out var how), "invoked: " + pluginLoaded.How + how);
            }

            if (plugin is IPropertyReferenceOperation { Arguments.Length: 1 } pluginIndexer && Constant(pluginIndexer.Arguments[0].Value, context) is { } pluginName)
            {
                return (ByPluginName(pluginName, name, loaders, functionName, out var how), how);
            }
        }

        return none;
    }

    private static List<PromptFileEntry> ByPluginName(string plugin, string? function, Dictionary<SyntaxNode, (PromptFileLoader Loader, List<PromptFileEntry> Files, string How)> loaders, Func<PromptFileEntry, string> functionName, out string how)
    {
        foreach (var (loader, files, loaderHow) in loaders.Values)
        {
            var name = loader.PluginName ?? LastSegment(loader.Reference!.Text);
            if (string.Equals(name, plugin, StringComparison.Ordinal))
            {
                var chosen = OfFunction(files, function, functionName, out var functionHow);
                how = "invoked as plugin '" + plugin + "': " + loaderHow + functionHow;
                return chosen;
            }
        }

        how = "";
        return new List<PromptFileEntry>();
    }

    // The plugin's function of that name; every function of the plugin when the name is not a constant (each is its own call site).
    private static List<PromptFileEntry> OfFunction(List<PromptFileEntry> files, string? function, Func<PromptFileEntry, string> functionName, out string how)
    {
        if (function is null)
        {
            how = ", a function whose name is known only at run time: linked to every function of the plugin";
            return files;
        }

        how = ", function '" + function + "'";
        return files.Where(f => string.Equals(LastSegment(functionName(f)), function, StringComparison.Ordinal)).ToList();
    }

    // The invocation's execution settings (new KernelArguments(settings)) choose among the kernel's services, as for a function in code.
    private static ModelReference KernelModel(IOperation? kernel, ServiceSelection selection, RecognitionContext context) =>
        kernel is null
            ? ModelReference.Unknown(null, "no kernel in the call")
            : SemanticKernelKernels.ModelOfKernel(kernel, selection, context);

    private static string? Constant(IOperation operation, RecognitionContext context) =>
        context.Text(operation) is { IsConstant: true } value ? value.StaticText : null;

    private static string LastSegment(string text)
    {
        var trimmed = text.TrimEnd('/', '.');
        var cut = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf('.'));
        return cut < 0 ? trimmed : trimmed.Substring(cut + 1);
    }

    private static string Where(IOperation call)
    {
        var span = call.Syntax.GetLocation().GetLineSpan();
        return System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(Dictionary<PromptFileEntry, List<PromptFileLink>> links, PromptFileEntry file, PromptFileLink link)
    {
        if (!links.TryGetValue(file, out var list))
        {
            links[file] = list = new List<PromptFileLink>();
        }

        list.Add(link);
    }
}
