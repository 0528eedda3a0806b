using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PromptBudget.Build.RateLimits;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.Reports;

/// <summary>
/// One bar per model or pool: the peak worst case as a share of its tightest stated limit, with the limit (100%)
/// drawn as a solid line and the warning threshold (80%) as a dashed one. Inline SVG, no script or network.
/// </summary>
public static class RateLimitChart
{
    private const int Width = 760;
    private const int LabelWidth = 300;
    private const int ValueWidth = 150;
    private const int RowHeight = 24;
    private const int BarHeight = 14;
    private const int Top = 18;

    public static string Render(IReadOnlyList<RateLimitPool> pools)
    {
        var rows = pools.Select(p => (Pool: p, Use: Tightest(p))).ToList();
        var largest = rows.Select(r => r.Use?.Percent ?? 0m).DefaultIfEmpty(0m).Max();

        // The scale always shows the limit with room past it, and grows with the largest bar.
        var scale = (double)Math.Max(125m, largest * 1.05m);
        var area = Width - LabelWidth - ValueWidth;
        double X(decimal percent) => LabelWidth + ((double)percent / scale * area);
        var height = Top + (rows.Count * RowHeight) + 6;
        const string Title = "Peak worst case as a share of each model's tightest rate limit";

        var b = new StringBuilder();
        b.Append("<svg class=\"chart rate-limits\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(Width)
            .Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" aria-label=\"").Append(Title).Append("\">\n<title>").Append(Title).Append("</title>\n");
        Line(b, X(Headroom.NearPercent), height, "near", "80%");
        Line(b, X(Headroom.OverPercent), height, "limit", "limit");
        for (var i = 0; i < rows.Count; i++)
        {
            var (pool, use) = rows[i];
            var y = Top + (i * RowHeight);
            var cssClass = use is null ? "warning" : use.Level switch { HeadroomLevel.Over => "over", HeadroomLevel.Near => "warning", _ => "ok" };
            var length = use?.Percent is { } p ? Math.Max(p > 0 ? 1 : 0, X(p) - LabelWidth) : area;
            var missing = pool.Uses.FirstOrDefault(u => u.IsNotChecked) is { } notChecked ? $"{RateLimitKinds.Label(notChecked.Kind)} not checked" : "no peak rate";
            var value = use is null ? missing : $"{RateLimitKinds.Label(use.Kind)} {RateLimitText.Percent(use)}";
            var tooltip = RateLimitText.Models(pool) + " — " + string.Join("; ", pool.Uses.Where(u => u.PeakPerMinute is not null).Select(RateLimitText.Use)
                .Concat(pool.Uses.Where(u => u.IsNotChecked).Select(u => $"{RateLimitKinds.Label(u.Kind)} {RateLimitText.NotChecked(u)}"))
                .DefaultIfEmpty("no peak rate"));
            b.Append("<g class=\"").Append(cssClass).Append("\"><title>").Append(ReportText.Html(tooltip)).Append("</title>");
            b.Append("<text x=\"").Append(LabelWidth - 8).Append("\" y=\"").Append(y + BarHeight - 3).Append("\" text-anchor=\"end\">")
                .Append(ReportText.Html(ReportText.Truncate(RateLimitText.Models(pool), 44))).Append("</text>");
            b.Append("<rect x=\"").Append(LabelWidth).Append("\" y=\"").Append(y).Append("\" width=\"").Append(Px(length)).Append("\" height=\"").Append(BarHeight)
                .Append("\" rx=\"2\"").Append(use?.Percent is null ? " class=\"unknown\"" : "").Append("/>");
            // The value sits in its own column right of the scale, so it never crosses the 80% or limit line.
            b.Append("<text x=\"").Append(LabelWidth + area + 8).Append("\" y=\"").Append(y + BarHeight - 3).Append("\">").Append(ReportText.Html(value)).Append("</text></g>\n");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    /// <summary>The stated limit the peak uses most of; null when no call of the pool has a peak rate.</summary>
    public static RateLimitUse? Tightest(RateLimitPool pool) =>
        pool.Uses.Where(u => u.Percent is not null).OrderByDescending(u => u.Percent!.Value).ThenBy(u => u.Kind).FirstOrDefault();

    private static void Line(StringBuilder b, double x, int height, string cssClass, string label)
    {
        b.Append("<line class=\"").Append(cssClass).Append("\" x1=\"").Append(Px(x)).Append("\" x2=\"").Append(Px(x)).Append("\" y1=\"14\" y2=\"").Append(height)
            .Append("\" stroke=\"").Append(cssClass == "limit" ? "#cb2431" : "#b08800").Append('"').Append(cssClass == "limit" ? "" : " stroke-dasharray=\"4 3\"").Append("/>");
        b.Append("<text x=\"").Append(Px(x)).Append("\" y=\"11\" text-anchor=\"middle\">").Append(label).Append("</text>\n");
    }

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
