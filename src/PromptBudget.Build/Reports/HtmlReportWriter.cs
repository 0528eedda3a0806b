using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// promptbudget.html: one self-contained page (inline CSS, inline SVG charts drawn here, a few lines of
/// inline script to sort tables; nothing from the network). Every piece of text from code is
/// HTML-escaped, so a prompt containing <c>&lt;script&gt;</c> stays text. No JSON is embedded.
/// </summary>
public static class HtmlReportWriter
{
    public const string FileName = "promptbudget.html";

    /// <summary>Bars in the call-site chart (the most expensive ones).</summary>
    public const int MaxBars = 30;

    public static string Write(ReportModel model)
    {
        var title = "PromptBudget: " + model.Project + (model.TargetFramework.Length > 0 ? " (" + model.TargetFramework + ")" : "");
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.Append("<title>").Append(ReportText.Html(title)).Append("</title>\n");
        b.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        b.Append("<h1>").Append(ReportText.Html(title)).Append("</h1>\n");
        b.Append("<p class=\"summary\">").Append(ReportText.Html(Summary(model))).Append("</p>\n");
        if (model.Redacted)
        {
            b.Append("<p class=\"note\">Prompt text is redacted.</p>\n");
        }

        WriteFindings(b, model);
        WriteCharts(b, model);
        WriteSites(b, model);
        ToolLoopSection.WriteHtml(b, model);
        WriteFeatures(b, model);
        RateLimitReportSection.WriteHtml(b, model);
        UsageHtmlSection.Write(b, model);
        if (model.Baseline is { } baseline)
        {
            WriteBaseline(b, baseline);
        }

        b.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return b.ToString();
    }

    private static string Summary(ReportModel model)
    {
        var total = model.ProjectTotal;
        var text = total.NothingPriced
            ? $"{NumberText.Prompts(model.Sites.Count)} · no prompt has a known cost: {MarkdownReportWriter.NothingPricedReason(total)}"
            : $"{NumberText.Prompts(model.Sites.Count)} · worst case {(total.Incomplete ? "at least " : "")}{NumberText.Usd(total.PerRequestUsd)} per request in total";
        if (total.MonthlyUsd is { } monthly && !total.NothingPriced)
        {
            text += $", {NumberText.Usd(monthly)} per month";
        }

        text += model.PriceTableDate is { } date ? $" · prices of {date}" : " · no prices";
        if (total.Incomplete && !total.NothingPriced)
        {
            text += $" · incomplete: {NumberText.Prompts(total.UnknownCostSites)} with no known cost (not counted as $0)";
        }

        if (!model.InputsComplete)
        {
            text += " · incomplete: some compiler results could not be read";
        }

        return text;
    }

    private static void WriteFindings(StringBuilder b, ReportModel model)
    {
        if (model.Findings.Count == 0)
        {
            return;
        }

        b.Append("<h2>Findings</h2>\n<ul class=\"findings\">\n");
        foreach (var finding in model.Findings)
        {
            b.Append("<li class=\"").Append(finding.Kind == FindingKind.Budget ? "over" : "warning").Append("\"><b>").Append(finding.Code).Append("</b> ");
            if (finding.FilePath is not null)
            {
                b.Append("<code>").Append(ReportText.Html(model.RelativeFile(finding)));
                if (finding.Line > 0)
                {
                    b.Append('(').Append(NumberText.Int(finding.Line)).Append(')');
                }

                b.Append("</code> ");
            }

            b.Append(ReportText.Html(finding.Message)).Append("</li>\n");
        }

        b.Append("</ul>\n");
    }

    private static void WriteCharts(StringBuilder b, ReportModel model)
    {
        if (model.Sites.Count == 0)
        {
            b.Append("<p>No prompts found.</p>\n");
            return;
        }

        b.Append("<h2>Worst-case cost per call, by call site</h2>\n");
        var siteBars = model.ByCost.Take(MaxBars)
            .Select(s => new SvgBarChart.Bar(
                s.File + ":" + NumberText.Int(s.Line) + " " + s.ModelName,
                s.Record.WorstCaseCostUsd,
                NumberText.Usd(s.Record.WorstCaseCostUsd),
                s.File + ":" + NumberText.Int(s.Line) + " " + s.Record.Member + " — " + s.ModelName + " — " + NumberText.Usd(s.Record.WorstCaseCostUsd),
                ReportModel.Word(model.StatusOf(s))))
            .ToList();
        b.Append(SvgBarChart.Render("Worst-case cost per call by call site", siteBars)).Append('\n');
        if (model.Sites.Count > MaxBars)
        {
            b.Append("<p class=\"note\">The ").Append(MaxBars).Append(" most expensive of ").Append(NumberText.Int(model.Sites.Count)).Append(" call sites.</p>\n");
        }

        b.Append("<h2>Worst-case cost per request, by feature</h2>\n");
        var featureBars = model.Features
            .Select(f => new SvgBarChart.Bar(
                f.Name,
                f.Incomplete && f.PerRequestUsd == 0 ? null : f.PerRequestUsd,
                MarkdownReportWriter.PerRequest(f),
                f.Name + " — " + NumberText.Prompts(f.Sites.Count) + " — " + MarkdownReportWriter.PerRequest(f) + " per request"
                    + (f.Limits.MaxCostPerRequestUsd is { } max ? " (budget " + NumberText.Usd(max) + ")" : ""),
                f.Over ? "over" : f.Incomplete ? "warning" : "ok"))
            .ToList();
        b.Append(SvgBarChart.Render("Worst-case cost per request by feature", featureBars)).Append('\n');
    }

    private static void WriteSites(StringBuilder b, ReportModel model)
    {
        if (model.Sites.Count == 0)
        {
            return;
        }

        b.Append("<h2>Call sites</h2>\n<table class=\"sortable\" id=\"call-sites\">\n<thead><tr>");
        Th(b, "Status", "text");
        Th(b, "Call site", "text");
        Th(b, "Member", "text");
        Th(b, "Feature", "text");
        Th(b, "Model", "text");
        Th(b, "Tokens in", "number");
        Th(b, "Max out", "number");
        Th(b, "Worst case", "number");
        Th(b, "Cached", "number");
        Th(b, "Why", "text");
        if (!model.Redacted)
        {
            Th(b, "Prompt", "text");
        }

        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var site in model.ByCost)
        {
            var r = site.Record;
            var status = model.StatusOf(site);
            b.Append("<tr id=\"site-").Append(site.Id).Append("\" class=\"").Append(ReportModel.Word(status)).Append("\">");
            Badge(b, status);
            Td(b, site.File + ":" + NumberText.Int(site.Line), site.File + ":" + site.Line.ToString("D8", CultureInfo.InvariantCulture));
            Td(b, r.Member + (r.TemplateFormat is null ? "" : " (" + r.TemplateFormat + " template)"), null);
            Td(b, site.Feature, null);
            Td(b, site.ModelName, null);
            Td(b, MarkdownReportWriter.TokensIn(site), Num(r.InputTokens));
            Td(b, MarkdownReportWriter.MaxOut(r.MaxOutputTokens, r.MaxOutputSource), r.MaxOutputTokens is { } m ? Num(m) : "Infinity");
            Td(b, MarkdownReportWriter.WorstCase(r), r.WorstCaseCostUsd is { } w ? Num(w) : "Infinity");
            Td(b, r.CachedCaseCostUsd is { } c ? NumberText.Usd(c) : "—", r.CachedCaseCostUsd is { } c2 ? Num(c2) : "");
            Td(b, string.Join("; ", model.ReasonsOf(site)), null);
            if (!model.Redacted)
            {
                b.Append("<td class=\"preview\">").Append(ReportText.Html(ReportText.Truncate(r.Preview))).Append("</td>");
            }

            b.Append("</tr>\n");
        }

        b.Append("</tbody>\n</table>\n<p class=\"note\">").Append(ReportText.Html(ReportModel.Legend.Replace("**", ""))).Append("</p>\n");
        if (model.CountingNote is { } note)
        {
            b.Append("<p class=\"note\">").Append(ReportText.Html(note)).Append("</p>\n");
        }
    }

    // A status drawn with text and CSS: it needs no emoji font.
    private static void Badge(StringBuilder b, SiteStatus status)
    {
        var word = ReportModel.Word(status);
        var label = status switch { SiteStatus.Over => "over", SiteStatus.Warning => "check", _ => "ok" };
        b.Append("<td data-value=\"").Append(word).Append("\"><span class=\"badge ").Append(word).Append("\">").Append(label).Append("</span></td>");
    }

    private static void WriteFeatures(StringBuilder b, ReportModel model)
    {
        b.Append("<h2>Features</h2>\n<table class=\"sortable\" id=\"features\">\n<thead><tr>");
        Th(b, "Status", "text");
        Th(b, "Feature", "text");
        Th(b, "Prompts", "number");
        Th(b, "Per request", "number");
        Th(b, "Budget", "number");
        Th(b, "Per month", "number");
        Th(b, "Monthly budget", "number");
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var feature in model.Features)
        {
            TotalRow(b, feature.Name, feature);
        }

        b.Append("</tbody>\n<tfoot>\n");
        TotalRow(b, model.TotalLabel, model.ProjectTotal);
        b.Append("</tfoot>\n</table>\n");
    }

    private static void TotalRow(StringBuilder b, string name, BudgetTotal total)
    {
        var status = total.Over ? SiteStatus.Over : total.LowerBound ? SiteStatus.Warning : SiteStatus.Ok;
        b.Append("<tr class=\"").Append(ReportModel.Word(status)).Append("\">");
        Badge(b, status);
        Td(b, name, null);
        Td(b, NumberText.Int(total.Sites.Count), NumberText.Int(total.Sites.Count));
        Td(b, MarkdownReportWriter.PerRequest(total) + TotalNotes.FormedBy(total), Num(total.PerRequestUsd));
        Td(b, total.Limits.MaxCostPerRequestUsd is { } max ? NumberText.Usd(max) : "—", total.Limits.MaxCostPerRequestUsd is { } m ? Num(m) : "");
        Td(b, total.MonthlyUsd is { } monthly ? (total.LowerBound ? "≥ " : "") + NumberText.Usd(monthly) : "—", total.MonthlyUsd is { } mo ? Num(mo) : "");
        Td(b, total.Limits.MaxMonthlyCostUsd is { } maxMonthly ? NumberText.Usd(maxMonthly) : "—", total.Limits.MaxMonthlyCostUsd is { } mm ? Num(mm) : "");
        b.Append("</tr>\n");
    }

    private static void WriteBaseline(StringBuilder b, BaselineDiff diff)
    {
        b.Append("<h2>Since the baseline</h2>\n<p>").Append(NumberText.Int(diff.Added.Count)).Append(" added, ")
            .Append(NumberText.Int(diff.Removed.Count)).Append(" removed, ").Append(NumberText.Int(diff.Changed.Count)).Append(" changed (")
            .Append(NumberText.Int(diff.Changed.Count(c => c.Regression))).Append(" grew by more than ").Append(ReportText.Html(NumberText.Percent(diff.MaxGrowthPercent))).Append(").</p>\n");
        if (diff.Added.Count + diff.Removed.Count + diff.Changed.Count == 0)
        {
            return;
        }

        b.Append("<table class=\"sortable\" id=\"baseline\">\n<thead><tr>");
        Th(b, "Change", "text");
        Th(b, "Call site", "text");
        Th(b, "Member", "text");
        Th(b, "Model", "text");
        Th(b, "Tokens in", "text");
        Th(b, "Worst case", "text");
        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var change in diff.Changed)
        {
            var site = change.After;
            b.Append("<tr class=\"").Append(change.Regression ? "over" : "ok").Append("\">");
            Td(b, change.Regression ? "grew" : "changed", null);
            Td(b, site.File + ":" + NumberText.Int(site.Line), null);
            Td(b, site.Record.Member, null);
            Td(b, (change.Before.Model ?? "unknown") == site.ModelName ? site.ModelName : (change.Before.Model ?? "unknown") + " → " + site.ModelName, null);
            Td(b, NumberText.Count(change.Before.InputTokens) + " → " + NumberText.Count(site.Record.InputTokens), null);
            Td(b, NumberText.Usd(change.Before.WorstCaseCostUsd) + " → " + NumberText.Usd(site.Record.WorstCaseCostUsd), null);
            b.Append("</tr>\n");
        }

        foreach (var site in diff.Added)
        {
            b.Append("<tr>");
            Td(b, "added", null);
            Td(b, site.File + ":" + NumberText.Int(site.Line), null);
            Td(b, site.Record.Member, null);
            Td(b, site.ModelName, null);
            Td(b, NumberText.Count(site.Record.InputTokens), null);
            Td(b, NumberText.Usd(site.Record.WorstCaseCostUsd), null);
            b.Append("</tr>\n");
        }

        foreach (var site in diff.Removed)
        {
            b.Append("<tr>");
            Td(b, "removed", null);
            Td(b, site.File + ":" + NumberText.Int(site.Line), null);
            Td(b, site.Member, null);
            Td(b, site.Model ?? "unknown", null);
            Td(b, NumberText.Count(site.InputTokens), null);
            Td(b, NumberText.Usd(site.WorstCaseCostUsd), null);
            b.Append("</tr>\n");
        }

        b.Append("</tbody>\n</table>\n");
    }

    internal static void Th(StringBuilder b, string text, string type) =>
        b.Append("<th data-type=\"").Append(type).Append("\" aria-sort=\"none\">").Append(ReportText.Html(text)).Append("</th>");

    internal static void Td(StringBuilder b, string text, string? sortValue)
    {
        b.Append("<td");
        if (sortValue is not null)
        {
            b.Append(" data-value=\"").Append(ReportText.Html(sortValue)).Append('"');
        }

        b.Append('>').Append(ReportText.Html(text)).Append("</td>");
    }

    internal static string Num(decimal value) => Core.Json.JsonWriter.FormatDecimal(value);

    private const string Css = @"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#1b1f23;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.summary{font-size:15px}.note{color:#586069}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid #e1e4e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}
td.preview{font-size:13px;min-width:24em;white-space:normal;overflow-wrap:anywhere;color:#444}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff}.badge.over{background:#cb2431}.badge.warning{background:#b08800}.badge.ok{background:#22863a}
tr.over td{background:#ffeef0}tr.warning td{background:#fffbdd}tfoot td{font-weight:600}
ul.findings li.over{color:#b31d28}ul.findings li.warning{color:#735c0f}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart rect{fill:#0366d6}svg.chart g.over rect{fill:#d73a49}svg.chart g.warning rect{fill:#dbab09}
svg.chart g rect.unknown{fill:none;stroke:#6a737d;stroke-dasharray:4 3}
svg.chart text{font-size:12px;fill:#24292e}
";

    private const string Script = @"(function () {
  'use strict';
  function key(cell, numeric) {
    var v = cell.getAttribute('data-value');
    if (v === null) { v = cell.textContent; }
    if (numeric) { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
    return v.toLowerCase();
  }
  function sort(table, index, th) {
    var numeric = th.getAttribute('data-type') === 'number';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, i) { return { row: row, i: i }; });
    rows.sort(function (a, b) {
      var x = key(a.row.cells[index], numeric), y = key(b.row.cells[index], numeric);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return (ascending ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    if (!table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.tabIndex = 0;
      th.addEventListener('click', function () { sort(table, index, th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(table, index, th); }
      });
    });
  });
  document.documentElement.setAttribute('data-sortable', 'ready');
})();
";
}
