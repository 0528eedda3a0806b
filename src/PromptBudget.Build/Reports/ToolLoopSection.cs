using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// The "Agent loops" section of the Markdown and HTML reports: for each call that runs an automatic tool loop, the
/// cap and where it comes from, the tool-result allowance, and the worst case of one request (every model call of the
/// loop), which is what the feature and project totals count for it. A number PromptBudget assumed (a library's
/// default cap, the default tool-result allowance) is marked "assumed" in the row that uses it. The JSON report has
/// the same values in each call site's record (<c>loopIterationCap</c>, <c>loopIterationCapSource</c>, <c>requestWorstCaseCostUsd</c>, …).
/// </summary>
public static class ToolLoopSection
{
    public const string Heading = "Agent loops: one request, many model calls";

    public const string Explanation =
        "Each call of a tool loop resends the conversation so far and every tool definition, plus the assistant's tool call and the tool results. "
        + "The worst case per request adds up every call up to the cap; it is what the feature and project budgets count for the call.";

    public static List<ReportCallSite> Loops(ReportModel model) => model.ByCost.Where(s => s.Record.HasToolLoop).ToList();

    /// <summary>"40 (library default, assumed: …)", "5 (literal)", "unknown (…)".</summary>
    public static string Cap(CallSiteRecord r) =>
        (r.LoopIterationCap is { } cap ? NumberText.Count(cap) : "unknown") + " (" + r.LoopIterationCapSource switch
        {
            "library-default" => "library default, assumed: " + r.LoopIterationCapDetail,
            "configuration" => "configuration: " + r.LoopIterationCapDetail,
            "literal" => "set in code",
            _ => "cannot be known: " + r.LoopIterationCapDetail,
        } + ")";

    /// <summary>"1,000 (assumed)" or "4,000".</summary>
    public static string ToolResults(CallSiteRecord r) =>
        NumberText.Count(r.ToolResultTokens) + (r.ToolResultTokensAssumed ? " (assumed; prompt_budget.tool_result_tokens)" : "");

    public static string Tokens(CallSiteRecord r) =>
        r.RequestInputTokens is { } input ? NumberText.Count(input) + " in, " + NumberText.Count(r.RequestOutputTokens) + " out" : "unknown";

    public static void WriteMarkdown(StringBuilder b, ReportModel model)
    {
        var loops = Loops(model);
        if (loops.Count == 0)
        {
            return;
        }

        b.Append("### ").Append(Heading).Append("\n\n").Append(Explanation).Append("\n\n");
        b.Append("| Call site | Model | Cap (model calls) | Tool results per call | Tokens per request | Per call | Worst case per request |\n|---|---|---|--:|--:|--:|--:|\n");
        foreach (var site in loops.Take(MarkdownReportWriter.MaxRows))
        {
            var r = site.Record;
            b.Append("| ").Append(ReportText.Markdown(site.File)).Append(':').Append(NumberText.Int(site.Line));
            b.Append(" | ").Append(ReportText.Markdown(site.ModelName));
            b.Append(" | ").Append(ReportText.Markdown(Cap(r)));
            b.Append(" | ").Append(ReportText.Markdown(ToolResults(r)));
            b.Append(" | ").Append(ReportText.Markdown(Tokens(r)));
            b.Append(" | ").Append(SiteReasons.Cost(r));
            b.Append(" | **").Append(NumberText.Usd(r.RequestWorstCaseCostUsd)).Append("** |\n");
        }

        b.Append('\n');
    }

    public static void WriteHtml(StringBuilder b, ReportModel model)
    {
        var loops = Loops(model);
        if (loops.Count == 0)
        {
            return;
        }

        b.Append("<h2>").Append(ReportText.Html(Heading)).Append("</h2>\n<p class=\"note\">").Append(ReportText.Html(Explanation)).Append("</p>\n");
        b.Append("<table class=\"sortable\" id=\"loops\">\n<thead><tr>");
        HtmlReportWriter.Th(b, "Call site", "text");
        HtmlReportWriter.Th(b, "Model", "text");
        HtmlReportWriter.Th(b, "Cap (model calls)", "number");
        HtmlReportWriter.Th(b, "Tool results per call", "number");
        HtmlReportWriter.Th(b, "Tokens per request", "number");
        HtmlReportWriter.Th(b, "Per call", "number");
        HtmlReportWriter.Th(b, "Worst case per request", "number");
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var site in loops)
        {
            var r = site.Record;
            b.Append("<tr>");
            HtmlReportWriter.Td(b, site.File + ":" + NumberText.Int(site.Line), null);
            HtmlReportWriter.Td(b, site.ModelName, null);
            HtmlReportWriter.Td(b, Cap(r), r.LoopIterationCap is { } cap ? HtmlReportWriter.Num(cap) : "Infinity");
            HtmlReportWriter.Td(b, ToolResults(r), HtmlReportWriter.Num(r.ToolResultTokens ?? 0));
            HtmlReportWriter.Td(b, Tokens(r), r.RequestInputTokens is { } input ? HtmlReportWriter.Num(input) : "Infinity");
            HtmlReportWriter.Td(b, SiteReasons.Cost(r), r.WorstCaseCostUsd is { } w ? HtmlReportWriter.Num(w) : "Infinity");
            HtmlReportWriter.Td(b, NumberText.Usd(r.RequestWorstCaseCostUsd), r.RequestWorstCaseCostUsd is { } q ? HtmlReportWriter.Num(q) : "Infinity");
            b.Append("</tr>\n");
        }

        b.Append("</tbody>\n</table>\n");
    }
}
