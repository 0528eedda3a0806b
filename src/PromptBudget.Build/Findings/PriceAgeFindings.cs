using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptBudget.Build.Configuration;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Findings;

/// <summary>
/// PB3007: prices must not go stale silently. The price date travels with every call site's payload;
/// when the oldest one is more than the allowed number of days before today, the build says so.
/// The check lives in the task, not the analyzer: an analyzer's results must not depend on the clock.
/// </summary>
public static class PriceAgeFindings
{
    /// <summary>The default allowed age: a price table refreshed twice a year stays quiet.</summary>
    public const int DefaultMaxAgeDays = 180;

    public static IEnumerable<Finding> For(IReadOnlyList<ReportCallSite> sites, decimal maxAgeDays, DateTime today)
    {
        if (maxAgeDays <= 0)
        {
            yield break;
        }

        var dates = sites.Select(s => ParseDate(s.Record.PriceDate)).OfType<DateTime>().ToList();
        if (dates.Count == 0)
        {
            yield break;
        }

        var oldest = dates.Min();
        var age = (today.Date - oldest).TotalDays;
        if (age <= (double)maxAgeDays)
        {
            yield break;
        }

        var date = oldest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yield return new Finding(
            FindingCodes.PricesOutOfDate,
            FindingKind.Prices,
            null,
            0,
            $"the prices are from {date}, {age.ToString("0", CultureInfo.InvariantCulture)} days ago, older than {PropertyNames.MaxPriceAgeDays} = {maxAgeDays.ToString(CultureInfo.InvariantCulture)}: "
            + "the costs may be out of date. Update the PromptBudget package, or pass a newer LiteLLM price file with PromptBudgetPriceFile; "
            + $"{PropertyNames.MaxPriceAgeDays} = 0 turns this check off.");
    }

    private static DateTime? ParseDate(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
