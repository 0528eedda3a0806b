using System;
using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Model;

/// <summary>
/// Turns the analyzer's call-site records into the report's call sites: ids, project-relative files,
/// one entry per id (a site can be recorded twice, e.g. code in a file linked twice), sorted by file, line and ordinal.
/// </summary>
public static class CallSiteCollector
{
    public static List<ReportCallSite> Collect(IEnumerable<CallSiteRecord> records, string projectDirectory)
    {
        var byId = new Dictionary<string, ReportCallSite>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var fullPath = record.File.Length == 0 ? null : ProjectPaths.ToLocalPath(record.File, projectDirectory);
            var file = ProjectPaths.Relative(fullPath ?? "", projectDirectory);
            var id = CallSiteId.Compute(file, record.Member, record.Ordinal);
            var site = new ReportCallSite(id, file, fullPath, record.Line, record);
            if (!byId.TryGetValue(id, out var existing) || Prefer(site, existing))
            {
                byId[id] = site;
            }
        }

        return byId.Values.OrderBy(s => s, SiteOrder.Instance).ToList();
    }

    /// <summary>
    /// Which of two reports of one site to keep, independent of their order in the log: the more
    /// pessimistic one (unknown cost, then higher cost, then more input tokens), then the lower line,
    /// then the payload text.
    /// </summary>
    private static bool Prefer(ReportCallSite candidate, ReportCallSite existing)
    {
        var a = candidate.Record;
        var b = existing.Record;
        if ((a.WorstCaseCostUsd is null) != (b.WorstCaseCostUsd is null))
        {
            return a.WorstCaseCostUsd is null;
        }

        if (a.WorstCaseCostUsd != b.WorstCaseCostUsd)
        {
            return a.WorstCaseCostUsd > b.WorstCaseCostUsd;
        }

        if (a.InputTokens != b.InputTokens)
        {
            return a.InputTokens > b.InputTokens;
        }

        if (candidate.Line != existing.Line)
        {
            return candidate.Line < existing.Line;
        }

        return string.CompareOrdinal(CallSiteRecordJson.Write(a), CallSiteRecordJson.Write(b)) < 0;
    }

    /// <summary>File (ordinal), line, ordinal, id.</summary>
    public sealed class SiteOrder : IComparer<ReportCallSite>
    {
        public static readonly SiteOrder Instance = new();

        public int Compare(ReportCallSite? x, ReportCallSite? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var c = string.CompareOrdinal(x.File, y.File);
            if (c == 0)
            {
                c = x.Line.CompareTo(y.Line);
            }

            if (c == 0)
            {
                c = x.Record.Ordinal.CompareTo(y.Record.Ordinal);
            }

            return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
