using System.Linq;
using System.Text;
using PromptBudget.Build.RateLimits;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Json;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.Reports;

/// <summary>
/// The "Rate limits" section of the three reports: one row per model or pool with each stated limit, the peak
/// worst case per minute and its share of the limit, and the assumed numbers it rests on. Only written when
/// <c>PromptBudgetRateLimit</c> items are given; the same input gives the same bytes.
/// </summary>
public static class RateLimitReportSection
{
    public const string Explanation =
        "Peak worst case per minute = the sum over features of peak requests per minute × model calls per request × what one call counts (1 request, or its worst-case tokens: input + max output for TPM). "
        + "The peak rates and calls per request are assumptions you state, not measurements. ≥ marks a figure that leaves traffic or tokens out. "
        + "Above 80% of a limit warns (PB3013), above 100% fails (PB3012); a call that cannot pass a limit by itself fails (PB3011); a limit that no call counts a known amount against is not checked (PB2007).";

    public static string Status(RateLimitPool pool) => pool.Level switch
    {
        HeadroomLevel.Over => "over",
        HeadroomLevel.Near => "warning",
        _ => pool.Uses.Any(u => u.IsNotChecked) ? "warning" : "ok",
    };

    private static SiteStatus Symbol(RateLimitPool pool) => Status(pool) switch
    {
        "over" => SiteStatus.Over,
        "warning" => SiteStatus.Warning,
        _ => SiteStatus.Ok,
    };

    /// <summary>"36,000 of 30,000 (120%)", "limit 30,000, no peak rate", or "—" when not stated.</summary>
    public static string Cell(RateLimitPool pool, RateLimitKind kind)
    {
        if (pool.Use(kind) is not { } use)
        {
            return "—";
        }

        if (use.IsNotChecked)
        {
            return $"limit {NumberText.Count(use.Limit)}, {RateLimitText.NotChecked(use)}";
        }

        if (use.PeakPerMinute is null)
        {
            return $"limit {NumberText.Count(use.Limit)}, no peak rate";
        }

        var text = $"{RateLimitText.PerMinute(use)} of {NumberText.Count(use.Limit)} ({RateLimitText.Percent(use)})";
        if (use.IfCachedPerMinute is { } cached)
        {
            text += $"; {NumberText.Count(decimal.Round(cached, 2))} if the cacheable prefix is read from the cache";
        }

        return text;
    }

    /// <summary>The assumed numbers of the row, and why a figure is only a lower bound.</summary>
    public static string Assumed(RateLimitPool pool)
    {
        var text = (pool.Peaks.Count > 0 || pool.FeaturesWithoutPeak.Count > 0 ? "peak: " + RateLimitText.Peaks(pool) + "; " : "") + RateLimitText.Calls(pool);
        var bounds = pool.Uses.Select(u => RateLimitText.LowerBoundReasons(pool, u)).Where(r => r.Length > 0).Distinct().ToList();
        if (bounds.Count > 0)
        {
            text += "; " + string.Join("; ", bounds);
        }

        if (pool.NeverPassing.Count > 0)
        {
            text += $"; {NumberText.Prompts(pool.NeverPassing.Count)} can never pass a limit (PB3011)";
        }

        return text;
    }

    public static void WriteMarkdown(StringBuilder b, ReportModel model)
    {
        if (model.RateLimits is not { } r)
        {
            return;
        }

        b.Append("### Rate limits\n\n").Append(ReportText.Markdown(Explanation)).Append("\n\n");
        if (r.Pools.Count > 0)
        {
            b.Append("| Status | Model or pool | Prompts | RPM | TPM | ITPM | OTPM | Assumed |\n|---|---|--:|---|---|---|---|---|\n");
            foreach (var pool in r.Pools)
            {
                b.Append("| ").Append(ReportModel.Symbol(Symbol(pool)));
                b.Append(" | ").Append(ReportText.Markdown(RateLimitText.Models(pool)));
                b.Append(" | ").Append(NumberText.Int(pool.Sites.Count));
                foreach (var kind in RateLimitKinds.All)
                {
                    b.Append(" | ").Append(ReportText.Markdown(Cell(pool, kind)));
                }

                b.Append(" | ").Append(ReportText.Markdown(Assumed(pool))).Append(" |\n");
            }

            b.Append('\n');
        }
        else
        {
            b.Append("No limit covers a call of this project.\n\n");
        }

        if (r.Unmatched.Count > 0)
        {
            b.Append("Limits that match no call (PB2007): ").Append(ReportText.Markdown(string.Join(", ", r.Unmatched.Select(u => u.Models.Text)))).Append(".\n\n");
        }
    }

    public static void WriteHtml(StringBuilder b, ReportModel model)
    {
        if (model.RateLimits is not { } r)
        {
            return;
        }

        b.Append("<h2>Rate limits</h2>\n<p class=\"note\">").Append(ReportText.Html(Explanation)).Append("</p>\n");
        if (r.Pools.Count == 0)
        {
            b.Append("<p>No limit covers a call of this project.</p>\n");
        }
        else
        {
            b.Append(RateLimitChart.Render(r.Pools)).Append('\n');
            b.Append("<table id=\"rate-limits\">\n<thead><tr><th>Status</th><th>Model or pool</th><th>Prompts</th><th>RPM</th><th>TPM</th><th>ITPM</th><th>OTPM</th><th>Assumed</th></tr></thead>\n<tbody>\n");
            foreach (var pool in r.Pools)
            {
                var status = Status(pool);
                var label = status switch { "over" => "over", "warning" => "check", _ => "ok" };
                b.Append("<tr class=\"").Append(status).Append("\"><td><span class=\"badge ").Append(status).Append("\">").Append(label).Append("</span></td>");
                Td(b, RateLimitText.Models(pool));
                Td(b, NumberText.Int(pool.Sites.Count));
                foreach (var kind in RateLimitKinds.All)
                {
                    Td(b, Cell(pool, kind));
                }

                Td(b, Assumed(pool));
                b.Append("</tr>\n");
            }

            b.Append("</tbody>\n</table>\n");
        }

        if (r.Unmatched.Count > 0)
        {
            b.Append("<p class=\"note\">Limits that match no call (PB2007): ").Append(ReportText.Html(string.Join(", ", r.Unmatched.Select(u => u.Models.Text)))).Append(".</p>\n");
        }
    }

    public static void WriteJson(JsonWriter w, ReportModel model)
    {
        if (model.RateLimits is not { } r)
        {
            return;
        }

        w.Name("rateLimits").StartObject();
        w.Property("nearPercent", Headroom.NearPercent);
        w.Property("overPercent", Headroom.OverPercent);
        w.Property("projectPeakRequestsPerMinute", r.Peaks.Project);
        w.Name("pools").StartArray();
        foreach (var pool in r.Pools)
        {
            w.StartObject();
            w.Property("models", pool.Name);
            w.Property("pattern", pool.Limit.Models.IsPattern);
            Strings(w, "modelsCalled", pool.Models);
            Strings(w, "callSiteIds", pool.Sites.Select(s => s.Id));
            w.Property("level", Status(pool));
            Strings(w, "neverPassCallSiteIds", pool.NeverPassing.Select(s => s.Id));
            w.Name("limits").StartArray();
            foreach (var use in pool.Uses)
            {
                w.StartObject();
                w.Property("kind", RateLimitKinds.Label(use.Kind));
                w.Property("attribute", RateLimitKinds.Attribute(use.Kind));
                w.Property("limit", use.Limit);
                w.Property("peakPerMinute", Round(use.PeakPerMinute));
                w.Property("percent", Round(use.Percent));
                w.Property("lowerBound", use.LowerBound);
                w.Property("level", use.IsNotChecked ? "not-checked" : use.Level switch { HeadroomLevel.Over => "over", HeadroomLevel.Near => "warning", _ => "ok" });
                if (use.IsNotChecked)
                {
                    w.Property("notChecked", RateLimitText.NotChecked(use));
                }

                w.Property("largestCallSiteId", use.Largest?.Id);
                w.Property("unknownCallSites", use.UnknownSites);
                if (use.IfCachedPerMinute is { } cached)
                {
                    w.Property("peakPerMinuteIfCached", Round(cached));
                }

                w.EndObject();
            }

            w.EndArray();
            w.Name("assumed").StartObject();
            w.Name("peakRequestsPerMinute").StartArray();
            foreach (var peak in pool.Peaks)
            {
                w.StartObject();
                w.Property("feature", peak.Feature);
                w.Property("requestsPerMinute", peak.RequestsPerMinute);
                w.Property("source", peak.Source);
                w.EndObject();
            }

            w.EndArray();
            w.Name("callsPerRequest").StartArray();
            foreach (var site in pool.Sites)
            {
                var calls = RequestCalls.ModelCallsPerRequest(site.Record);
                w.StartObject();
                w.Property("id", site.Id);
                w.Property("calls", calls.Calls);
                w.Property("source", calls.Source);
                w.EndObject();
            }

            w.EndArray();
            w.EndObject();
            Strings(w, "featuresWithoutPeak", pool.FeaturesWithoutPeak);
            w.EndObject();
        }

        w.EndArray();
        Strings(w, "unmatched", r.Unmatched.Select(u => u.Models.Text));
        w.EndObject();
    }

    private static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 2, System.MidpointRounding.AwayFromZero) : null;

    private static void Strings(JsonWriter w, string name, System.Collections.Generic.IEnumerable<string> values)
    {
        w.Name(name).StartArray();
        foreach (var value in values)
        {
            w.Value(value);
        }

        w.EndArray();
    }

    private static void Td(StringBuilder b, string text) => b.Append("<td>").Append(ReportText.Html(text)).Append("</td>");
}
