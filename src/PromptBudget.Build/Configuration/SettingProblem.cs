namespace PromptBudget.Build.Configuration;

/// <summary>A task input or item metadata value that could not be used.</summary>
public sealed class SettingProblem
{
    public SettingProblem(string setting, string value, string expected, string? defaultApplied = null)
    {
        Setting = setting;
        Value = value;
        Expected = expected;
        DefaultApplied = defaultApplied;
    }

    /// <summary>Where the value came from, e.g. <c>MaxCostPerRequestUsd of PromptBudgetFeature 'support-bot'</c>.</summary>
    public string Setting { get; }

    public string Value { get; }

    public string Expected { get; }

    /// <summary>The default used in its place, for a setting that has one (FailOn, an allowed age); null for a budget, which is then not checked.</summary>
    public string? DefaultApplied { get; }
}
