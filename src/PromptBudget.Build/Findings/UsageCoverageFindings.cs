using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Build.Findings;

/// <summary>
/// What the usage files cannot tell, said instead of left out: a feature attribute no span carries (PB2008), a
/// monthly budget the observed spend cannot be checked against (PB3016), and files whose newest span is old (PB3017).
/// </summary>
public static class UsageCoverageFindings
{
    /// <summary>The default <c>PromptBudgetMaxUsageAgeDays</c>: traffic of the last month says what this code does now.</summary>
    public const int DefaultMaxUsageAgeDays = 30;

    /// <summary>Close attribute names shown at most.</summary>
    private const int MaxSuggestions = 5;

    /// <summary>PB2008: <c>PromptBudgetUsageFeatureAttribute</c> is set, but no span with usage carries a value of it.</summary>
    public static IEnumerable<Finding> FeatureAttribute(UsageComparison usage)
    {
        if (usage.FeatureAttribute is not { } attribute || usage.SpansWithUsage == 0 || usage.SpansWithFeature > 0)
        {
            yield break;
        }

        var files = string.Join(", ", usage.Files);
        string why;
        if (usage.Counts.FeatureAttributeSeen)
        {
            why = $"it is only on spans without token usage (or has no text value), not on the {NumberText.Count(usage.SpansWithUsage)} model-call spans that carry gen_ai.usage.*. "
                + "Set it on the model call's own span (its Activity), where the usage is recorded.";
        }
        else
        {
            var close = CloseNames(attribute, usage.Counts.OtherAttributeNames);
            why = $"none of their {NumberText.Count(usage.SpansWithUsage)} spans with usage carries it"
                + (close.Count > 0 ? $"; attributes the spans do carry that look close: {string.Join(", ", close.Select(n => $"'{n}'"))}. " : ". ")
                + "Span attributes are read, not resource attributes. Fix the attribute name, or add the attribute to the spans.";
        }

        yield return new Finding(
            FindingCodes.UsageFeatureAttributeOnNoSpan,
            FindingKind.UsageInput,
            null,
            0,
            $"{PropertyNames.UsageFeatureAttribute} is '{attribute}', but in the usage files ({files}) {why} "
            + "Until then no span is matched by feature: spans without a code location match by model only, and a feature's observed spend leaves them out.");
    }

    /// <summary>
    /// Names among <paramref name="seen"/> that look like <paramref name="attribute"/>: a small edit away, the same last
    /// segment (<c>feature</c> of <c>app.feature</c>), or containing that segment when it is not a short one.
    /// </summary>
    public static IReadOnlyList<string> CloseNames(string attribute, IEnumerable<string> seen)
    {
        var wanted = attribute.ToLowerInvariant();
        var last = LastSegment(wanted);
        var allowed = Math.Max(2, wanted.Length / 4);
        return seen
            .Select(name => (Name: name, Lower: name.ToLowerInvariant()))
            .Select(n => (n.Name, Distance: EditDistance.Compute(n.Lower, wanted), Related: LastSegment(n.Lower) == last || (last.Length >= 4 && n.Lower.Contains(last))))
            .Where(n => n.Distance <= allowed || n.Related)
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(n => n.Name)
            .ToList();
    }

    private static string LastSegment(string name)
    {
        var dot = name.LastIndexOfAny(new[] { '.', '_', '-', '/' });
        return dot < 0 || dot == name.Length - 1 ? name : name.Substring(dot + 1);
    }

    /// <summary>
    /// PB3016: a monthly budget (a feature's or the project's) that the observed spend is not checked against (PB3015
    /// cannot run): the spans carry no times, cover less than an hour, or none is attributed to the feature.
    /// </summary>
    public static IEnumerable<Finding> SpendNotChecked(UsageComparison usage, UsageSpend spend, IReadOnlyList<BudgetTotal> features, BudgetTotal project)
    {
        var budgets = features.Where(f => f.Limits.MaxMonthlyCostUsd is not null).Select(f => (Total: f, Subject: $"feature '{f.Name}'")).ToList();
        if (project.Limits.MaxMonthlyCostUsd is not null)
        {
            budgets.Add((project, $"project '{project.Name}'"));
        }

        if (budgets.Count == 0)
        {
            yield break;
        }

        if (!spend.CanProject)
        {
            var subjects = string.Join(", ", budgets.Select(b => $"{b.Subject} ({NumberText.Usd(b.Total.Limits.MaxMonthlyCostUsd!.Value)})"));
            yield return new Finding(
                FindingCodes.UsageSpendNotChecked,
                FindingKind.Incomplete,
                null,
                0,
                $"the monthly budget{(budgets.Count == 1 ? "" : "s")} of {subjects} {(budgets.Count == 1 ? "is" : "are")} not checked against the observed spend of the usage files (PB3015): {WhyNoProjection(usage, spend)}. "
                + $"A month is projected only from spans with start and end times that cover at least {UsageSpend.MinimumHours} hour: export a longer period (with span times) to check it.");
            yield break;
        }

        foreach (var (total, subject) in budgets.Where(b => b.Total != project && spend.Feature(b.Total.Name) is null))
        {
            var site = total.Largest;
            yield return new Finding(
                FindingCodes.UsageSpendNotChecked,
                FindingKind.Incomplete,
                site?.FullPath,
                site?.Line ?? 0,
                $"{subject}: its monthly budget of {NumberText.Usd(total.Limits.MaxMonthlyCostUsd!.Value)} is not checked against the observed spend of the usage files (PB3015): "
                + $"none of their {NumberText.Count(spend.Spans)} matched spans is attributed to its calls (spans count toward a feature by code location, by {usage.FeatureAttribute ?? PropertyNames.UsageFeatureAttribute}, "
                + "or by a model that only its calls use; spans matched by a model that calls of several features use count toward the project only). "
                + "If the feature ran in that period, record code.file.path and code.line.number on its spans, or set the feature attribute.",
                site?.Record.Column ?? 0);
        }
    }

    private static string WhyNoProjection(UsageComparison usage, UsageSpend spend)
    {
        if (spend.Spans == 0)
        {
            return usage.Counts.Spans == 0
                ? "the usage files hold no span"
                : $"none of their {NumberText.Count(usage.SpansWithUsage)} spans with usage matched a call of this project";
        }

        return spend.Period is { } period
            ? $"their {NumberText.Count(spend.Spans)} matched spans cover only {UsageFindings.Duration(period)}"
            : $"their {NumberText.Count(spend.Spans)} matched spans carry no start and end times (startTimeUnixNano, endTimeUnixNano), so the time they cover is not known";
    }

    /// <summary>PB3017: a usage file whose newest span ended more than <paramref name="maxAgeDays"/> days before <paramref name="today"/>.</summary>
    public static IEnumerable<Finding> OldData(IEnumerable<(string File, long? NewestUnixNano)> files, decimal maxAgeDays, DateTime today)
    {
        if (maxAgeDays <= 0)
        {
            yield break;
        }

        foreach (var (file, newest) in files)
        {
            if (newest is not { } nano)
            {
                continue;
            }

            var date = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(nano / 100);
            var age = (today - date).TotalDays;
            if (age <= (double)maxAgeDays)
            {
                continue;
            }

            yield return new Finding(
                FindingCodes.UsageDataOld,
                FindingKind.Usage,
                file,
                0,
                $"the newest span of the usage file '{file}' is from {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {age.ToString("0", CultureInfo.InvariantCulture)} days before this build, "
                + $"older than {PropertyNames.MaxUsageAgeDays} = {maxAgeDays.ToString(CultureInfo.InvariantCulture)}: the estimate-vs-actual comparison and the observed spend come from old traffic, possibly of older code. "
                + $"Export recent spans; {PropertyNames.MaxUsageAgeDays} = 0 turns this check off.");
        }
    }
}
