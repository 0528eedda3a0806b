using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PromptBudget.Build.Reports;

/// <summary>A horizontal bar chart as inline SVG, drawn here so the HTML report needs no script or network.</summary>
public static class SvgBarChart
{
    private const int Width = 760;
    private const int LabelWidth = 300;
    private const int ValueWidth = 110;
    private const int RowHeight = 22;
    private const int BarHeight = 14;

    /// <summary>A bar: label, value (null = unknown, drawn as a hatched full-width bar), tooltip, CSS class.</summary>
    public sealed class Bar
    {
        public Bar(string label, decimal? value, string valueText, string tooltip, string cssClass)
        {
            Label = label;
            Value = value;
            ValueText = valueText;
            Tooltip = tooltip;
            CssClass = cssClass;
        }

        public string Label { get; }

        public decimal? Value { get; }

        public string ValueText { get; }

        public string Tooltip { get; }

        public string CssClass { get; }
    }

    public static string Render(string title, IReadOnlyList<Bar> bars)
    {
        var b = new StringBuilder();
        var height = (bars.Count * RowHeight) + 8;
        var max = bars.Where(x => x.Value is not null).Select(x => x.Value!.Value).DefaultIfEmpty(0m).Max();
        var barArea = Width - LabelWidth - ValueWidth;
        b.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Width)
            .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" aria-label=\"").Append(ReportText.Html(title)).Append("\">\n");
        b.Append("<title>").Append(ReportText.Html(title)).Append("</title>\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = (i * RowHeight) + 4;
            var length = bar.Value is { } v ? (max > 0 ? (double)(v / max) * barArea : 0) : barArea;
            if (bar.Value is > 0 && length < 1)
            {
                length = 1;
            }

            b.Append("<g class=\"").Append(ReportText.Html(bar.CssClass)).Append("\"><title>").Append(ReportText.Html(bar.Tooltip)).Append("</title>");
            b.Append("<text class=\"label\" x=\"").Append(LabelWidth - 8).Append("\" y=\"").Append(y + BarHeight - 3)
                .Append("\" text-anchor=\"end\">").Append(ReportText.Html(ReportText.Truncate(bar.Label, 44))).Append("</text>");
            b.Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(Px(length))
                .Append("\" height=\"").Append(BarHeight).Append("\" rx=\"2\"").Append(bar.Value is null ? " class=\"unknown\"" : "").Append("/>");
            b.Append("<text class=\"value\" x=\"").Append(Px(LabelWidth + length + 6)).Append("\" y=\"").Append(y + BarHeight - 3).Append("\">")
                .Append(ReportText.Html(bar.ValueText)).Append("</text></g>\n");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
