using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using PromptBudget.Build.Configuration;
using PromptBudget.Core.Configuration;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>
/// Reads the <c>PromptBudgetRateLimit</c> items and the peak traffic (<c>PeakRequestsPerMinute</c> of
/// <c>PromptBudgetFeature</c> items, <c>PromptBudgetProjectPeakRequestsPerMinute</c>) with the shared number
/// parser. A value that cannot be used is a <see cref="RateLimitProblem"/> (PB2007) naming the item and the
/// attribute; the rest of the item is still checked.
/// </summary>
public static class RateLimitSettings
{
    /// <summary>The limits in item order; a later item with the same Include (ignoring case) replaces an earlier one.</summary>
    public static List<RateLimit> Limits(IEnumerable<ITaskItem>? items, List<RateLimitProblem> problems)
    {
        var limits = new List<RateLimit>();
        foreach (var item in items ?? Array.Empty<ITaskItem>())
        {
            var include = item.ItemSpec.Trim();
            if (include.Length == 0)
            {
                continue;
            }

            var name = RateLimitNames.Of(include);
            ReportUnknownAttributes(item, name, problems);
            var values = new Dictionary<RateLimitKind, long?>();
            var written = 0;
            foreach (var kind in RateLimitKinds.All)
            {
                var text = item.GetMetadata(RateLimitKinds.Attribute(kind));
                if (!string.IsNullOrWhiteSpace(text))
                {
                    written++;
                }

                values[kind] = Limit(text, name, RateLimitKinds.Attribute(kind), problems);
            }

            if (written == 0)
            {
                problems.Add(new RateLimitProblem(name, null, "states no limit: set at least one of Rpm, Tpm (OpenAI, Azure OpenAI: input + output), InputTpm and OutputTpm (Anthropic); nothing is checked for it"));
                continue;
            }

            var limit = new RateLimit(new ModelPattern(include), values[RateLimitKind.Rpm], values[RateLimitKind.Tpm], values[RateLimitKind.InputTpm], values[RateLimitKind.OutputTpm]);
            limits.RemoveAll(l => string.Equals(l.Models.Text, include, StringComparison.OrdinalIgnoreCase));
            if (limit.HasAny)
            {
                limits.Add(limit);
            }
        }

        return limits;
    }

    /// <summary>The peaks of the features and of the project; a later feature item of the same name wins, as for budgets.</summary>
    public static PeakRates Peaks(IEnumerable<ITaskItem>? features, string? projectPeak, List<RateLimitProblem> problems)
    {
        var byFeature = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in features ?? Array.Empty<ITaskItem>())
        {
            var name = item.ItemSpec.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            byFeature.Remove(name);
            ReportUnknownAttributes(item, $"{PropertyNames.FeatureItem} '{name}'", FeatureAttributes, "a feature's are MaxCostPerRequestUsd, CallsPerMonth, MaxMonthlyCostUsd and PeakRequestsPerMinute", problems);
            var text = item.GetMetadata(RateLimitNames.PeakRequestsPerMinute);
            if (Peak(text, $"{PropertyNames.FeatureItem} '{name}'", RateLimitNames.PeakRequestsPerMinute, problems) is { } peak)
            {
                byFeature[name] = peak;
            }
        }

        var project = Peak(projectPeak, RateLimitNames.ProjectPeakRequestsPerMinute, null, problems);
        return new PeakRates(byFeature, project);
    }

    // A limit is a whole number above zero: 0 would admit no request at all, so it is a typo, not a limit.
    private static long? Limit(string? text, string item, string attribute, List<RateLimitProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (SettingNumbers.Count(text) is { } value)
        {
            if (value > 0)
            {
                return value;
            }

            problems.Add(new RateLimitProblem(item, attribute, $"is '{text}': a limit of 0 admits no request, so it is not checked; write the limit your provider shows, a whole number above 0"));
            return null;
        }

        problems.Add(new RateLimitProblem(item, attribute, $"is '{text}', {Wrong(text!)}, so this limit is not checked; expected {SettingNumbers.CountExpected}"));
        return null;
    }

    private static decimal? Peak(string? text, string item, string? attribute, List<RateLimitProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (SettingNumbers.Rate(text) is { } value)
        {
            return value;
        }

        problems.Add(new RateLimitProblem(item, attribute, $"is '{text}', {Wrong(text!)}, so no rate limit's peak headroom counts this traffic; expected {SettingNumbers.RateExpected}"));
        return null;
    }

    // Says which way a number is wrong: a sign, a fraction where a whole number is needed, or not a number at all.
    private static string Wrong(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-", StringComparison.Ordinal) && SettingNumbers.Rate(trimmed.Substring(1)) is not null)
        {
            return "which is negative";
        }

        return SettingNumbers.Rate(trimmed) is not null ? "which is not a whole number" : "which is not a number";
    }

    // MSBuild metadata names ignore case, so "TPM" is read as Tpm; a misspelt one ("Itpm", "RPM_") would be a limit silently unread.
    private static readonly string[] FeatureAttributes =
    {
        PropertyNames.FeatureMaxCostPerRequestUsd, PropertyNames.FeatureCallsPerMonth, PropertyNames.FeatureMaxMonthlyCostUsd, RateLimitNames.PeakRequestsPerMinute,
    };

    private static void ReportUnknownAttributes(ITaskItem item, string name, List<RateLimitProblem> problems) =>
        ReportUnknownAttributes(item, name, RateLimitKinds.All.Select(RateLimitKinds.Attribute), "the limits are Rpm, Tpm, InputTpm and OutputTpm", problems);

    // A misspelt attribute on a feature ("PeakRequestPerMinute", "MaxCostPerRequest") would be a budget silently unread too.
    private static void ReportUnknownAttributes(ITaskItem item, string name, IEnumerable<string> attributes, string whatIsRead, List<RateLimitProblem> problems)
    {
        var known = new HashSet<string>(attributes, StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in item.CloneCustomMetadata())
        {
            var key = entry.Key as string ?? "";
            if (key.Length == 0 || known.Contains(key) || key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DefiningProject", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            problems.Add(new RateLimitProblem(name, key, $"is not an attribute PromptBudget reads, so its value '{entry.Value}' is ignored; {whatIsRead}"));
        }
    }
}
