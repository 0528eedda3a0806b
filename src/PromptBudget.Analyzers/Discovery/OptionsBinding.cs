using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Discovery.Recognizers;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// One place an options type is given configuration (Microsoft.Extensions.Options): <c>services.Configure&lt;T&gt;([name, ]section)</c>,
/// <c>AddOptions&lt;T&gt;([name]).Bind(section)</c> / <c>.BindConfiguration("AI")</c>, or a configure delegate that binds a section
/// into the options (<c>Configure&lt;T&gt;(o =&gt; section.Bind(o))</c>, <c>AddOptions&lt;T&gt;().Configure(o =&gt; configuration.Bind("AI", o))</c>,
/// <c>.Configure&lt;IConfiguration&gt;((o, c) =&gt; c.GetSection("AI").Bind(o))</c>). A delegate that binds nothing is kept too, with no
/// section, so that a model read from those options can say how they are configured.
/// </summary>
internal sealed class OptionsBinding
{
    private OptionsBinding(ITypeSymbol type, IOperation? section, bool isPath, IOperation? key, IOperation? name, IOperation call)
    {
        Type = type;
        Section = section;
        IsPath = isPath;
        Key = key;
        Name = name;
        Call = call;
    }

    public ITypeSymbol Type { get; }

    /// <summary>The configuration (or, with <see cref="IsPath"/>, the path string) bound; null for a delegate that binds none.</summary>
    public IOperation? Section { get; }

    public bool IsPath { get; }

    /// <summary>The key of <c>configuration.Bind("AI", o)</c>, under <see cref="Section"/>; null for none.</summary>
    public IOperation? Key { get; }

    /// <summary>The options name argument; null for unnamed options.</summary>
    public IOperation? Name { get; }

    /// <summary>The registration call, for messages.</summary>
    public IOperation Call { get; }

    /// <summary>The bindings one call makes; empty when it is none of the shapes.</summary>
    public static IEnumerable<OptionsBinding> Of(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        var receiver = RecognitionContext.Receiver(call);
        var builder = receiver is null ? null : ValueTracker.Unwrap(receiver).Type as INamedTypeSymbol;
        var onBuilder = builder is { Name: "OptionsBuilder", TypeArguments.Length: 1 } && builder.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options";
        var builderName = onBuilder && ValueTracker.Unwrap(receiver!) is IInvocationOperation { TargetMethod.Name: "AddOptions" } addOptions ? RecognitionContext.Argument(addOptions, "name") : null;
        switch (method.Name)
        {
            case "Configure" when method.IsGenericMethod && method.TypeArguments.Length == 1
                && call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "config")?.Value is { } config:
                return new[] { new OptionsBinding(method.TypeArguments[0], config, false, null, RecognitionContext.Argument(call, "name"), call) };
            case "Bind" or "BindConfiguration" when onBuilder
                && call.Arguments.FirstOrDefault(a => a.Parameter?.Name is "config" or "configSectionPath")?.Value is { } section:
                return new[] { new OptionsBinding(builder!.TypeArguments[0], section, method.Name == "BindConfiguration", null, builderName, call) };
            case "Configure" or "PostConfigure" when RecognitionContext.Argument(call, "configureOptions") is { } configure:
                var type = onBuilder ? builder!.TypeArguments[0] : method.IsGenericMethod && method.TypeArguments.Length == 1 ? method.TypeArguments[0] : null;
                return type is null ? Enumerable.Empty<OptionsBinding>() : FromDelegate(type, configure, onBuilder ? builderName : RecognitionContext.Argument(call, "name"), call);
            default:
                return Enumerable.Empty<OptionsBinding>();
        }
    }

    // `o => section.Bind(o)` / `o => configuration.Bind("AI", o)` / `(o, c) => c.GetSection("AI").Bind(o)`: each Bind of the options parameter.
    private static IEnumerable<OptionsBinding> FromDelegate(ITypeSymbol type, IOperation configure, IOperation? name, IInvocationOperation call)
    {
        var target = ValueTracker.Unwrap(configure);
        if (target is IDelegateCreationOperation creation)
        {
            target = ValueTracker.Unwrap(creation.Target);
        }

        if (target is not IAnonymousFunctionOperation { Symbol.Parameters.Length: > 0 } lambda)
        {
            return new[] { new OptionsBinding(type, null, false, null, name, call) };
        }

        var options = lambda.Symbol.Parameters[0];
        var binds = new List<OptionsBinding>();
        foreach (var bind in lambda.Body.Descendants().OfType<IInvocationOperation>())
        {
            if (bind.TargetMethod.Name == "Bind"
                && RecognitionContext.Argument(bind, "instance") is { } instance
                && SymbolEqualityComparer.Default.Equals(ValueTracker.ReferencedSymbol(instance), options)
                && RecognitionContext.Receiver(bind) is { } section)
            {
                binds.Add(new OptionsBinding(type, section, false, RecognitionContext.Argument(bind, "key"), name, call));
            }
        }

        return binds.Count > 0 ? binds : new[] { new OptionsBinding(type, null, false, null, name, call) };
    }
}
