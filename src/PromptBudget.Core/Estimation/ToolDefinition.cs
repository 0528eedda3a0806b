using System.Collections.Generic;

namespace PromptBudget.Core.Estimation;

/// <summary>How the call lets the model choose a tool (Anthropic's hidden tool-use prompt depends on it).</summary>
public enum ToolChoiceMode
{
    /// <summary>The code does not set it: the provider's default (<c>auto</c>).</summary>
    Unspecified,

    Auto,

    None,

    /// <summary>The model must call some tool (Anthropic <c>any</c>, OpenAI <c>required</c>).</summary>
    Any,

    /// <summary>The model must call one named tool.</summary>
    Tool,

    /// <summary>Set in code, but not to a value known at compile time: the larger of the possible costs is used.</summary>
    NotKnown,
}

/// <summary>
/// A function tool the call declares: its name, description and JSON schema of its parameters as the code gives
/// them. A definition whose parts are not known at compile time carries them as dynamic segments, and a tool
/// (or tool list) the analyzer cannot follow at all is <see cref="Unknown"/>: a segment, never zero tokens.
/// </summary>
public sealed class ToolDefinition
{
    public ToolDefinition(string name, string description, string? parametersJson, IReadOnlyList<DynamicSegment>? dynamicSegments = null)
    {
        Name = name;
        Description = description;
        ParametersJson = parametersJson;
        DynamicSegments = dynamicSegments ?? System.Array.Empty<DynamicSegment>();
        IsKnown = true;
    }

    private ToolDefinition(DynamicSegment segment)
    {
        Name = "";
        Description = "";
        DynamicSegments = new[] { segment };
        IsKnown = false;
    }

    /// <summary>A tool or tool list whose definition the code does not show (counted as its segment only).</summary>
    public static ToolDefinition Unknown(DynamicSegment segment) => new(segment);

    public string Name { get; }

    /// <summary>The known text of the description (empty when there is none).</summary>
    public string Description { get; }

    /// <summary>The parameters' JSON schema (an object with <c>properties</c>), or null when the tool takes none.</summary>
    public string? ParametersJson { get; }

    /// <summary>Parts of the definition not known at compile time (a description from a method, a schema from a file).</summary>
    public IReadOnlyList<DynamicSegment> DynamicSegments { get; }

    /// <summary>False for <see cref="Unknown"/>: nothing of the definition is known but its segment.</summary>
    public bool IsKnown { get; }
}
