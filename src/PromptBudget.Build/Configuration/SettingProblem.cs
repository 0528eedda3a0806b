namespace PromptBudget.Build.Configuration;

/// <summary>A task input or item metadata value that could not be used.</summary>
public sealed class SettingProblem
{
    public SettingProblem(string setting, string value, string expected)
    {
        Setting = setting;
        Value = value;
        Expected = expected;
    }

    /// <summary>Where the value came from, e.g. <c>MaxCostPerRequestUsd of PromptBudgetFeature 'support-bot'</c>.</summary>
    public string Setting { get; }

    public string Value { get; }

    public string Expected { get; }
}
