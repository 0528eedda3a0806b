using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Build.Usage;

/// <summary>How a span was tied to the code.</summary>
public enum UsageMatch
{
    /// <summary><c>code.file.path</c> ends with the call site's file and <c>code.line.number</c> is within 2 lines of the call.</summary>
    Location,

    /// <summary>No usable location, but the span's model is one the code names.</summary>
    Model,

    /// <summary>Neither.</summary>
    None,
}

/// <summary>The spans tied to one call site (by location) or to one model the code names (by model alone).</summary>
public sealed class UsageGroup
{
    /// <summary>Distinct observed models kept per group; the rest are counted under <see cref="OtherModels"/>.</summary>
    public const int MaxModels = 20;

    internal UsageGroup(UsageMatch match, string key, IReadOnlyList<ReportCallSite> sites)
    {
        Match = match;
        Key = key;
        Sites = sites;
    }

    public UsageMatch Match { get; }

    /// <summary>The site id (by location) or the model as the code names it (by model).</summary>
    public string Key { get; }

    /// <summary>The call site (by location), or every site that names the model (by model), in report order.</summary>
    public IReadOnlyList<ReportCallSite> Sites { get; }

    /// <summary>The site the comparison and its findings point at: the one with the largest static worst case.</summary>
    public ReportCallSite Site => Sites.OrderByDescending(s => s.Record.WorstCaseInputTokens + (s.Record.MaxOutputTokens ?? 0)).First();

    public long Requests => Input.Count;

    public TokenDistribution Input { get; } = new();

    public TokenDistribution Output { get; } = new();

    public long CacheReadInputTokens { get; private set; }

    public long CacheCreationInputTokens { get; private set; }

    public long ReasoningOutputTokens { get; private set; }

    /// <summary>Observed model → spans, ordinal order.</summary>
    public SortedDictionary<string, long> Models { get; } = new(StringComparer.Ordinal);

    public long OtherModels { get; private set; }

    /// <summary>Observed models the code at this site does not name → spans (only for matches by location).</summary>
    public SortedDictionary<string, long> DriftModels { get; } = new(StringComparer.Ordinal);

    /// <summary>Static worst-case input tokens to compare with (largest over <see cref="Sites"/>).</summary>
    public long WorstCaseInputTokens => Sites.Max(s => s.Record.WorstCaseInputTokens);

    /// <summary>Static worst-case output tokens; null when a site's is unknown.</summary>
    public long? WorstCaseOutputTokens => Sites.Any(s => s.Record.MaxOutputTokens is null) ? null : Sites.Max(s => s.Record.MaxOutputTokens);

    internal void Add(UsageSpan span, bool drift)
    {
        Input.Add(span.InputTokens ?? 0);
        Output.Add(span.OutputTokens ?? 0);
        CacheReadInputTokens += span.CacheReadInputTokens ?? 0;
        CacheCreationInputTokens += span.CacheCreationInputTokens ?? 0;
        ReasoningOutputTokens += span.ReasoningOutputTokens ?? 0;
        var model = span.Model ?? "(no model)";
        OtherModels += Count(Models, model) ? 0 : 1;
        if (drift)
        {
            Count(DriftModels, model);
        }
    }

    internal static bool Count(SortedDictionary<string, long> counts, string key)
    {
        if (counts.TryGetValue(key, out var n))
        {
            counts[key] = n + 1;
            return true;
        }

        if (counts.Count >= MaxModels)
        {
            return false;
        }

        counts[key] = 1;
        return true;
    }
}

/// <summary>
/// Joins the spans of the usage files with the call sites: by <c>code.file.path</c> + <c>code.line.number</c>
/// first (the path's end must be the site's project-relative file, so another checkout root still matches;
/// the line within 2 lines of the call, since an instrumented wrapper may record the statement's first or
/// last line; the nearest site wins), else by the model alone. Memory grows with the call sites and models,
/// not with the spans.
/// </summary>
public sealed class UsageComparison
{
    private readonly Dictionary<string, List<ReportCallSite>> _byFileName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ReportCallSite>> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageGroup> _siteGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageGroup> _modelGroups = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ReportCallSite> _sites;

    public const int LineTolerance = 2;

    public UsageComparison(IReadOnlyList<ReportCallSite> sites, IReadOnlyList<string> files)
    {
        _sites = sites;
        Files = files;
        foreach (var site in sites)
        {
            var name = FileName(site.File);
            if (!_byFileName.TryGetValue(name, out var list))
            {
                _byFileName[name] = list = new List<ReportCallSite>();
            }

            list.Add(site);
            foreach (var key in ModelKeys(site))
            {
                if (!_byModel.TryGetValue(key, out var sitesOfModel))
                {
                    _byModel[key] = sitesOfModel = new List<ReportCallSite>();
                }

                if (!sitesOfModel.Contains(site))
                {
                    sitesOfModel.Add(site);
                }
            }
        }
    }

    /// <summary>The usage files as given (project-relative where they are inside the project).</summary>
    public IReadOnlyList<string> Files { get; }

    public UsageReadCounts Counts { get; } = new();

    public long MatchedByLocation { get; private set; }

    public long MatchedByModel { get; private set; }

    public long Unmatched { get; private set; }

    /// <summary>Models of spans that matched nothing → spans (bounded like <see cref="UsageGroup.Models"/>).</summary>
    public SortedDictionary<string, long> UnmatchedModels { get; } = new(StringComparer.Ordinal);

    /// <summary>Groups matched by location in report order, then groups matched by model alone by model.</summary>
    public IReadOnlyList<UsageGroup> Groups =>
        _sites.Where(s => _siteGroups.ContainsKey(s.Id)).Select(s => _siteGroups[s.Id])
            .Concat(_modelGroups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value))
            .ToList();

    public UsageMatch Add(UsageSpan span)
    {
        var model = span.Model;
        if (FindByLocation(span) is { } site)
        {
            if (!_siteGroups.TryGetValue(site.Id, out var group))
            {
                _siteGroups[site.Id] = group = new UsageGroup(UsageMatch.Location, site.Id, new[] { site });
            }

            group.Add(span, model is not null && !Names(site, model));
            MatchedByLocation++;
            return UsageMatch.Location;
        }

        if (model is not null)
        {
            foreach (var key in Keys(model))
            {
                if (_byModel.TryGetValue(key, out var sites))
                {
                    if (!_modelGroups.TryGetValue(key, out var group))
                    {
                        _modelGroups[key] = group = new UsageGroup(UsageMatch.Model, sites[0].Record.Model ?? sites[0].ModelName, sites);
                    }

                    group.Add(span, drift: false);
                    MatchedByModel++;
                    return UsageMatch.Model;
                }
            }
        }

        UsageGroup.Count(UnmatchedModels, model ?? "(no model)");
        Unmatched++;
        return UsageMatch.None;
    }

    /// <summary>Whether the code at <paramref name="site"/> names <paramref name="model"/> (provider prefixes and date suffixes aside).</summary>
    public static bool Names(ReportCallSite site, string model)
    {
        var keys = new HashSet<string>(ModelKeys(site), StringComparer.Ordinal);
        return Keys(model).Any(keys.Contains);
    }

    /// <summary>Whether any call site names <paramref name="model"/>.</summary>
    public bool AnySiteNames(string model) => Keys(model).Any(_byModel.ContainsKey);

    private ReportCallSite? FindByLocation(UsageSpan span)
    {
        if (string.IsNullOrWhiteSpace(span.FilePath) || span.Line is not { } line)
        {
            return null;
        }

        var path = span.FilePath!.Replace('\\', '/');
        if (!_byFileName.TryGetValue(FileName(path), out var candidates))
        {
            return null;
        }

        ReportCallSite? best = null;
        var bestDistance = long.MaxValue;
        var bestFileLength = -1;
        foreach (var site in candidates)
        {
            if (!PathEndsWith(path, site.File))
            {
                continue;
            }

            var distance = Math.Abs(site.Line - line);
            if (distance > LineTolerance)
            {
                continue;
            }

            // The longest matching file first (Bot/Answer.cs over Answer.cs), then the nearest line, then report order.
            if (site.File.Length > bestFileLength || (site.File.Length == bestFileLength && distance < bestDistance))
            {
                best = site;
                bestDistance = distance;
                bestFileLength = site.File.Length;
            }
        }

        return best;
    }

    private static bool PathEndsWith(string path, string file)
    {
        file = file.Replace('\\', '/');
        return path.Equals(file, StringComparison.OrdinalIgnoreCase)
            || (path.EndsWith(file, StringComparison.OrdinalIgnoreCase) && path[path.Length - file.Length - 1] == '/');
    }

    private static string FileName(string path)
    {
        var slash = path.Replace('\\', '/').LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private static IEnumerable<string> ModelKeys(ReportCallSite site)
    {
        foreach (var model in new[] { site.Record.Model, site.Record.ResolvedModel })
        {
            if (!string.IsNullOrWhiteSpace(model))
            {
                foreach (var key in Keys(model!))
                {
                    yield return key;
                }
            }
        }
    }

    private static IEnumerable<string> Keys(string model) => ModelIdNormalizer.Candidates(model);
}
