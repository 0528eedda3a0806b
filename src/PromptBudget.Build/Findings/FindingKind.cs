namespace PromptBudget.Build.Findings;

/// <summary>Decides how a finding is logged under each <c>FailOn</c> mode.</summary>
public enum FindingKind
{
    /// <summary>PB3001, PB3002, PB3003, PB3005: an error, a warning or nothing, as <c>FailOn</c> says.</summary>
    Budget,

    /// <summary>PB3004: a warning, or nothing under <c>FailOn=none</c>.</summary>
    Incomplete,

    /// <summary>PB3006: always a warning.</summary>
    Baseline,

    /// <summary>PB3007: a warning, or nothing under <c>FailOn=none</c>.</summary>
    Prices,
}
