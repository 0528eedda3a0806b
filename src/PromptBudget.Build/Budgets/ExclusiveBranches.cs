using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Budgets;

/// <summary>
/// The worst case of one request over call sites some of which sit in mutually exclusive branches of one member
/// (<see cref="Core.Reporting.CallSiteRecord.Branch"/>): independent sites add up, and of each branch only the
/// largest arm counts (recursively, for branches inside arms). Sites with no branch, or a branch path that cannot
/// be read, are independent. A site of unknown cost counts as $0 here, as in the plain sum (the total says it is incomplete).
/// </summary>
internal static class ExclusiveBranches
{
    public static (decimal PerRequestUsd, IReadOnlyList<string> Groups) Combine(IReadOnlyList<ReportCallSite> sites) =>
        Combine(sites, site => site.WeightedWorstCaseUsd ?? 0m);

    /// <summary>The same combination of any per-site amount (a rate limit counts tokens and requests, not dollars).</summary>
    public static (decimal Total, IReadOnlyList<string> Groups) Combine(IReadOnlyList<ReportCallSite> sites, Func<ReportCallSite, decimal> amount)
    {
        var root = new Node();
        foreach (var site in sites)
        {
            var cost = amount(site);
            var node = root;
            if (Steps(site.Record.Branch) is { } steps)
            {
                var key = site.File + "|" + site.Record.Member;
                foreach (var (branch, arm) in steps)
                {
                    key += "/" + branch;
                    if (!node.Groups.TryGetValue(key, out var group))
                    {
                        node.Groups[key] = group = new Group(site.Record.Member, node.Groups.Count);
                    }

                    if (!group.Arms.TryGetValue(arm, out var next))
                    {
                        group.Arms[arm] = next = new Node();
                    }

                    node = next;
                }
            }

            node.Sum += cost;
        }

        var described = new List<string>();
        var total = Value(root, described);
        return (total, described);
    }

    private static decimal Value(Node node, List<string> described)
    {
        var total = node.Sum;
        foreach (var group in node.Groups.Values.OrderBy(g => g.Order))
        {
            if (group.Arms.Count >= 2)
            {
                described.Add("max of " + group.Arms.Count.ToString(CultureInfo.InvariantCulture) + " branches in " + group.Member);
            }

            var largest = 0m;
            foreach (var arm in group.Arms.Values)
            {
                largest = Math.Max(largest, Value(arm, described));
            }

            total += largest;
        }

        return total;
    }

    // "if#0:1/switch#1:2" → (if#0, 1), (switch#1, 2); null when absent or unreadable.
    private static List<(string Branch, int Arm)>? Steps(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var steps = new List<(string, int)>();
        foreach (var step in path!.Split('/'))
        {
            var colon = step.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(step.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var arm))
            {
                return null;
            }

            steps.Add((step.Substring(0, colon), arm));
        }

        return steps;
    }

    private sealed class Node
    {
        public decimal Sum;

        public Dictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Group
    {
        public Group(string member, int order)
        {
            Member = member;
            Order = order;
        }

        public string Member { get; }

        public int Order { get; }

        public Dictionary<int, Node> Arms { get; } = new();
    }
}
