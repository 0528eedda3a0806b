namespace PromptBudget.Build.Findings;

/// <summary>Decides how a finding is logged under each <c>FailOn</c> mode.</summary>
public enum FindingKind
{
    /// <summary>PB3001, PB3002, PB3003, PB3005: an error, a warning or nothing, as <c>FailOn</c> says.</summary>
    Budget,

    /// <summary>PB3004, PB3016: a warning, or nothing under <c>FailOn=none</c>.</summary>
    Incomplete,

    /// <summary>PB3006: always a warning.</summary>
    Baseline,

    /// <summary>PB3007: a warning, or nothing under <c>FailOn=none</c>.</summary>
    Prices,

    /// <summary>
    /// PB3009, PB3010, PB3014, PB3017: what running apps reported. A warning under <c>FailOn</c> error or warning, nothing under
    /// none: past traffic, possibly from another version of the code, must not make a build of this source fail
    /// in a way no change to the source can reproduce, but it is never silent while budgets are checked.
    /// </summary>
    Usage,

    /// <summary>PB2006, PB2008: a usage file that cannot be read, a feature attribute no span carries; always a warning (like PB3006).</summary>
    UsageInput,

    /// <summary>PB3013: a limit nearly used up at peak; a warning, or nothing under <c>FailOn=none</c> (like PB3004).</summary>
    RateLimitNear,

    /// <summary>PB2007: a rate-limit or peak input that cannot be used; always a warning (like PB2006), never silent.</summary>
    RateLimitInput,
}
