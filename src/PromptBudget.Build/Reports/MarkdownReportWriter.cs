using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Reports;

/// <summary>
/// promptbudget.md: a summary that fits a pull request comment or <c>$GITHUB_STEP_SUMMARY</c>: the
/// totals, the findings, the call sites most expensive first, the features and the baseline diff.
/// </summary>
public static class MarkdownReportWriter
{
    public const string FileName = "promptbudget.md";

    /// <summary>Rows per table; a PR comment holds about 65,000 characters.</summary>
    public const int MaxRows = 100;

    public static string Write(ReportModel model)
    {
        var b = new StringBuilder();
        b.Append("## PromptBudget: ").Append(ReportText.Markdown(model.Project));
        if (model.TargetFramework.Length > 0)
        {
            b.Append(" (").Append(ReportText.Markdown(model.TargetFramework)).Append(')');
        }

        b.Append("\n\n").Append(Summary(model)).Append("\n\n");
        WriteFindings(b, model);
        WriteSites(b, model);
        ToolLoopSection.WriteMarkdown(b, model);
        WriteFeatures(b, model);
        if (model.Baseline is { } baseline)
        {
            WriteBaseline(b, baseline);
        }

        RateLimitReportSection.WriteMarkdown(b, model);
        UsageReportSection.WriteMarkdown(b, model);
        return b.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>"**3 prompts** · worst case **$0.42** per request in total · prices of 2026-07-24".</summary>
    public static string Summary(ReportModel model)
    {
        var total = model.ProjectTotal;
        var text = total.NothingPriced
            ? $"**{NumberText.Prompts(model.Sites.Count)}** · **no prompt has a known cost**: {NothingPricedReason(total)}"
            : $"**{NumberText.Prompts(model.Sites.Count)}** · worst case **{(total.LowerBound ? "at least " : "")}{NumberText.Usd(total.PerRequestUsd)}** per request in total";
        if (total.MonthlyUsd is { } monthly && !total.NothingPriced)
        {
            text += $", {NumberText.Usd(monthly)} per month";
        }

        text += model.PriceTableDate is { } date ? $" · prices of {ReportText.Markdown(date)}" : " · no prices";
        if (total.Incomplete && !total.NothingPriced)
        {
            text += $" · incomplete: {NumberText.Prompts(total.UnknownCostSites)} with no known cost (not counted as $0)";
        }

        if (total.UnsizedSites > 0)
        {
            text += $" · {NumberText.Prompts(total.UnsizedSites)} with parts of unknown size (left out of the total)";
        }

        if (!model.InputsComplete)
        {
            text += " · incomplete: not every call site could be read (see the findings)";
        }

        return text;
    }

    private static void WriteFindings(StringBuilder b, ReportModel model)
    {
        if (model.Findings.Count == 0)
        {
            return;
        }

        b.Append("### Findings\n\n");
        foreach (var finding in model.Findings)
        {
            b.Append("- ").Append(finding.Kind == FindingKind.Budget ? "✖" : "!").Append(" **").Append(finding.Code).Append("**");
            if (finding.FilePath is not null)
            {
                b.Append(' ').Append(ReportText.Markdown(model.RelativeFile(finding)));
                if (finding.Line > 0)
                {
                    b.Append('(').Append(NumberText.Int(finding.Line)).Append(')');
                }
            }

            b.Append(": ").Append(ReportText.Markdown(finding.Message)).Append('\n');
        }

        b.Append('\n');
    }

    /// <summary>A prompt file's function and template language (and the code that loads it), after its path: " (GenerateStory, handlebars template; loaded by Program.cs:14)".</summary>
    internal static string PromptFileNote(CallSiteRecord r) =>
        r.TemplateFormat is null ? "" : " (" + r.Member + ", " + r.TemplateFormat + " template" + (r.LoadedBy is null ? "" : "; loaded by " + LoadedByPlaces(r.LoadedBy)) + ")";

    // "Program.cs:14 (path 'x')" → "Program.cs:14": the table cell names where, the JSON report says how.
    private static string LoadedByPlaces(string loadedBy) =>
        string.Join(", ", loadedBy.Split(new[] { "; " }, System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Distinct());

    private static void WriteSites(StringBuilder b, ReportModel model)
    {
        b.Append("### Call sites, most expensive first\n\n");
        if (model.Sites.Count == 0)
        {
            b.Append("No prompts found.\n\n");
            return;
        }

        b.Append(model.Redacted
            ? "| Status | Call site | Model | Tokens in | Max out | Worst case | Cached | Why |\n|---|---|---|--:|--:|--:|--:|---|\n"
            : "| Status | Call site | Model | Tokens in | Max out | Worst case | Cached | Why | Prompt |\n|---|---|---|--:|--:|--:|--:|---|---|\n");
        foreach (var site in model.ByCost.Take(MaxRows))
        {
            var r = site.Record;
            b.Append("| ").Append(ReportModel.Symbol(model.StatusOf(site)));
            b.Append(" | ").Append(ReportText.Markdown(site.File)).Append(':').Append(NumberText.Int(site.Line)).Append(ReportText.Markdown(PromptFileNote(r)));
            b.Append(" | ").Append(ReportText.Markdown(site.ModelName + ModelSourceNote(r)));
            b.Append(" | ").Append(ReportText.Markdown(TokensIn(site)));
            b.Append(" | ").Append(ReportText.Markdown(MaxOut(r.MaxOutputTokens, r.MaxOutputSource)));
            b.Append(" | ").Append(WorstCase(r));
            b.Append(" | ").Append(r.CachedCaseCostUsd is { } cached ? NumberText.Usd(cached) : "—");
            b.Append(" | ").Append(ReportText.Markdown(string.Join("; ", model.ReasonsOf(site))));
            if (!model.Redacted)
            {
                b.Append(" | ").Append(ReportText.Markdown(ReportText.Truncate(r.Preview)));
            }

            b.Append(" |\n");
        }

        if (model.Sites.Count > MaxRows)
        {
            b.Append("\n…and ").Append(NumberText.Int(model.Sites.Count - MaxRows)).Append(" more call sites (see promptbudget.html or promptbudget.json).\n");
        }

        b.Append('\n').Append(ReportModel.Legend).Append("\n\n");
        if (model.CountingNote is { } note)
        {
            b.Append(ReportText.Markdown(note)).Append("\n\n");
        }
    }

    // Where a model not written in code came from: configuration (and whether environments disagreed), or the default.
    private static string ModelSourceNote(Core.Reporting.CallSiteRecord r) => r.ModelSource switch
    {
        "configuration" when r.ModelSourceDetail?.IndexOf("environments disagree", System.StringComparison.Ordinal) >= 0 => " (configuration, most expensive environment)",
        "configuration" => " (configuration)",
        "default" => " (default model)",
        _ => "",
    };

    private static void WriteFeatures(StringBuilder b, ReportModel model)
    {
        b.Append("### Features\n\n");
        b.Append("| Status | Feature | Prompts | Per request | Budget | Per month | Monthly budget |\n|---|---|--:|--:|--:|--:|--:|\n");
        foreach (var feature in model.Features)
        {
            Row(b, ReportText.Markdown(feature.Name), feature);
        }

        Row(b, "**" + ReportText.Markdown(model.TotalLabel) + "**", model.ProjectTotal);
        b.Append('\n');
    }

    private static void Row(StringBuilder b, string name, BudgetTotal total)
    {
        var status = ReportModel.Symbol(total.Over ? SiteStatus.Over : total.LowerBound ? SiteStatus.Warning : SiteStatus.Ok);
        b.Append("| ").Append(status).Append(" | ").Append(name);
        b.Append(" | ").Append(NumberText.Int(total.Sites.Count));
        b.Append(" | ").Append(PerRequest(total)).Append(ReportText.Markdown(TotalNotes.FormedBy(total)));
        b.Append(" | ").Append(total.Limits.MaxCostPerRequestUsd is { } max ? NumberText.Usd(max) : "—");
        b.Append(" | ").Append(total.MonthlyUsd is { } monthly ? (total.LowerBound ? "≥ " : "") + NumberText.Usd(monthly) : "—");
        b.Append(" | ").Append(total.Limits.MaxMonthlyCostUsd is { } maxMonthly ? NumberText.Usd(maxMonthly) : "—");
        b.Append(" |\n");
    }

    private static void WriteBaseline(StringBuilder b, BaselineDiff diff)
    {
        var regressions = diff.Changed.Count(c => c.Regression);
        b.Append("### Since the baseline\n\n");
        b.Append(NumberText.Int(diff.Added.Count)).Append(" added, ").Append(NumberText.Int(diff.Removed.Count)).Append(" removed, ")
            .Append(NumberText.Int(diff.Changed.Count)).Append(" changed (").Append(NumberText.Int(regressions))
            .Append(" grew by more than ").Append(NumberText.Percent(diff.MaxGrowthPercent)).Append(").\n\n");
        if (diff.Added.Count + diff.Removed.Count + diff.Changed.Count == 0)
        {
            return;
        }

        b.Append("| | Call site | Model | Tokens in | Worst case |\n|:-:|---|---|--:|--:|\n");
        var rows = new List<string>();
        foreach (var change in diff.Changed)
        {
            var site = change.After;
            rows.Add($"| {(change.Regression ? "✖ grew" : "changed")} | {ReportText.Markdown(site.File)}:{NumberText.Int(site.Line)} "
                + $"| {ReportText.Markdown(Arrow(change.Before.Model ?? "unknown", site.ModelName))} "
                + $"| {Arrow(NumberText.Count(change.Before.InputTokens), NumberText.Count(site.Record.InputTokens))}{Growth(change.InputTokensGrowthPercent)} "
                + $"| {Arrow(NumberText.Usd(change.Before.WorstCaseCostUsd), NumberText.Usd(site.Record.WorstCaseCostUsd))}{Growth(change.CostGrowthPercent)} |");
        }

        foreach (var site in diff.Added)
        {
            rows.Add($"| + added | {ReportText.Markdown(site.File)}:{NumberText.Int(site.Line)} | {ReportText.Markdown(site.ModelName)} | {NumberText.Count(site.Record.InputTokens)} | {NumberText.Usd(site.Record.WorstCaseCostUsd)} |");
        }

        foreach (var site in diff.Removed)
        {
            rows.Add($"| − removed | {ReportText.Markdown(site.File)}:{NumberText.Int(site.Line)} | {ReportText.Markdown(site.Model ?? "unknown")} | {NumberText.Count(site.InputTokens)} | {NumberText.Usd(site.WorstCaseCostUsd)} |");
        }

        foreach (var row in rows.Take(MaxRows))
        {
            b.Append(row).Append('\n');
        }

        if (rows.Count > MaxRows)
        {
            b.Append("\n…and ").Append(NumberText.Int(rows.Count - MaxRows)).Append(" more (see promptbudget.json).\n");
        }

        b.Append('\n');
    }

    internal static string TokensIn(ReportCallSite site)
    {
        var r = site.Record;
        // An estimate shows its fitted count and the upper bound its family's margin gives: "~78, ≤ 82 (est.)".
        var text = NumberText.Tokens(r.InputTokens, r.InputTokensUpperBound, r.Exact) + (r.Exact ? " (exact)" : " (est.)");
        if (r.UnboundedSegments > 0 && r.AssumedUnboundedTokens > 0)
        {
            // prompt_budget.assumed_segment_tokens gave the parts a size: it is in the count, say how much.
            text += $", incl. {NumberText.Count(r.AssumedUnboundedTokens)} assumed for {NumberText.Int(r.UnboundedSegments)} unbounded part{(r.UnboundedSegments == 1 ? "" : "s")}";
        }
        else if (r.UnboundedSegments > 0)
        {
            text += $" + {NumberText.Int(r.UnboundedSegments)} unbounded";
        }

        return text;
    }

    /// <summary>The worst case of one call; for a tool loop, of one request too; and how many calls one request makes when that is not 1.</summary>
    internal static string WorstCase(Core.Reporting.CallSiteRecord r) =>
        SiteReasons.Cost(r)
        + (r.HasToolLoop ? $" per call, {NumberText.Usd(r.RequestWorstCaseCostUsd)} per request ({NumberText.Count(r.RequestModelCalls)} model calls)" : "")
        + (r.CallsPerRequest != 1m ? $" (×{NumberText.Count(r.CallsPerRequest)} per request)" : "");

    internal static string MaxOut(long? tokens, string source) =>
        tokens is { } t ? $"{NumberText.Count(t)} ({source})" : "unknown";

    internal static string PerRequest(BudgetTotal total) =>
        total.NothingPriced ? "unknown (no prompt has a known cost)" : (total.LowerBound ? "≥ " : "") + NumberText.Usd(total.PerRequestUsd);

    /// <summary>Why no amount is given when no prompt has a known cost (never "$0.00").</summary>
    internal static string NothingPricedReason(BudgetTotal total) =>
        (total.UnknownCostSites == 1 ? "its model or price is not known" : $"the model or price of each of the {NumberText.Int(total.UnknownCostSites)} is not known")
        + " (see the findings), so no worst case per request can be given; nothing is counted as $0";

    private static string Arrow(string before, string after) => before == after ? after : before + " → " + after;

    private static string Growth(decimal? percent) =>
        percent is { } p && p != 0 ? $" ({(p > 0 ? "+" : "")}{NumberText.Percent(p)})" : "";
}
