using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Json;

namespace PromptBudget.Build.Reports;

/// <summary>
/// The "Estimate vs actual" section of the reports: the usage files' spans per call site against the static
/// worst case. Only written when usage files are given; the same input gives the same bytes.
/// </summary>
public static class UsageReportSection
{
    public const string Percentiles = "nearest rank; exact up to 4,096 spans per row, above that from a histogram at most 0.8% above the true value; max is always exact";

    public static string MatchedBy(UsageMatch match) => match switch
    {
        UsageMatch.Location => "location",
        UsageMatch.Feature => "feature",
        _ => "model",
    };

    /// <summary>The call a row is about: the site (by location), or the sites of a feature or model.</summary>
    public static string Call(UsageGroup g) =>
        g.Match == UsageMatch.Location || g.Sites.Count == 1 ? g.Site.Location : $"{g.Sites.Count} calls";

    /// <summary>The model the code names for the row (the site's, the feature's, or the matched model).</summary>
    public static string CodeModel(UsageGroup g) => g.Match switch
    {
        UsageMatch.Location => g.Site.ModelName,
        UsageMatch.Feature => string.Join(", ", g.Sites.Select(s => s.ModelName).Distinct().OrderBy(m => m, System.StringComparer.Ordinal)),
        _ => g.Key,
    };

    public static string CacheShare(UsageGroup g) => g.CacheReadShare is { } share ? NumberText.Percent(System.Math.Round(share * 100m, 1)) : "—";

    public static string Cost(UsageGroup g) =>
        g.UnpricedSpans == g.Requests ? "unknown" : (g.UnpricedSpans > 0 ? "≥ " : "") + NumberText.Usd(g.CostUsd);

    /// <summary>The observed spend and its monthly projection, in one sentence (null when the spans were not priced).</summary>
    public static string? SpendText(ReportModel model)
    {
        if (model.Usage is not { Priced: true } u)
        {
            return null;
        }

        var spend = new UsageSpend(u);
        var atLeast = spend.UnpricedSpans > 0 ? "at least " : "";
        var text = $"Observed spend: {atLeast}{NumberText.Usd(spend.ObservedUsd)} by {NumberText.Count(spend.Spans)} matched spans"
            + (u.PriceDate is { } date ? $" (prices of {date}, the estimates' table)" : "")
            + (spend.UnpricedSpans > 0 ? $"; {NumberText.Count(spend.UnpricedSpans)} spans of models with no price not counted" : "")
            + (u.UnmatchedCostUsd > 0 ? $"; {NumberText.Usd(u.UnmatchedCostUsd)} more by spans that matched nothing, left out" : "");
        if (spend.Period is not { } period)
        {
            return text + ". The spans carry no times, so the spend is not projected over a month.";
        }

        if (!spend.CanProject)
        {
            return text + $", in {Findings.UsageFindings.Duration(period)}: less than {UsageSpend.MinimumHours} hour, too short to project over a month.";
        }

        text += $", in {Findings.UsageFindings.Duration(period)}: {atLeast}{NumberText.Usd(Round(spend.MonthlyUsd!.Value))} per {UsageSpend.DaysPerMonth}-day month at that rate";
        var budget = model.ProjectTotal.Limits.MaxMonthlyCostUsd;
        text += budget is { } b ? $" (project budget {NumberText.Usd(b)}{(spend.MonthlyUsd > b ? ", over: PB3015" : "")})" : "";
        var features = spend.Features.Select(f =>
        {
            var limit = model.Features.FirstOrDefault(x => string.Equals(x.Name, f.Name, System.StringComparison.OrdinalIgnoreCase))?.Limits.MaxMonthlyCostUsd;
            return $"{f.Name} {NumberText.Usd(Round(f.MonthlyUsd!.Value))}" + (limit is { } l ? $" of {NumberText.Usd(l)}{(f.MonthlyUsd > l ? " (over: PB3015)" : "")}" : "");
        }).ToList();
        return text + (features.Count > 0 ? "; per feature: " + string.Join(", ", features) : "") + ".";
    }

    private static decimal Round(decimal usd) => System.Math.Round(usd, 6, System.MidpointRounding.AwayFromZero);

    public static bool InputAbove(UsageGroup g) => g.Input.Max > g.WorstCaseInputTokens;

    public static bool OutputAbove(UsageGroup g) => g.WorstCaseOutputTokens is { } w && g.Output.Max > w;

    public static string Summary(UsageComparison u) =>
        $"{NumberText.Count(u.Counts.Spans)} spans in {string.Join(", ", u.Files)}: {NumberText.Count(u.MatchedByLocation)} matched a call by file and line, "
        + (u.FeatureAttribute is { } attribute ? $"{NumberText.Count(u.MatchedByFeature)} by feature ({attribute}), " : "")
        + $"{NumberText.Count(u.MatchedByModel)} by model alone, {NumberText.Count(u.Unmatched)} matched nothing; "
        + $"{NumberText.Count(u.Counts.WithoutUsage)} without token usage skipped"
        + (u.Counts.UnreadableSpans + u.Counts.UnreadableLines > 0 ? $"; {NumberText.Count(u.Counts.UnreadableSpans)} spans and {NumberText.Count(u.Counts.UnreadableLines)} lines unusable (PB2006)" : "");

    public static void WriteMarkdown(StringBuilder b, ReportModel model)
    {
        if (model.Usage is not { } u)
        {
            return;
        }

        b.Append("### Estimate vs actual\n\n");
        b.Append(ReportText.Markdown(Summary(u))).Append(".\n\n");
        var groups = u.Groups;
        if (groups.Count > 0)
        {
            b.Append("| Call | Matched by | Model (code) | Seen | Requests | Input p50 / p95 / max | Worst-case input | Output p50 / p95 / max | Worst-case output | Cache read | Reasoning | Observed cost |\n");
            b.Append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var g in groups.Take(MarkdownReportWriter.MaxRows))
            {
                b.Append("| ").Append(ReportText.Markdown(Call(g)))
                    .Append(" | ").Append(MatchedBy(g.Match) + (g.Match == UsageMatch.Feature ? " " + g.Key : ""))
                    .Append(" | ").Append(ReportText.Markdown(CodeModel(g)))
                    .Append(" | ").Append(ReportText.Markdown(Models(g.Models, g.OtherModels)))
                    .Append(" | ").Append(NumberText.Count(g.Requests))
                    .Append(" | ").Append(Triple(g.Input)).Append(InputAbove(g) ? " **✖ above**" : "")
                    .Append(" | ").Append(NumberText.Count(g.WorstCaseInputTokens))
                    .Append(" | ").Append(Triple(g.Output)).Append(OutputAbove(g) ? " **✖ above**" : "")
                    .Append(" | ").Append(NumberText.Count(g.WorstCaseOutputTokens))
                    .Append(" | ").Append(CacheShare(g))
                    .Append(" | ").Append(NumberText.Count(g.ReasoningOutputTokens))
                    .Append(" | ").Append(Cost(g))
                    .Append(" |\n");
            }

            if (groups.Count > MarkdownReportWriter.MaxRows)
            {
                b.Append($"\n{NumberText.Count(groups.Count - MarkdownReportWriter.MaxRows)} more rows in promptbudget.json.\n");
            }

            b.Append("\nPercentiles: ").Append(Percentiles).Append(". Cache read: the share of input tokens read from the cache; output includes reasoning.\n");
        }

        if (SpendText(model) is { } spend)
        {
            b.Append('\n').Append(ReportText.Markdown(spend)).Append('\n');
        }

        if (u.UnmatchedModels.Count > 0)
        {
            b.Append("\nMatched nothing: ").Append(ReportText.Markdown(Models(u.UnmatchedModels, 0))).Append(".\n");
        }

        b.Append('\n');
    }

    public static void WriteJson(JsonWriter w, ReportModel model)
    {
        if (model.Usage is not { } u)
        {
            return;
        }

        w.Name("estimateVsActual").StartObject();
        w.Name("files").StartArray();
        foreach (var file in u.Files)
        {
            w.Value(file);
        }

        w.EndArray();
        w.Property("spans", u.Counts.Spans);
        w.Property("withoutUsage", u.Counts.WithoutUsage);
        w.Property("unreadableSpans", u.Counts.UnreadableSpans);
        w.Property("unreadableLines", u.Counts.UnreadableLines);
        w.Property("matchedByLocation", u.MatchedByLocation);
        w.Property("featureAttribute", u.FeatureAttribute);
        w.Property("matchedByFeature", u.MatchedByFeature);
        w.Property("matchedByModel", u.MatchedByModel);
        w.Property("unmatched", u.Unmatched);
        w.Property("percentiles", Percentiles);
        w.Name("rows").StartArray();
        foreach (var g in u.Groups)
        {
            w.StartObject();
            w.Property("matchedBy", MatchedBy(g.Match));
            w.Property("id", g.Site.Id);
            w.Property("file", g.Site.File);
            w.Property("line", g.Site.Line);
            w.Property("model", CodeModel(g));
            if (g.Match == UsageMatch.Feature)
            {
                w.Property("feature", g.Key);
            }

            if (g.Match != UsageMatch.Location)
            {
                w.Name("siteIds").StartArray();
                foreach (var site in g.Sites)
                {
                    w.Value(site.Id);
                }

                w.EndArray();
            }

            w.Property("requests", g.Requests);
            WriteCounts(w, "observedModels", g.Models);
            if (g.OtherModels > 0)
            {
                w.Property("otherModelSpans", g.OtherModels);
            }

            WriteCounts(w, "driftModels", g.DriftModels);
            WriteDistribution(w, "inputTokens", g.Input, g.WorstCaseInputTokens, InputAbove(g));
            WriteDistribution(w, "outputTokens", g.Output, g.WorstCaseOutputTokens, OutputAbove(g));
            w.Property("cacheReadInputTokens", g.CacheReadInputTokens);
            w.Property("cacheCreationInputTokens", g.CacheCreationInputTokens);
            w.Property("reasoningOutputTokens", g.ReasoningOutputTokens);
            w.Property("cacheReadShare", g.CacheReadShare is { } share ? System.Math.Round(share, 4, System.MidpointRounding.AwayFromZero) : null);
            if (u.Priced)
            {
                w.Property("observedCostUsd", g.CostUsd);
                w.Property("unpricedSpans", g.UnpricedSpans);
            }

            if (Findings.UsageFindings.MaxOutputAdvice(g) is { } advice)
            {
                w.Name("maxOutputAdvice").StartObject();
                w.Property("maxOutputTokens", advice.MaxOutput);
                w.Property("observedOutputP99", advice.P99);
                w.Property("suggested", advice.Suggested);
                w.EndObject();
            }

            w.EndObject();
        }

        w.EndArray();
        WriteCounts(w, "unmatchedModels", u.UnmatchedModels);
        if (u.Priced)
        {
            WriteSpend(w, model, u);
        }

        w.EndObject();
    }

    private static void WriteSpend(JsonWriter w, ReportModel model, UsageComparison u)
    {
        var spend = new UsageSpend(u);
        w.Name("spend").StartObject();
        w.Property("priceDate", u.PriceDate);
        w.Property("observedUsd", spend.ObservedUsd);
        w.Property("unpricedSpans", spend.UnpricedSpans);
        w.Property("unmatchedUsd", u.UnmatchedCostUsd);
        w.Property("periodSeconds", spend.Period is { } p ? (long?)(long)p.TotalSeconds : null);
        w.Property("daysPerMonth", (long)UsageSpend.DaysPerMonth);
        w.Property("monthlyUsd", spend.MonthlyUsd is { } m ? Round(m) : null);
        w.Property("monthlyBudgetUsd", model.ProjectTotal.Limits.MaxMonthlyCostUsd);
        w.Name("features").StartArray();
        foreach (var f in spend.Features)
        {
            w.StartObject();
            w.Property("feature", f.Name);
            w.Property("observedUsd", f.ObservedUsd);
            w.Property("monthlyUsd", f.MonthlyUsd is { } fm ? Round(fm) : null);
            w.Property("monthlyBudgetUsd", model.Features.FirstOrDefault(x => string.Equals(x.Name, f.Name, System.StringComparison.OrdinalIgnoreCase))?.Limits.MaxMonthlyCostUsd);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
    }

    private static void WriteDistribution(JsonWriter w, string name, TokenDistribution d, long? worstCase, bool above)
    {
        w.Name(name).StartObject();
        w.Property("p50", d.Percentile(50));
        w.Property("p95", d.Percentile(95));
        w.Property("p99", d.Percentile(99));
        w.Property("max", d.Max);
        w.Property("exact", d.IsExact);
        w.Property("worstCase", worstCase);
        w.Property("aboveWorstCase", above);
        w.EndObject();
    }

    private static void WriteCounts(JsonWriter w, string name, SortedDictionary<string, long> counts)
    {
        w.Name(name).StartArray();
        foreach (var pair in counts)
        {
            w.StartObject();
            w.Property("model", pair.Key);
            w.Property("spans", pair.Value);
            w.EndObject();
        }

        w.EndArray();
    }

    private static string Triple(TokenDistribution d) =>
        $"{NumberText.Count(d.Percentile(50))} / {NumberText.Count(d.Percentile(95))} / {NumberText.Count(d.Max)}";

    private static string Models(SortedDictionary<string, long> counts, long other) =>
        string.Join(", ", counts.Select(c => $"{c.Key} ×{NumberText.Count(c.Value)}")) + (other > 0 ? $", other ×{NumberText.Count(other)}" : "");
}
