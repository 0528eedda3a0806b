using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>How the model of a call site was found.</summary>
internal enum ModelOrigin
{
    /// <summary>A constant in code (at the client, the options or the call).</summary>
    Code,

    /// <summary>An Azure deployment name in code; mapped to a model through configuration when possible.</summary>
    Deployment,

    /// <summary>A configuration key in code, resolved in the project's appsettings files.</summary>
    Configuration,

    /// <summary>Not in code: the configured default model.</summary>
    Default,

    /// <summary>Not in code and no default configured.</summary>
    Unknown,
}

/// <summary>The model a call site uses, as far as the code tells.</summary>
internal sealed class ModelReference
{
    public static readonly ModelReference None = new(null, ModelOrigin.Unknown, null);

    public ModelReference(string? name, ModelOrigin origin, string? expression, string? detail = null)
    {
        Name = name;
        Origin = origin;
        Expression = expression;
        Detail = detail;
    }

    /// <summary>Where a model not written in code came from (the appsettings file and key), for the record and messages.</summary>
    public string? Detail { get; }

    public string? Name { get; }

    public ModelOrigin Origin { get; }

    /// <summary>The code that gives the model when it is not a constant (for messages).</summary>
    public string? Expression { get; }

    public bool IsKnown => Name is not null;

    /// <summary>A model that is not known: the code that gives it and, when there is more to say, why it cannot be read.</summary>
    public static ModelReference Unknown(string? expression, string? reason = null) => new(null, ModelOrigin.Unknown, expression, reason);
}

/// <summary>One message of a call site.</summary>
internal sealed class MessageValue
{
    public MessageValue(MessageRole role, StringValue text)
    {
        Role = role;
        Text = text;
    }

    public MessageRole Role { get; }

    public StringValue Text { get; }

    /// <summary>Image parts of the message (content parts, data or URI contents, image blocks).</summary>
    public List<ImageValue> Images { get; } = new();
}

/// <summary>Where and how the code fix adds a max-output setting.</summary>
internal sealed class MaxOutputFix
{
    public MaxOutputFix(string propertyName, string optionsTypeMetadataName, Location? optionsCreation)
    {
        PropertyName = propertyName;
        OptionsTypeMetadataName = optionsTypeMetadataName;
        OptionsCreation = optionsCreation;
    }

    /// <summary>The SDK's own property: <c>MaxOutputTokenCount</c>, <c>MaxOutputTokens</c>, <c>MaxTokens</c>.</summary>
    public string PropertyName { get; }

    public string OptionsTypeMetadataName { get; }

    /// <summary>The <c>new XxxOptions { … }</c> to add the property to; null when the call has no options object.</summary>
    public Location? OptionsCreation { get; }
}

/// <summary>A place in code where a prompt is sent to a model, with everything the recognizer could learn.</summary>
internal sealed class PromptCallSite
{
    public PromptCallSite(IOperation operation, Location location, string sdk)
    {
        Operation = operation;
        Location = location;
        Sdk = sdk;
    }

    public IOperation Operation { get; }

    /// <summary>Where diagnostics are reported: the invoked member's name.</summary>
    public Location Location { get; }

    /// <summary>The SDK family, e.g. <c>OpenAI.Chat</c>.</summary>
    public string Sdk { get; }

    public ModelReference Model { get; set; } = ModelReference.None;

    public List<MessageValue> Messages { get; } = new();

    /// <summary>The max-output setting when the code sets it to a constant.</summary>
    public long? MaxOutputTokens { get; set; }

    /// <summary>Where a max output not written in code came from (the appsettings file and key), or why it cannot be read.</summary>
    public string? MaxOutputDetail { get; set; }

    /// <summary>The code sets a max output, but not to a constant (its value is then not known).</summary>
    public bool MaxOutputIsDynamic { get; set; }

    public long? ReasoningBudgetTokens { get; set; }

    /// <summary>How to add a max-output setting; null when the SDK shape has none to add.</summary>
    public MaxOutputFix? Fix { get; set; }

    /// <summary>The function tools the call declares (their definitions are input tokens).</summary>
    public List<ToolValue> Tools { get; } = new();

    public ToolChoiceMode ToolChoice { get; set; }

    /// <summary>What the call sends that the analyzer cannot read (a kernel's plugins made elsewhere): said in the record's assumptions.</summary>
    public List<string> NotCounted { get; } = new();

    /// <summary>The automatic tool loop the call runs through (one request, many model calls); null for a plain call.</summary>
    public Loops.ToolLoop? Loop { get; set; }

    /// <summary>Every dynamic part of the call: in its messages, then in its tool definitions.</summary>
    public IEnumerable<DynamicPart> AllDynamicParts() =>
        System.Linq.Enumerable.Concat(System.Linq.Enumerable.SelectMany(Messages, m => m.Text.DynamicParts), System.Linq.Enumerable.SelectMany(Tools, t => t.DynamicParts));
}
