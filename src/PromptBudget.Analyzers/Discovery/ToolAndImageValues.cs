using System.Collections.Generic;
using System.Linq;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// A function tool a call declares, as far as the code tells: name, description and the JSON schema of its
/// parameters, each a string value whose unknown parts are dynamic segments; or a tool the code does not show.
/// </summary>
internal sealed class ToolValue
{
    public ToolValue(StringValue name, StringValue description, StringValue? schema)
    {
        Name = name;
        Description = description;
        Schema = schema;
    }

    private ToolValue(DynamicPart unknown)
    {
        Name = StringValue.Empty;
        Description = StringValue.Empty;
        UnknownPart = unknown;
    }

    /// <summary>A tool (or a whole tool list) the analyzer cannot follow: a dynamic segment, never zero tokens.</summary>
    public static ToolValue Unknown(string name) => new(new DynamicPart("tools: " + SegmentName.Shorten(name), null, null));

    public StringValue Name { get; }

    public StringValue Description { get; }

    /// <summary>The parameters' JSON schema; null when the tool takes none.</summary>
    public StringValue? Schema { get; }

    public DynamicPart? UnknownPart { get; }

    public IEnumerable<DynamicPart> DynamicParts => UnknownPart is { } unknown
        ? new[] { unknown }
        : Name.DynamicParts.Concat(Description.DynamicParts).Concat(Schema?.DynamicParts ?? Enumerable.Empty<DynamicPart>());

    public ToolDefinition ToDefinition()
    {
        var segments = DynamicParts
            .Select(p => p.TypeTexts is { } texts ? new DynamicSegment(p.Name, texts, p.BoundSource ?? "type") : new DynamicSegment(p.Name, p.BoundTokens, p.BoundSource))
            .ToList();
        return UnknownPart is not null
            ? ToolDefinition.Unknown(segments[0])
            : new ToolDefinition(Name.StaticText, Description.StaticText, Schema?.StaticText, segments);
    }
}

/// <summary>An image part of a message: the code that gives it and the detail level it asks for.</summary>
internal sealed class ImageValue
{
    public ImageValue(string source, ImageDetail detail)
    {
        Source = SegmentName.Shorten(source);
        Detail = detail;
    }

    public string Source { get; }

    public ImageDetail Detail { get; }

    public ImageInput ToInput() => new(Source, Detail);
}
