using System.Collections.Generic;

namespace PromptBudget.Core.Estimation;

/// <summary>Who a message is from.</summary>
public enum MessageRole
{
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// <summary>
/// A part of a message whose text is not known at compile time (a parameter, a method's result).
/// Its size is a bound in tokens when one is configured or declared, else unbounded.
/// </summary>
public sealed class DynamicSegment
{
    public DynamicSegment(string name, long? boundTokens = null, string? boundSource = null)
    {
        Name = name;
        BoundTokens = boundTokens;
        BoundSource = boundSource;
    }

    /// <summary>
    /// A segment bounded by its type (an <c>int</c>, a <c>DateTime</c>…): the longest texts the value can
    /// print as (<see cref="FormattedValueTexts"/>). Its bound is the most tokens any of them takes with the
    /// call's tokenizer, worked out by the estimator (scaled like any count for an estimated tokenizer).
    /// </summary>
    public DynamicSegment(string name, IReadOnlyList<string> worstCaseTexts, string boundSource)
    {
        Name = name;
        WorstCaseTexts = worstCaseTexts;
        BoundSource = boundSource;
    }

    /// <summary>What the segment is, as written in code (e.g. <c>question</c>, <c>GetContext()</c>).</summary>
    public string Name { get; }

    public long? BoundTokens { get; }

    /// <summary>Where the bound comes from (an attribute, a configuration key), for reports.</summary>
    public string? BoundSource { get; }

    /// <summary>For a segment bounded by its type: the texts whose largest token count is its bound.</summary>
    public IReadOnlyList<string>? WorstCaseTexts { get; }

    public bool IsBounded => BoundTokens.HasValue || WorstCaseTexts is not null;
}

/// <summary>One message: its role, the text known at compile time, and the parts that are not.</summary>
public sealed class PromptMessage
{
    public PromptMessage(MessageRole role, string staticText, IReadOnlyList<DynamicSegment>? dynamicSegments = null, string? name = null)
    {
        Role = role;
        StaticText = staticText;
        DynamicSegments = dynamicSegments ?? System.Array.Empty<DynamicSegment>();
        Name = name;
    }

    public MessageRole Role { get; }

    /// <summary>All the message's known text, concatenated in order.</summary>
    public string StaticText { get; }

    public IReadOnlyList<DynamicSegment> DynamicSegments { get; }

    /// <summary>
    /// How much of <see cref="StaticText"/> comes before the first dynamic segment (the part a provider
    /// can cache as a prefix). Null means the whole text does.
    /// </summary>
    public int? StaticPrefixLength { get; init; }

    /// <summary>The participant name sent with the message, if any (costs a token in OpenAI's format).</summary>
    public string? Name { get; }

    /// <summary>Image parts of the message (counted by the provider's image formula, not as text).</summary>
    public IReadOnlyList<ImageInput> Images { get; init; } = System.Array.Empty<ImageInput>();
}

/// <summary>Everything one call sends to one model, as far as the code tells.</summary>
public sealed class PromptShape
{
    public PromptShape(string model, IReadOnlyList<PromptMessage> messages)
    {
        Model = model;
        Messages = messages;
    }

    public string Model { get; }

    public IReadOnlyList<PromptMessage> Messages { get; }

    /// <summary>The max-output-token setting of the call; null when the code does not set one.</summary>
    public long? MaxOutputTokens { get; init; }

    /// <summary>A reasoning or thinking token budget set in code, if any (billed as output).</summary>
    public long? ReasoningBudgetTokens { get; init; }

    /// <summary>Tokens assumed for each unbounded dynamic segment (0 = count none, the default).</summary>
    public long AssumedUnboundedSegmentTokens { get; init; }

    /// <summary>The function tools the call declares (their definitions are input tokens).</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = System.Array.Empty<ToolDefinition>();

    /// <summary>The call's tool choice, when it declares tools.</summary>
    public ToolChoiceMode ToolChoice { get; init; }

    /// <summary>
    /// What the code sends that the caller could not read and is therefore not in the counts (the plugins of a kernel
    /// made elsewhere): said in the estimate's assumptions, never left out silently.
    /// </summary>
    public IReadOnlyList<string> NotCounted { get; init; } = System.Array.Empty<string>();
}
