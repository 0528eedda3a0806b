using System.Collections.Generic;
using PromptBudget.Build.Model;

namespace PromptBudget.Build.Baseline;

/// <summary>What changed since the baseline report, each list in report order.</summary>
public sealed class BaselineDiff
{
    public BaselineDiff(decimal maxGrowthPercent, List<ReportCallSite> added, List<BaselineSite> removed, List<BaselineChange> changed)
    {
        MaxGrowthPercent = maxGrowthPercent;
        Added = added;
        Removed = removed;
        Changed = changed;
    }

    public decimal MaxGrowthPercent { get; }

    public IReadOnlyList<ReportCallSite> Added { get; }

    public IReadOnlyList<BaselineSite> Removed { get; }

    public IReadOnlyList<BaselineChange> Changed { get; }
}
