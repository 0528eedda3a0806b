using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Model;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Joins the spans of the usage files with the call sites: by <c>code.file.path</c> + <c>code.line.number</c>
/// first (the path's end must be the site's project-relative file, so another checkout root still matches;
/// the line within 2 lines of the call, since an instrumented wrapper may record the statement's first or
/// last line; the nearest site wins), else by the user's feature attribute to a feature of the code, else by
/// the model alone. Memory grows with the call sites, models and distinct locations, not with the spans:
/// the answers for a span's path and line, feature and model are remembered (a bounded number of them), since
/// a file of a million spans holds a few hundred distinct ones.
/// </summary>
public sealed class UsageComparison
{
    public const int LineTolerance = 2;

    private const int MaxRemembered = 4096;

    private readonly Dictionary<string, List<ReportCallSite>> _byFileName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ReportCallSite>> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReportCallSite>> _byFeature = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UsageGroup> _siteGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UsageGroup> _featureGroups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UsageGroup> _modelGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Path, long Line), ReportCallSite?> _locations = new();
    private readonly Dictionary<string, (string Key, List<ReportCallSite> Sites)?> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<(UsageGroup Group, string Model), bool> _named = new();
    private readonly IReadOnlyList<ReportCallSite> _sites;
    private readonly UsagePricing? _pricing;

    public UsageComparison(IReadOnlyList<ReportCallSite> sites, IReadOnlyList<string> files, UsagePricing? pricing = null, string? featureAttribute = null)
    {
        _sites = sites;
        _pricing = pricing;
        Files = files;
        FeatureAttribute = string.IsNullOrWhiteSpace(featureAttribute) ? null : featureAttribute!.Trim();
        foreach (var site in sites)
        {
            Add(_byFileName, FileName(site.File), site);
            if (site.Feature != ReportCallSite.NoFeature)
            {
                Add(_byFeature, site.Feature, site);
            }

            foreach (var key in ModelKeys(site))
            {
                Add(_byModel, key, site);
            }
        }
    }

    private static void Add(Dictionary<string, List<ReportCallSite>> index, string key, ReportCallSite site)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<ReportCallSite>();
        }

        if (!list.Contains(site))
        {
            list.Add(site);
        }
    }

    /// <summary>The usage files as given (project-relative where they are inside the project).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The span attribute that names a feature, if the user named one.</summary>
    public string? FeatureAttribute { get; }

    /// <summary>The date of the prices the spans were priced with; null when they were not priced.</summary>
    public string? PriceDate => _pricing?.Date;

    public bool Priced => _pricing is not null;

    public UsageReadCounts Counts { get; } = new();

    public long MatchedByLocation { get; private set; }

    public long MatchedByFeature { get; private set; }

    public long MatchedByModel { get; private set; }

    public long Unmatched { get; private set; }

    /// <summary>The observed spend of the priced spans that matched nothing (left out of every total).</summary>
    public decimal UnmatchedCostUsd { get; private set; }

    /// <summary>The earliest start and latest end of the spans with usage (Unix nanoseconds); null when no span has times.</summary>
    public long? FirstStartUnixNano { get; private set; }

    public long? LastEndUnixNano { get; private set; }

    /// <summary>Models of spans that matched nothing → spans (bounded like <see cref="UsageGroup.Models"/>).</summary>
    public SortedDictionary<string, long> UnmatchedModels { get; } = new(StringComparer.Ordinal);

    /// <summary>Groups matched by location in report order, then by feature by name, then by model by model.</summary>
    public IReadOnlyList<UsageGroup> Groups =>
        _sites.Where(s => _siteGroups.ContainsKey(s.Id)).Select(s => _siteGroups[s.Id])
            .Concat(_featureGroups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value))
            .Concat(_modelGroups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value))
            .ToList();

    /// <summary>Spans with usage that carry a value of <see cref="FeatureAttribute"/> (PB2008 when none does).</summary>
    public long SpansWithFeature { get; private set; }

    /// <summary>Spans with usage given to <see cref="Add"/>.</summary>
    public long SpansWithUsage { get; private set; }

    public UsageMatch Add(UsageSpan span)
    {
        TrackTime(span);
        SpansWithUsage++;
        if (!string.IsNullOrWhiteSpace(span.Feature))
        {
            SpansWithFeature++;
        }

        var model = span.Model;
        var cost = _pricing?.Cost(span);
        if (FindByLocation(span) is { } site)
        {
            if (!_siteGroups.TryGetValue(site.Id, out var group))
            {
                _siteGroups[site.Id] = group = new UsageGroup(UsageMatch.Location, site.Id, new[] { site });
            }

            group.Add(span, model is not null && !Named(group, model), cost);
            MatchedByLocation++;
            return UsageMatch.Location;
        }

        if (!string.IsNullOrWhiteSpace(span.Feature) && _byFeature.TryGetValue(span.Feature!.Trim(), out var featureSites))
        {
            var feature = featureSites[0].Feature;
            if (!_featureGroups.TryGetValue(feature, out var group))
            {
                _featureGroups[feature] = group = new UsageGroup(UsageMatch.Feature, feature, featureSites);
            }

            group.Add(span, model is not null && !Named(group, model), cost);
            MatchedByFeature++;
            return UsageMatch.Feature;
        }

        if (model is not null && SitesOfModel(model) is { } named)
        {
            if (!_modelGroups.TryGetValue(named.Key, out var group))
            {
                _modelGroups[named.Key] = group = new UsageGroup(UsageMatch.Model, named.Sites[0].Record.Model ?? named.Sites[0].ModelName, named.Sites);
            }

            group.Add(span, drift: false, cost);
            MatchedByModel++;
            return UsageMatch.Model;
        }

        UsageGroup.Count(UnmatchedModels, model ?? "(no model)");
        UnmatchedCostUsd += cost ?? 0;
        Unmatched++;
        return UsageMatch.None;
    }

    private void TrackTime(UsageSpan span)
    {
        if (span.StartUnixNano is { } start && (FirstStartUnixNano is null || start < FirstStartUnixNano))
        {
            FirstStartUnixNano = start;
        }

        var end = span.EndUnixNano ?? span.StartUnixNano;
        if (end is { } last && (LastEndUnixNano is null || last > LastEndUnixNano))
        {
            LastEndUnixNano = last;
        }
    }

    /// <summary>Whether the code at <paramref name="site"/> names <paramref name="model"/> (provider prefixes and date suffixes aside).</summary>
    public static bool Names(ReportCallSite site, string model)
    {
        var keys = new HashSet<string>(ModelKeys(site), StringComparer.Ordinal);
        return Keys(model).Any(keys.Contains);
    }

    /// <summary>Whether any call site names <paramref name="model"/>.</summary>
    public bool AnySiteNames(string model) => Keys(model).Any(_byModel.ContainsKey);

    /// <summary>Whether one of the group's calls names the model (remembered per group and model).</summary>
    private bool Named(UsageGroup group, string model)
    {
        if (_named.TryGetValue((group, model), out var named))
        {
            return named;
        }

        named = group.Sites.Any(s => Names(s, model));
        Remember(_named, (group, model), named);
        return named;
    }

    private (string Key, List<ReportCallSite> Sites)? SitesOfModel(string model)
    {
        if (_models.TryGetValue(model, out var found))
        {
            return found;
        }

        found = null;
        foreach (var key in Keys(model))
        {
            if (_byModel.TryGetValue(key, out var sites))
            {
                found = (key, sites);
                break;
            }
        }

        Remember(_models, model, found);
        return found;
    }

    private static void Remember<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, TValue value)
    {
        if (cache.Count < MaxRemembered)
        {
            cache[key] = value;
        }
    }

    private ReportCallSite? FindByLocation(UsageSpan span)
    {
        if (string.IsNullOrWhiteSpace(span.FilePath) || span.Line is not { } line)
        {
            return null;
        }

        if (_locations.TryGetValue((span.FilePath!, line), out var known))
        {
            return known;
        }

        var found = FindByLocation(span.FilePath!.Replace('\\', '/'), line);
        Remember(_locations, (span.FilePath!, line), found);
        return found;
    }

    private ReportCallSite? FindByLocation(string path, long line)
    {
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
