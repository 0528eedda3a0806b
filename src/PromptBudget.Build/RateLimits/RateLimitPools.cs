using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Build.Budgets;
using PromptBudget.Build.Model;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.RateLimits;

namespace PromptBudget.Build.RateLimits;

/// <summary>
/// Puts each call under the rate limit of its model and adds up the peak worst case per minute of each limit:
/// the sum over features of the feature's peak requests per minute × the model calls one request makes at a site
/// (<see cref="RequestCalls.ModelCallsPerRequest"/>) × what one call counts against the limit (1 request, or its
/// worst-case tokens). Within a feature, calls in mutually exclusive branches count their largest arm only, as
/// the cost per request does.
/// </summary>
public static class RateLimitPools
{
    public static RateLimitReport Compute(IReadOnlyList<ReportCallSite> sites, IReadOnlyList<RateLimit> limits, PeakRates peaks)
    {
        var covered = new Dictionary<RateLimit, List<ReportCallSite>>();
        foreach (var site in sites)
        {
            if (LimitOf(site, limits) is { } limit)
            {
                if (!covered.TryGetValue(limit, out var list))
                {
                    covered[limit] = list = new List<ReportCallSite>();
                }

                list.Add(site);
            }
        }

        // A limit that a more specific one shadows for every call still matches a call: it is not "unmatched".
        var unmatched = limits.Where(l => !sites.Any(s => l.Models.MatchesAny(Names(s)))).ToList();
        var pools = covered
            .Select(c => Pool(c.Key, c.Value, peaks))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return new RateLimitReport(pools, unmatched, peaks);
    }

    /// <summary>
    /// The limit that applies to a call: a limit naming its model beats a pattern, a longer pattern beats a shorter
    /// one (<c>claude-sonnet-4-5*</c> before <c>claude-*</c>), and of equals the first item.
    /// </summary>
    public static RateLimit? LimitOf(ReportCallSite site, IReadOnlyList<RateLimit> limits)
    {
        RateLimit? best = null;
        foreach (var limit in limits)
        {
            if (!limit.Models.MatchesAny(Names(site)))
            {
                continue;
            }

            if (best is null || Rank(limit).CompareTo(Rank(best)) > 0)
            {
                best = limit;
            }
        }

        return best;
    }

    private static (int, int) Rank(RateLimit limit) => (limit.Models.IsPattern ? 0 : 1, limit.Models.LiteralLength);

    private static IEnumerable<string?> Names(ReportCallSite site) => new[] { site.Record.Model, site.Record.ResolvedModel };

    private static RateLimitPool Pool(RateLimit limit, List<ReportCallSite> sites, PeakRates peaks)
    {
        var groups = sites
            .GroupBy(s => s.Feature, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Feature: g.Key, Sites: (IReadOnlyList<ReportCallSite>)g.ToList(), Peak: peaks.For(g.Key)))
            .ToList();
        var withPeak = groups.Where(g => g.Peak is not null).ToList();
        var assumptions = withPeak.Select(g => new PeakAssumption(g.Feature, g.Peak!.Value.Rate, g.Peak.Value.Source)).ToList();
        var withoutPeak = groups.Where(g => g.Peak is null).Select(g => g.Feature).ToList();

        var uses = new List<RateLimitUse>();
        foreach (var kind in RateLimitKinds.All)
        {
            if (RateLimitKinds.Of(limit, kind) is not { } value)
            {
                continue;
            }

            decimal? total = withPeak.Count == 0 ? null : 0m;
            decimal? ifCached = kind == RateLimitKind.InputTpm && withPeak.Count > 0 ? 0m : null;
            ReportCallSite? largest = null;
            var largestAmount = 0m;
            var unknown = new List<ReportCallSite>();
            var known = 0;
            var unsized = false;
            foreach (var (_, groupSites, peak) in withPeak)
            {
                var rate = peak!.Value.Rate;
                total += rate * ExclusiveBranches.Combine(groupSites, s => PerRequest(s, kind) ?? 0m).Total;
                if (ifCached is not null)
                {
                    ifCached += rate * ExclusiveBranches.Combine(groupSites, s => Calls(s) * Math.Max(0m, CallTokens.Of(s.Record).Input - s.Record.CacheablePrefixTokens)).Total;
                }

                foreach (var site in groupSites)
                {
                    var tokens = CallTokens.Of(site.Record);
                    unsized |= kind != RateLimitKind.Rpm && kind != RateLimitKind.OutputTpm && tokens.InputLowerBound;
                    if (PerRequest(site, kind) is not { } amount)
                    {
                        unknown.Add(site);
                        continue;
                    }

                    known++;
                    if (largest is null || rate * amount > largestAmount)
                    {
                        largest = site;
                        largestAmount = rate * amount;
                    }
                }
            }

            // Every call with a peak counts an unknown amount: the 0 they add up to is no figure at all, and the limit is
            // not checked (PB2007 says so) rather than shown as a lower bound of 0 that always passes.
            if (total is not null && known == 0 && unknown.Count > 0)
            {
                uses.Add(RateLimitUse.NotChecked(kind, value, unknown));
                continue;
            }

            var lowerBound = unknown.Count > 0 || unsized || withoutPeak.Count > 0;
            uses.Add(new RateLimitUse(kind, value, total, lowerBound, largest, largestAmount, unknown, ifCached == total ? null : ifCached));
        }

        return new RateLimitPool(limit, sites, uses, assumptions, withoutPeak);
    }

    private static decimal Calls(ReportCallSite site) => RequestCalls.ModelCallsPerRequest(site.Record).Calls;

    public const string UnknownLoopCap = "the iteration cap of its tool loop is not known";

    public const string UnknownMaxOutput = "its max output tokens are not known";

    /// <summary>Why a call counts an unknown amount against a limit (<see cref="PerRequest"/> gave null).</summary>
    public static string UnknownReason(ReportCallSite site) =>
        site.Record.HasToolLoop && site.Record.LoopIterationCap is not > 0 ? UnknownLoopCap : UnknownMaxOutput;

    // What one request of the feature counts against the limit at this site: calls × (1 request, or the tokens of one
    // call). A tool loop's calls grow (each resends the conversation so far), so its tokens are the request's sum over
    // every call at its cap (RequestWorstCase), not cap × the first call; a loop whose cap is unknown is unknown here.
    private static decimal? PerRequest(ReportCallSite site, RateLimitKind kind)
    {
        var record = site.Record;
        if (!record.HasToolLoop)
        {
            return CallTokens.Of(record).Against(kind) is { } perCall ? Calls(site) * perCall : null;
        }

        if (RequestWorstCase.Of(record) is not { } request)
        {
            return null;
        }

        decimal perRequest = kind switch
        {
            RateLimitKind.Rpm => request.ModelCalls,
            RateLimitKind.InputTpm => request.InputTokens,
            RateLimitKind.OutputTpm => request.OutputTokens,
            _ => (decimal)request.InputTokens + request.OutputTokens,
        };
        return record.CallsPerRequest * perRequest;
    }
}
