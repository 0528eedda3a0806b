using System;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

using PromptBudget.Core.Configuration;

namespace PromptBudget.Analyzers.Configuration;

/// <summary>
/// Parses PromptBudget settings from a file's analyzer config options, falling back to the
/// project's MSBuild properties. A bad value is recorded as a <see cref="SettingError"/> and ignored.
/// </summary>
internal static class SettingsReader
{
    public static PromptBudgetSettings Read(AnalyzerConfigOptions fileOptions, AnalyzerConfigOptions globalOptions)
    {
        var settings = new PromptBudgetSettings();
        string? Get(SettingKey key, out string name)
        {
            if (fileOptions.TryGetValue(key.EditorConfigKey, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                name = key.EditorConfigKey;
                return value.Trim();
            }

            if (globalOptions.TryGetValue(key.GlobalOptionKey, out value) && !string.IsNullOrWhiteSpace(value))
            {
                name = key.BuildProperty;
                return value.Trim();
            }

            name = key.EditorConfigKey;
            return null;
        }

        settings.DefaultModel = Get(SettingKeys.DefaultModel, out _);
        settings.Feature = Get(SettingKeys.Feature, out _);
        settings.MaxInputTokens = Tokens(settings, Get(SettingKeys.MaxInputTokens, out var n1), n1);
        settings.MaxOutputTokens = Tokens(settings, Get(SettingKeys.MaxOutputTokens, out var n2), n2);
        settings.AssumedSegmentTokens = Tokens(settings, Get(SettingKeys.AssumedSegmentTokens, out var n3), n3);
        settings.MaxCostPerCall = Money(settings, Get(SettingKeys.MaxCostPerCall, out var n4), n4);
        if (Get(SettingKeys.CallsPerRequest, out var n5) is { } calls)
        {
            if (SettingNumbers.Amount(calls) is { } weight && weight > 0)
            {
                settings.CallsPerRequest = weight;
            }
            else
            {
                settings.Errors.Add(new SettingError(n5, calls, "expected a positive number of calls"));
            }
        }

        settings.ToolResultTokens = Tokens(settings, Get(SettingKeys.ToolResultTokens, out var n10), n10);
        if (Get(SettingKeys.RedactPrompts, out var n6) is { } redact)
        {
            if (bool.TryParse(redact, out var flag))
            {
                settings.RedactPrompts = flag;
            }
            else
            {
                settings.Errors.Add(new SettingError(n6, redact, "expected true or false"));
            }
        }

        if (Tokens(settings, Get(SettingKeys.FixMaxOutputTokens, out var n7), n7) is { } fix)
        {
            settings.FixMaxOutputTokens = fix;
        }

        if (Get(SettingKeys.DeploymentModels, out var n8) is { } aliases)
        {
            ReadAliases(settings, aliases, n8);
        }

        if (Get(SettingKeys.TemplateInputs, out var n9) is { } inputs)
        {
            switch (inputs.ToLowerInvariant())
            {
                case "unbounded":
                    settings.TemplateInputs = TemplateInputs.Unbounded;
                    break;
                case "default":
                    settings.TemplateInputs = TemplateInputs.Default;
                    break;
                case "sample":
                    settings.TemplateInputs = TemplateInputs.Sample;
                    break;
                default:
                    settings.Errors.Add(new SettingError(n9, inputs, "expected default, sample or unbounded"));
                    break;
            }
        }

        return settings;
    }

    private static void ReadAliases(PromptBudgetSettings settings, string text, string key)
    {
        // "chat-prod=gpt-4o, chat-mini=gpt-4o-mini". Pairs are separated by ',' because the
        // .editorconfig/.globalconfig parser cuts a value at the first '#' or ';' (a trailing comment).
        foreach (var pair in text.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=');
            var deployment = at > 0 ? pair.Substring(0, at).Trim() : "";
            var model = at > 0 ? pair.Substring(at + 1).Trim() : "";
            if (deployment.Length == 0 || model.Length == 0)
            {
                settings.Errors.Add(new SettingError(key, pair.Trim(), "expected deployment=model pairs separated by ','"));
                continue;
            }

            settings.DeploymentModels[deployment] = model;
        }
    }

    private static long? Tokens(PromptBudgetSettings settings, string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        if (SettingNumbers.Count(text) is { } value && Core.Estimation.SaneRange.IsSaneTokenCount(value))
        {
            return value;
        }

        settings.Errors.Add(new SettingError(key, text, "expected " + SettingNumbers.CountExpected + ", at most 1,000,000,000"));
        return null;
    }

    private static decimal? Money(PromptBudgetSettings settings, string? text, string key)
    {
        if (text is null)
        {
            return null;
        }

        if (SettingNumbers.Amount(text) is { } value)
        {
            return value;
        }

        settings.Errors.Add(new SettingError(key, text, "expected " + SettingNumbers.AmountExpected));
        return null;
    }
}
