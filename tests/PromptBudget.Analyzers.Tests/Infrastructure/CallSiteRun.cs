using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>Every call site of some sources, as records in file and line order, for tests about several calls at once.</summary>
public static class CallSiteRun
{
    /// <summary>Compiles <paramref name="sources"/> against the real SDKs (stubs can be passed as sources) and runs the analyzer like a command-line build.</summary>
    public static Task<(ImmutableArray<Diagnostic> Diagnostics, List<CallSiteRecord> Sites)> CallSitesAsync(string[] sources, params (string Path, string Text)[] additionalFiles) =>
        CallSitesWithPropertiesAsync(sources, null, additionalFiles);

    /// <summary>The same, with MSBuild properties the analyzer sees (<c>build_property.X</c> of the global options).</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<CallSiteRecord> Sites)> CallSitesWithPropertiesAsync(
        string[] sources, IReadOnlyDictionary<string, string>? properties, params (string Path, string Text)[] additionalFiles)
    {
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(sources), additionalFiles, properties: properties);
        var sites = payload!.Records.OrderBy(r => r.File, System.StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Column).ToList();
        Assert.Equal(sites.Count, diagnostics.Count(d => d.Id == "PB0001"));
        return (diagnostics, sites);
    }
}
