using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Build.Framework;

using PromptBudget.Core.Configuration;

namespace PromptBudget.Build.Configuration;

/// <summary>
/// Turns the task's string inputs and item metadata into numbers and modes. Numbers use the invariant
/// culture ("0.25", never "0,25"), so a build gives the same result on every machine.
/// </summary>
public static class SettingParser
{
    /// <summary>A non-negative amount in USD; empty means "not set".</summary>
    public static decimal? NonNegative(string? text, string setting, List<SettingProblem> problems) =>
        NonNegative(text, setting, problems, SettingNumbers.AmountExpected);

    /// <summary>
    /// A non-negative plain number (calls per month, a percentage, days): its message does not speak of USD. A setting with
    /// a default names it (<paramref name="defaultApplied"/>), so the message says what is used instead.
    /// </summary>
    public static decimal? NonNegativeNumber(string? text, string setting, List<SettingProblem> problems, decimal? defaultApplied = null) =>
        NonNegative(text, setting, problems, SettingNumbers.NumberExpected, defaultApplied?.ToString(CultureInfo.InvariantCulture));

    private static decimal? NonNegative(string? text, string setting, List<SettingProblem> problems, string expected, string? defaultApplied = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (SettingNumbers.Amount(text) is { } value)
        {
            return value;
        }

        problems.Add(new SettingProblem(setting, text!, expected, defaultApplied));
        return null;
    }

    public static FailOnMode FailOn(string? text, List<SettingProblem> problems)
    {
        switch ((text ?? "").Trim().ToLowerInvariant())
        {
            case "":
            case "error":
                return FailOnMode.Error;
            case "warning":
                return FailOnMode.Warning;
            case "none":
                return FailOnMode.None;
            default:
                problems.Add(new SettingProblem(PropertyNames.FailOn, text ?? "", "'error', 'warning' or 'none'", "error"));
                return FailOnMode.Error;
        }
    }

    public static BudgetLimits Project(string name, string? maxCostPerRequestUsd, string? callsPerMonth, string? maxMonthlyCostUsd, List<SettingProblem> problems) =>
        new(
            name,
            NonNegative(maxCostPerRequestUsd, PropertyNames.ProjectMaxCostPerRequestUsd, problems),
            NonNegativeNumber(callsPerMonth, PropertyNames.ProjectCallsPerMonth, problems),
            NonNegative(maxMonthlyCostUsd, PropertyNames.ProjectMaxMonthlyCostUsd, problems));

    /// <summary>The <c>PromptBudgetFeature</c> items by name; a later item of the same name (ignoring case) wins.</summary>
    public static Dictionary<string, BudgetLimits> Features(IEnumerable<ITaskItem>? items, List<SettingProblem> problems)
    {
        var features = new Dictionary<string, BudgetLimits>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items ?? Array.Empty<ITaskItem>())
        {
            var name = item.ItemSpec.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            string Setting(string metadata) => $"{metadata} of {PropertyNames.FeatureItem} '{name}'";
            features[name] = new BudgetLimits(
                name,
                NonNegative(item.GetMetadata(PropertyNames.FeatureMaxCostPerRequestUsd), Setting(PropertyNames.FeatureMaxCostPerRequestUsd), problems),
                NonNegativeNumber(item.GetMetadata(PropertyNames.FeatureCallsPerMonth), Setting(PropertyNames.FeatureCallsPerMonth), problems),
                NonNegative(item.GetMetadata(PropertyNames.FeatureMaxMonthlyCostUsd), Setting(PropertyNames.FeatureMaxMonthlyCostUsd), problems));
        }

        return features;
    }
}
