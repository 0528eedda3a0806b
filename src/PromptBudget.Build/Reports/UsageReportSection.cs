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

    public static string MatchedBy(UsageMatch match) => match == UsageMatch.Location ? "location" : "model";

    public static bool InputAbove(UsageGroup g) => g.Input.Max > g.WorstCaseInputTokens;

    public static bool OutputAbove(UsageGroup g) => g.WorstCaseOutputTokens is { } w && g.Output.Max > w;

    public static string Summary(UsageComparison u) =>
        $"{NumberText.Count(u.Counts.Spans)} spans in {string.Join(", ", u.Files)}: {NumberText.Count(u.MatchedByLocation)} matched a call by file and line, "
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
            b.Append("| Call | Matched by | Model (code) | Seen | Requests | Input p50 / p95 / max | Worst-case input | Output p50 / p95 / max | Worst-case output |\n");
            b.Append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var g in groups.Take(MarkdownReportWriter.MaxRows))
            {
                var call = g.Match == UsageMatch.Location ? g.Site.Location : (g.Sites.Count == 1 ? g.Site.Location : $"{g.Sites.Count} calls");
                b.Append("| ").Append(ReportText.Markdown(call))
                    .Append(" | ").Append(MatchedBy(g.Match))
                    .Append(" | ").Append(ReportText.Markdown(g.Match == UsageMatch.Location ? g.Site.ModelName : g.Key))
                    .Append(" | ").Append(ReportText.Markdown(Models(g.Models, g.OtherModels)))
                    .Append(" | ").Append(NumberText.Count(g.Requests))
                    .Append(" | ").Append(Triple(g.Input)).Append(InputAbove(g) ? " **✖ above**" : "")
                    .Append(" | ").Append(NumberText.Count(g.WorstCaseInputTokens))
                    .Append(" | ").Append(Triple(g.Output)).Append(OutputAbove(g) ? " **✖ above**" : "")
                    .Append(" | ").Append(NumberText.Count(g.WorstCaseOutputTokens))
                    .Append(" |\n");
            }

            if (groups.Count > MarkdownReportWriter.MaxRows)
            {
                b.Append($"\n{NumberText.Count(groups.Count - MarkdownReportWriter.MaxRows)} more rows in promptbudget.json.\n");
            }

            b.Append("\nPercentiles: ").Append(Percentiles).Append(".\n");
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
            w.Property("model", g.Match == UsageMatch.Location ? g.Site.ModelName : g.Key);
            if (g.Match == UsageMatch.Model)
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
            w.EndObject();
        }

        w.EndArray();
        WriteCounts(w, "unmatchedModels", u.UnmatchedModels);
        w.EndObject();
    }

    private static void WriteDistribution(JsonWriter w, string name, TokenDistribution d, long? worstCase, bool above)
    {
        w.Name(name).StartObject();
        w.Property("p50", d.Percentile(50));
        w.Property("p95", d.Percentile(95));
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
