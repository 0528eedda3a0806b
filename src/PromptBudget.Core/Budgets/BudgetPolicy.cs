namespace PromptBudget.Core.Budgets;

/// <summary>What to do with a dynamic segment that has no bound.</summary>
public enum UnboundedSegmentHandling
{
    /// <summary>Each unbounded segment is a violation: the worst case cannot be known.</summary>
    Violation,

    /// <summary>Assume each unbounded segment is <see cref="BudgetPolicy.AssumedSegmentTokens"/> tokens.</summary>
    AssumeTokens,
}

/// <summary>The limits one call must stay within. A null limit is not checked.</summary>
public sealed class BudgetPolicy
{
    public long? MaxInputTokens { get; init; }

    public long? MaxOutputTokens { get; init; }

    public decimal? MaxCostPerCallUsd { get; init; }

    public UnboundedSegmentHandling UnboundedSegments { get; init; } = UnboundedSegmentHandling.Violation;

    public long AssumedSegmentTokens { get; init; }

    /// <summary>The tokens to assume per unbounded segment when estimating under this policy.</summary>
    public long TokensPerUnboundedSegment => UnboundedSegments == UnboundedSegmentHandling.AssumeTokens ? AssumedSegmentTokens : 0;
}
