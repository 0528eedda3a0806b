using System;
using System.Globalization;
using System.Text;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Formatting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// One call site's "estimate vs actual" chart as inline SVG: the static worst case against the observed p95
/// and maximum, for input and for output, each pair on its own scale (output is usually far smaller). Drawn
/// here, with its own style inside the SVG, so the page needs no script and the same input gives the same bytes.
/// </summary>
public static class UsageSvgChart
{
    private const int Width = 640;
    private const int LabelWidth = 170;
    private const int ValueWidth = 150;
    private const int RowHeight = 18;
    private const int BarHeight = 12;
    private const int Gap = 8;

    private const string Style = "g.worst rect{fill:#0366d6}g.seen rect{fill:#6a737d}g.above rect{fill:#d73a49}rect.unknown{fill:none;stroke:#6a737d;stroke-dasharray:4 3}text{font-size:12px;fill:#24292e}";

    public static string Render(UsageGroup g)
    {
        var title = $"{UsageReportSection.Call(g)}: worst case against observed p95 and max ({NumberText.Count(g.Requests)} spans)";
        var height = (6 * RowHeight) + Gap + 8;
        var b = new StringBuilder();
        b.Append("<svg class=\"chart usage\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Width)
            .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" aria-label=\"").Append(ReportText.Html(title)).Append("\">\n");
        b.Append("<title>").Append(ReportText.Html(title)).Append("</title><style>").Append(Style).Append("</style>\n");
        var y = 4;
        Pair(b, ref y, "input", g.WorstCaseInputTokens, g.Input);
        y += Gap;
        Pair(b, ref y, "output", g.WorstCaseOutputTokens, g.Output);
        b.Append("</svg>");
        return b.ToString();
    }

    private static void Pair(StringBuilder b, ref int y, string what, long? worstCase, TokenDistribution seen)
    {
        var p95 = seen.Percentile(95);
        var scale = Math.Max(Math.Max(worstCase ?? 0, seen.Max), 1);
        Bar(b, ref y, $"{what} worst case", worstCase, scale, "worst", worstCase is null ? "unknown" : NumberText.Count(worstCase.Value) + " tokens");
        Bar(b, ref y, $"{what} p95 seen", p95, scale, Above(p95, worstCase), NumberText.Count(p95) + " tokens");
        Bar(b, ref y, $"{what} max seen", seen.Max, scale, Above(seen.Max, worstCase), NumberText.Count(seen.Max) + " tokens" + (worstCase is { } w && seen.Max > w ? " (above)" : ""));
    }

    private static string Above(long value, long? worstCase) => worstCase is { } w && value > w ? "above" : "seen";

    private static void Bar(StringBuilder b, ref int y, string label, long? value, long scale, string cssClass, string valueText)
    {
        var area = Width - LabelWidth - ValueWidth;
        var length = value is { } v ? (double)v / scale * area : area;
        if (value is > 0 && length < 1)
        {
            length = 1;
        }

        b.Append("<g class=\"").Append(cssClass).Append("\"><title>").Append(ReportText.Html(label + ": " + valueText)).Append("</title>");
        b.Append("<text x=\"").Append(LabelWidth - 8).Append("\" y=\"").Append(y + BarHeight - 2).Append("\" text-anchor=\"end\">").Append(ReportText.Html(label)).Append("</text>");
        b.Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(Px(length)).Append("\" height=\"").Append(BarHeight).Append('"')
            .Append(value is null ? " class=\"unknown\"" : "").Append("/>");
        b.Append("<text x=\"").Append(Px(LabelWidth + length + 6)).Append("\" y=\"").Append(y + BarHeight - 2).Append("\">").Append(ReportText.Html(valueText)).Append("</text></g>\n");
        y += RowHeight;
    }

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
