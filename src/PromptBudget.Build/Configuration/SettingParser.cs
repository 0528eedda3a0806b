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
    /// <summary>A non-negative amount or count; empty means "not set".</summary>
    public static decimal? NonNegative(string? text, string setting, List<SettingProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (SettingNumbers.Amount(text) is { } value)
        {
            return value;
        }

        problems.Add(new SettingProblem(setting, text!, SettingNumbers.AmountExpected));
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
                problems.Add(new SettingProblem(PropertyNames.FailOn, text ?? "", "'error', 'warning' or 'none' ('error' is used)"));
                return FailOnMode.Error;
        }
    }

    public static BudgetLimits Project(string name, string? maxCostPerRequestUsd, string? callsPerMonth, string? maxMonthlyCostUsd, List<SettingProblem> problems) =>
        new(
            name,
            NonNegative(maxCostPerRequestUsd, PropertyNames.ProjectMaxCostPerRequestUsd, problems),
            NonNegative(callsPerMonth, PropertyNames.ProjectCallsPerMonth, problems),
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
                NonNegative(item.GetMetadata(PropertyNames.FeatureCallsPerMonth), Setting(PropertyNames.FeatureCallsPerMonth), problems),
                NonNegative(item.GetMetadata(PropertyNames.FeatureMaxMonthlyCostUsd), Setting(PropertyNames.FeatureMaxMonthlyCostUsd), problems));
        }

        return features;
    }
}
