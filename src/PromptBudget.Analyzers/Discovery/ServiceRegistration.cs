using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>One service registration of a chat client or chat service in the compilation's dependency-injection setup.</summary>
internal sealed class ServiceRegistration
{
    public ServiceRegistration(string serviceType, string? key, bool keyKnown, ModelReference model, Location location, ISymbol? container, Loops.ToolLoop? loop = null)
    {
        Loop = loop;
        Container = container;
        ServiceType = serviceType;
        Key = key;
        KeyKnown = keyKnown;
        Model = model;
        Location = location;
    }

    /// <summary>
    /// The collection it is made on, as the local, parameter, field or property that holds it (for <c>builder.Services</c>,
    /// the builder); null when that is not a symbol. Lets <c>new ServiceCollection()</c> + <c>BuildServiceProvider()</c> see only its own.
    /// </summary>
    public ISymbol? Container { get; }

    /// <summary>The metadata name of the service type it registers (<c>Microsoft.Extensions.AI.IChatClient</c>, …).</summary>
    public string ServiceType { get; }

    /// <summary>The service key (or Semantic Kernel service id); null for an unkeyed registration.</summary>
    public string? Key { get; }

    /// <summary>False when a key is given but is not a constant.</summary>
    public bool KeyKnown { get; }

    public ModelReference Model { get; }

    /// <summary>The automatic tool loop the registered client runs (<c>.UseFunctionInvocation()</c>); null for none.</summary>
    public Loops.ToolLoop? Loop { get; }

    public Location Location { get; }

    public bool IsKeyed => Key is not null || !KeyKnown;

    /// <summary>The model (or the expression that gives it) and where it is registered, for messages.</summary>
    public string Describe() => (Model.Name ?? Model.Expression ?? "unknown model") + " (" + Place() + ")";

    /// <summary>File name and line of the registration.</summary>
    public string Place()
    {
        var span = Location.GetLineSpan();
        return System.IO.Path.GetFileName(span.Path ?? "") + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
