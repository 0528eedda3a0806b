using System.Linq;
using System.Text;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// The HTML report's "Estimate vs actual" section: the same summary, spend and rows as the Markdown one, and a
/// chart per row (<see cref="UsageSvgChart"/>). Nothing is written without usage files.
/// </summary>
public static class UsageHtmlSection
{
    /// <summary>Rows drawn as charts (the table has them all).</summary>
    public const int MaxCharts = 30;

    public static void Write(StringBuilder b, ReportModel model)
    {
        if (model.Usage is not { } u)
        {
            return;
        }

        b.Append("<h2 id=\"estimate-vs-actual\">Estimate vs actual</h2>\n");
        b.Append("<p>").Append(ReportText.Html(UsageReportSection.Summary(u))).Append(".</p>\n");
        if (UsageReportSection.SpendText(model) is { } spend)
        {
            b.Append("<p>").Append(ReportText.Html(spend)).Append("</p>\n");
        }

        var groups = u.Groups;
        if (groups.Count > 0)
        {
            b.Append("<table class=\"sortable usage\">\n<thead><tr>");
            foreach (var (name, type) in new[]
            {
                ("Call", "text"), ("Matched by", "text"), ("Model (code)", "text"), ("Requests", "number"),
                ("Input p50 / p95 / max", "number"), ("Worst-case input", "number"), ("Output p50 / p95 / max", "number"),
                ("Worst-case output", "number"), ("Cache read", "number"), ("Reasoning", "number"), ("Observed cost", "number"),
            })
            {
                b.Append("<th data-type=\"").Append(type).Append("\" aria-sort=\"none\">").Append(ReportText.Html(name)).Append("</th>");
            }

            b.Append("</tr></thead>\n<tbody>\n");
            foreach (var g in groups)
            {
                var above = UsageReportSection.InputAbove(g) || UsageReportSection.OutputAbove(g);
                b.Append(above ? "<tr class=\"over\">" : "<tr>");
                Td(b, UsageReportSection.Call(g), null);
                Td(b, UsageReportSection.MatchedBy(g.Match) + (g.Match == UsageMatch.Feature ? " " + g.Key : ""), null);
                Td(b, UsageReportSection.CodeModel(g), null);
                Td(b, NumberText.Count(g.Requests), Num(g.Requests));
                Td(b, Triple(g.Input) + (UsageReportSection.InputAbove(g) ? " ✖ above" : ""), Num(g.Input.Max));
                Td(b, NumberText.Count(g.WorstCaseInputTokens), Num(g.WorstCaseInputTokens));
                Td(b, Triple(g.Output) + (UsageReportSection.OutputAbove(g) ? " ✖ above" : ""), Num(g.Output.Max));
                Td(b, NumberText.Count(g.WorstCaseOutputTokens), g.WorstCaseOutputTokens is { } w ? Num(w) : null);
                Td(b, UsageReportSection.CacheShare(g), g.CacheReadShare is { } share ? Core.Json.JsonWriter.FormatDecimal(share) : null);
                Td(b, NumberText.Count(g.ReasoningOutputTokens), Num(g.ReasoningOutputTokens));
                Td(b, UsageReportSection.Cost(g), Core.Json.JsonWriter.FormatDecimal(g.CostUsd));
                b.Append("</tr>\n");
            }

            b.Append("</tbody>\n</table>\n");
            b.Append("<p class=\"note\">Percentiles: ").Append(ReportText.Html(UsageReportSection.Percentiles)).Append(". Output includes reasoning.</p>\n");
            foreach (var g in groups.Take(MaxCharts))
            {
                b.Append("<h3>").Append(ReportText.Html(UsageReportSection.Call(g) + " · " + UsageReportSection.CodeModel(g) + " · matched by " + UsageReportSection.MatchedBy(g.Match))).Append("</h3>\n");
                b.Append(UsageSvgChart.Render(g)).Append('\n');
            }

            if (groups.Count > MaxCharts)
            {
                b.Append("<p class=\"note\">Charts for the first ").Append(MaxCharts).Append(" of ").Append(NumberText.Int(groups.Count)).Append(" rows.</p>\n");
            }
        }

        if (u.UnmatchedModels.Count > 0)
        {
            b.Append("<p>Matched nothing: ").Append(ReportText.Html(string.Join(", ", u.UnmatchedModels.Select(c => $"{c.Key} ×{NumberText.Count(c.Value)}")))).Append(".</p>\n");
        }
    }

    private static string Triple(TokenDistribution d) =>
        $"{NumberText.Count(d.Percentile(50))} / {NumberText.Count(d.Percentile(95))} / {NumberText.Count(d.Max)}";

    private static string Num(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Td(StringBuilder b, string text, string? sortValue)
    {
        b.Append("<td");
        if (sortValue is not null)
        {
            b.Append(" data-value=\"").Append(ReportText.Html(sortValue)).Append('"');
        }

        b.Append('>').Append(ReportText.Html(text)).Append("</td>");
    }
}
