using System.Linq;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using N = PromptBudget.Core.Reporting.CallSiteFieldNames;

namespace PromptBudget.Build.Reports;

/// <summary>
/// promptbudget.json: a stable, versioned report. The same input gives the same bytes: fixed field
/// order, sorted lists, invariant numbers, no timestamp, "\n" line ends. Call sites keep their id when
/// lines move, so two reports diff well. A call site's values have the names of the analyzer's payload
/// (<see cref="CallSiteFieldNames"/>), in the call-site list and in the baseline diff alike.
/// </summary>
public static class JsonReportWriter
{
    /// <summary>
    /// 2: each call site is the id, every <see cref="CallSiteFields"/> field under its one name
    /// (OpenTelemetry GenAI names, no aliases; budgets flat), then the status. 1 had camelCase names
    /// beside GenAI aliases and a nested <c>budget</c> object; <see cref="BaselineReader"/> reads both.
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>The report's id of a call site (see <see cref="Model.CallSiteId"/>), first in each entry.</summary>
    public const string IdName = "id";

    public const string FileName = "promptbudget.json";

    // Where a site is and what the baseline compares, as the baseline diff shows them.
    private static readonly CallSiteField[] Place = CallSiteFields.Named(N.File, N.Line, N.Member);
    private static readonly CallSiteField[] Compared = CallSiteFields.Named(N.Model, N.ResolvedModel, N.InputTokens, N.WorstCaseCostUsd);

    public static string Write(ReportModel model)
    {
        var w = new JsonWriter(indented: true);
        w.StartObject();
        w.Property("schemaVersion", SchemaVersion);
        w.Property("project", model.Project);
        w.Property("targetFramework", model.TargetFramework);
        w.Property("priceTableDate", model.PriceTableDate);
        w.Property("complete", model.Complete);
        w.Property("redacted", model.Redacted);
        w.Name("callSites").StartArray();
        foreach (var site in model.Sites)
        {
            WriteSite(w, site, model);
        }

        w.EndArray();
        w.Name("features").StartArray();
        foreach (var feature in model.Features)
        {
            w.StartObject();
            w.Property("name", feature.Name);
            WriteTotal(w, feature);
            w.EndObject();
        }

        w.EndArray();
        w.Name("totals").StartObject();
        WriteTotal(w, model.ProjectTotal);
        w.EndObject();
        if (model.Baseline is { } baseline)
        {
            WriteBaseline(w, baseline);
        }

        RateLimitReportSection.WriteJson(w, model);
        UsageReportSection.WriteJson(w, model);
        w.Name("findings").StartArray();

        // PB3007 depends on today's date; the JSON report stays the same bytes for the same input
        // (its priceTableDate carries the fact), so only the log and the Markdown/HTML pages show it.
        foreach (var finding in model.Findings.Where(f => f.Kind != FindingKind.Prices))
        {
            w.StartObject();
            w.Property("code", finding.Code);
            w.Property("file", finding.FilePath is null ? null : model.RelativeFile(finding));
            w.Property("line", finding.Line);
            w.Property("column", finding.Column);
            w.Property("message", finding.Message);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
        return w.ToString() + "\n";
    }

    private static void WriteSite(JsonWriter w, ReportCallSite site, ReportModel model)
    {
        w.StartObject();
        w.Property(IdName, site.Id);
        CallSiteFields.Write(w, Reported(site, model.Redacted));
        w.Property("status", ReportModel.Word(model.StatusOf(site)));
        w.EndObject();
    }

    /// <summary>
    /// The record as the report shows it: the project-relative file and the line of the log, the
    /// feature as the <c>features</c> list names it (<c>(none)</c> for none), and no preview when redacted.
    /// </summary>
    private static CallSiteRecord Reported(ReportCallSite site, bool redacted)
    {
        var r = site.Record.Copy();
        r.File = site.File;
        r.Line = site.Line;
        r.Feature = site.Feature;
        r.Preview = redacted ? "" : r.Preview;
        return r;
    }

    private static void WriteTotal(JsonWriter w, BudgetTotal total)
    {
        w.Property("sites", total.Sites.Count);
        w.Name("callSiteIds").StartArray();
        foreach (var site in total.Sites)
        {
            w.Value(site.Id);
        }

        w.EndArray();
        w.Property("perRequestUsd", total.PerRequestUsd);
        w.Property("formedBy", total.FormedBy);
        w.Property("monthlyUsd", total.MonthlyUsd);
        w.Property("incomplete", total.Incomplete);
        w.Property("unknownCostSites", total.UnknownCostSites);
        w.Property("largestCallSiteId", total.Largest?.Id);
        w.Name("budgets").StartObject();
        w.Property("maxCostPerRequestUsd", total.Limits.MaxCostPerRequestUsd);
        w.Property("callsPerMonth", total.Limits.CallsPerMonth);
        w.Property("maxMonthlyCostUsd", total.Limits.MaxMonthlyCostUsd);
        w.EndObject();
        w.Property("overPerRequest", total.OverPerRequest);
        w.Property("overMonthly", total.OverMonthly);
    }

    private static void WriteBaseline(JsonWriter w, BaselineDiff diff)
    {
        w.Name("baseline").StartObject();
        w.Property("maxGrowthPercent", diff.MaxGrowthPercent);
        w.Name("added").StartArray();

        // The diff writes no preview, so whether it is redacted does not matter here.
        foreach (var site in diff.Added)
        {
            WriteDiffSite(w, site.Id, Reported(site, redacted: true));
        }

        w.EndArray();
        w.Name("removed").StartArray();
        foreach (var site in diff.Removed)
        {
            WriteDiffSite(w, site.Id, site.Record);
        }

        w.EndArray();
        w.Name("changed").StartArray();
        foreach (var change in diff.Changed)
        {
            var after = Reported(change.After, redacted: true);
            w.StartObject();
            w.Property(IdName, change.After.Id);
            WriteFields(w, after, Place);
            w.Name("before").StartObject();
            WriteFields(w, change.Before.Record, Compared);
            w.EndObject();
            w.Name("after").StartObject();
            WriteFields(w, after, Compared);
            w.EndObject();
            w.Property("inputTokensGrowthPercent", change.InputTokensGrowthPercent);
            w.Property("worstCaseCostGrowthPercent", change.CostGrowthPercent);
            w.Property("regression", change.Regression);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
    }

    private static void WriteDiffSite(JsonWriter w, string id, CallSiteRecord record)
    {
        w.StartObject();
        w.Property(IdName, id);
        WriteFields(w, record, Place);
        WriteFields(w, record, Compared);
        w.EndObject();
    }

    private static void WriteFields(JsonWriter w, CallSiteRecord record, CallSiteField[] fields)
    {
        foreach (var field in fields)
        {
            field.Write(w, record);
        }
    }
}
