using System.Linq;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Core.Json;

namespace PromptBudget.Build.Reports;

/// <summary>
/// promptbudget.json: a stable, versioned report. The same input gives the same bytes: fixed field
/// order, sorted lists, invariant numbers, no timestamp, "\n" line ends. Call sites keep their id when
/// lines move, so two reports diff well. Where OpenTelemetry GenAI has a name for a field, that name is
/// written beside ours as an alias (<c>gen_ai.request.model</c>, <c>gen_ai.usage.input_tokens</c>,
/// <c>gen_ai.request.max_tokens</c>).
/// </summary>
public static class JsonReportWriter
{
    public const int SchemaVersion = 1;

    public const string FileName = "promptbudget.json";

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
        var r = site.Record;
        w.StartObject();
        w.Property("id", site.Id);
        w.Property("file", site.File).Property("line", site.Line).Property("column", r.Column);
        w.Property("member", r.Member).Property("ordinal", r.Ordinal);
        w.Property("feature", site.Feature).Property("callsPerRequest", r.CallsPerRequest);
        w.Property("sdk", r.Sdk);
        w.Property("model", r.Model).Property("gen_ai.request.model", r.Model);
        w.Property("modelSource", r.ModelSource).Property("resolvedModel", r.ResolvedModel);
        w.Property("encoding", r.Encoding).Property("exact", r.Exact).Property("tokenizerFactor", r.TokenizerFactor);
        w.Property("inputTokens", r.InputTokens).Property("gen_ai.usage.input_tokens", r.InputTokens);
        w.Property("staticTokens", r.StaticTokens).Property("overheadTokens", r.OverheadTokens);
        w.Property("boundedDynamicTokens", r.BoundedDynamicTokens).Property("assumedUnboundedTokens", r.AssumedUnboundedTokens);
        w.Property("unboundedSegments", r.UnboundedSegments);
        w.Name("segments").StartArray();
        foreach (var segment in r.Segments)
        {
            w.StartObject().Property("name", segment.Name).Property("boundTokens", segment.BoundTokens).EndObject();
        }

        w.EndArray();
        w.Property("maxOutputTokens", r.MaxOutputTokens).Property("gen_ai.request.max_tokens", r.MaxOutputTokens);
        w.Property("maxOutputSource", r.MaxOutputSource);
        w.Property("reasoningTokens", r.ReasoningTokens);
        w.Property("cacheablePrefixTokens", r.CacheablePrefixTokens);
        w.Property("contextWindow", r.ContextWindow).Property("canOverflowContextWindow", r.CanOverflowContextWindow);
        w.Property("inputCostUsd", r.InputCostUsd).Property("outputCostUsd", r.OutputCostUsd);
        w.Property("worstCaseCostUsd", r.WorstCaseCostUsd);
        w.Property("cachedCaseCostUsd", r.CachedCaseCostUsd);
        w.Property("cacheWriteCaseCostUsd", r.CacheWriteCaseCostUsd);
        w.Property("preview", model.Redacted ? "" : r.Preview);
        w.Name("budget").StartObject();
        w.Property("maxInputTokens", r.BudgetMaxInputTokens).Property("maxOutputTokens", r.BudgetMaxOutputTokens);
        w.Property("maxCostPerCallUsd", r.BudgetMaxCostPerCallUsd);
        w.EndObject();
        w.Name("violations").StartArray();
        foreach (var v in r.Violations)
        {
            w.StartObject().Property("kind", v.Kind).Property("limit", v.Limit).Property("actual", v.Actual).Property("unit", v.Unit).EndObject();
        }

        w.EndArray();
        w.Property("status", ReportModel.Word(model.StatusOf(site)));
        w.EndObject();
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
        foreach (var site in diff.Added)
        {
            w.StartObject();
            w.Property("id", site.Id).Property("file", site.File).Property("line", site.Line).Property("member", site.Record.Member);
            w.Property("model", site.Record.ResolvedModel ?? site.Record.Model);
            w.Property("inputTokens", site.Record.InputTokens).Property("worstCaseCostUsd", site.Record.WorstCaseCostUsd);
            w.EndObject();
        }

        w.EndArray();
        w.Name("removed").StartArray();
        foreach (var site in diff.Removed)
        {
            w.StartObject();
            w.Property("id", site.Id).Property("file", site.File).Property("line", site.Line).Property("member", site.Member);
            w.Property("model", site.Model).Property("inputTokens", site.InputTokens).Property("worstCaseCostUsd", site.WorstCaseCostUsd);
            w.EndObject();
        }

        w.EndArray();
        w.Name("changed").StartArray();
        foreach (var change in diff.Changed)
        {
            var site = change.After;
            w.StartObject();
            w.Property("id", site.Id).Property("file", site.File).Property("line", site.Line).Property("member", site.Record.Member);
            w.Name("before").StartObject();
            w.Property("model", change.Before.Model).Property("inputTokens", change.Before.InputTokens).Property("worstCaseCostUsd", change.Before.WorstCaseCostUsd);
            w.EndObject();
            w.Name("after").StartObject();
            w.Property("model", site.Record.ResolvedModel ?? site.Record.Model).Property("inputTokens", site.Record.InputTokens).Property("worstCaseCostUsd", site.Record.WorstCaseCostUsd);
            w.EndObject();
            w.Property("inputTokensGrowthPercent", change.InputTokensGrowthPercent);
            w.Property("worstCaseCostGrowthPercent", change.CostGrowthPercent);
            w.Property("regression", change.Regression);
            w.EndObject();
        }

        w.EndArray();
        w.EndObject();
    }
}
