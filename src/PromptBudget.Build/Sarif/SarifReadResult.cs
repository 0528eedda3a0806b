using System.Collections.Generic;

namespace PromptBudget.Build.Sarif;

public sealed class SarifReadResult
{
    public List<SarifCallSite> CallSites { get; } = new();

    public List<SarifProblem> Problems { get; } = new();

    /// <summary>PB0001 results skipped because they carry a <c>suppressions</c> entry.</summary>
    public int Suppressed { get; set; }
}
