using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Formatting;
using PromptBudget.Core.Reporting;
using PromptBudget.Build.Baseline;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Reports;

/// <summary>Everything the report writers show, computed once so the three reports agree.</summary>
public sealed class ReportModel
{
    private readonly Dictionary<string, SiteStatus> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _reasons = new(StringComparer.Ordinal);

    public ReportModel(
        string project,
        string targetFramework,
        string projectDirectory,
        bool redacted,
        IReadOnlyList<ReportCallSite> sites,
        IReadOnlyList<BudgetTotal> features,
        BudgetTotal projectTotal,
        BaselineDiff? baseline,
        IReadOnlyList<Finding> findings,
        bool inputsComplete)
    {
        Project = project;
        TargetFramework = targetFramework;
        ProjectDirectory = projectDirectory;
        Redacted = redacted;
        Sites = sites;
        Features = features;
        ProjectTotal = projectTotal;
        Baseline = baseline;
        Findings = findings;
        InputsComplete = inputsComplete;
        var dates = sites.Select(s => s.Record.PriceDate).Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal).ToList();
        PriceTableDate = dates.Count == 0 ? null : string.Join(", ", dates);

        var overFeatures = new HashSet<string>(features.Where(f => f.Over).Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
        var regressions = new HashSet<string>(baseline?.Changed.Where(c => c.Regression).Select(c => c.After.Id) ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        foreach (var site in sites)
        {
            var r = site.Record;
            var featureOver = overFeatures.Contains(site.Feature);
            var regression = regressions.Contains(site.Id);
            _reasons[site.Id] = SiteReasons.For(site, featureOver, projectTotal.Over, regression);

            // Over: one of its own budgets is broken (a configured per-call budget, one its unbounded parts make
            // uncheckable, or the baseline). A part of unknown size with no budget to break is a warning, not "over".
            var brokenOwnBudget = r.Violations.Any(v => v.Kind != "unbounded-segment")
                || (r.UnboundedSegments > 0 && (r.BudgetMaxInputTokens is not null || r.BudgetMaxCostPerCallUsd is not null) && HasUnsizedPart(r));
            _status[site.Id] =
                brokenOwnBudget || regression ? SiteStatus.Over
                : r.WorstCasePerRequestUsd is null || r.LoopIterationCapSource == "library-default" || HasUnsizedPart(r) || r.MaxOutputSource == "model-maximum" || featureOver || projectTotal.Over ? SiteStatus.Warning
                : SiteStatus.Ok;
        }

        ByCost = sites
            .Select((s, i) => (Site: s, Index: i))
            .OrderBy(x => x.Site.Record.WorstCasePerRequestUsd is null ? 0 : 1)
            .ThenByDescending(x => x.Site.Record.WorstCasePerRequestUsd ?? 0m)
            .ThenBy(x => x.Index)
            .Select(x => x.Site)
            .ToList();
    }

    public string Project { get; }

    /// <summary>The label of the totals row: "Project X" for one project, "All 2 projects (A, B)" for a combined report.</summary>
    public string TotalLabel
    {
        get => _totalLabel ?? "Project " + Project;
        set => _totalLabel = value;
    }

    private string? _totalLabel;

    public string TargetFramework { get; }

    public string ProjectDirectory { get; }

    /// <summary>Prompt text is left out of every report.</summary>
    public bool Redacted { get; }

    /// <summary>The date(s) of the price table(s) the costs come from; null when no site has a price.</summary>
    public string? PriceTableDate { get; }

    /// <summary>Sorted by file, line, ordinal.</summary>
    public IReadOnlyList<ReportCallSite> Sites { get; }

    /// <summary>Most expensive worst case per call first; sites of unknown cost before all others.</summary>
    public IReadOnlyList<ReportCallSite> ByCost { get; }

    /// <summary>Sorted by name.</summary>
    public IReadOnlyList<BudgetTotal> Features { get; }

    public BudgetTotal ProjectTotal { get; }

    public BaselineDiff? Baseline { get; }

    /// <summary>The usage files' spans against the estimate; null when no usage file is given.</summary>
    public Usage.UsageComparison? Usage { get; set; }

    /// <summary>The rate-limit pools at peak traffic; null when no <c>PromptBudgetRateLimit</c> item is given.</summary>
    public RateLimits.RateLimitReport? RateLimits { get; set; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>False when the error log or a payload could not be read, or PB0001 is turned off.</summary>
    public bool InputsComplete { get; }

    /// <summary>Whether the totals can be trusted: every input read and every site's cost known.</summary>
    public bool Complete => InputsComplete && !ProjectTotal.Incomplete;

    public SiteStatus StatusOf(ReportCallSite site) => _status.TryGetValue(site.Id, out var s) ? s : SiteStatus.Ok;

    /// <summary>Why the site has its status (<see cref="SiteReasons"/>); empty for a plain ok row.</summary>
    public IReadOnlyList<string> ReasonsOf(ReportCallSite site) => _reasons.TryGetValue(site.Id, out var r) ? r : new List<string>();

    /// <summary>"over: …; check: …" legend text, the same in Markdown and HTML.</summary>
    public const string Legend = "Status: **over** = over one of its own budgets (or grown past the baseline); **check** = cost unknown, a part of unknown size, max output left to the model, or in a feature or project over budget; **ok** = none of these. ≥ marks a cost that leaves parts of unknown size out.";

    /// <summary>
    /// How the estimated counts were made, once per tokenizer family among the call sites (encoding × fitted factor, margin,
    /// framing rule), the same in Markdown and HTML; null when every count comes from an exact tokenizer.
    /// </summary>
    public string? CountingNote
    {
        get
        {
            var rules = Sites.Select(s => s.Record)
                .Where(r => !r.Exact && r.TokenizerFactor != 1m)
                .Select(r => r.Encoding + " × " + NumberText.Count(r.TokenizerFactor)
                    + (r.TokenizerMargin is { } m && m > 0 ? ", margin +" + NumberText.Percent(m * 100m) : ", no margin")
                    + (r.Framing is { Length: > 0 } framing ? "; framing " + framing : ""))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(rule => rule, StringComparer.Ordinal)
                .ToList();
            return rules.Count == 0
                ? null
                : "Estimated counts: ~N, ≤ M is the estimate and the upper bound its tokenizer family's margin gives; the input budget and the worst case use the upper bound. "
                    + string.Join(" · ", rules) + ".";
        }
    }

    /// <summary>A finding's file as the reports show it: relative to the project directory.</summary>
    public string RelativeFile(Finding finding) =>
        finding.FilePath is null ? "" : ProjectPaths.Relative(finding.FilePath, ProjectDirectory);

    // A part with no bound counts as a warning unless prompt_budget.assumed_segment_tokens gave it a size.
    private static bool HasUnsizedPart(Core.Reporting.CallSiteRecord r) => SiteReasons.HasUnsizedPart(r);

    /// <summary>The status as text: it renders everywhere (an emoji needs a font the reader may not have).</summary>
    public static string Symbol(SiteStatus status) => status switch
    {
        SiteStatus.Over => "✖ over",
        SiteStatus.Warning => "! check",
        _ => "✓ ok",
    };

    public static string Word(SiteStatus status) => status switch
    {
        SiteStatus.Over => "over",
        SiteStatus.Warning => "warning",
        _ => "ok",
    };
}
