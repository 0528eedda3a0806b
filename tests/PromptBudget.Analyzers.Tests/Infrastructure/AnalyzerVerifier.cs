using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer over test source with <c>{|#0:…|}</c> markup, the way xunit.analyzers' tests do.
/// Sources compile against stub SDK declarations (<see cref="SdkStubs"/>) or the real SDK assemblies.
/// </summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static Task Analyze(string source, params DiagnosticResult[] expected) =>
        Analyze(new AnalyzerTestOptions(source), expected);

    public static async Task Analyze(AnalyzerTestOptions options, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = options.References ?? SdkReferences.Net100,
            TestCode = options.Source,
        };

        if (options.RealSdks)
        {
            test.TestState.AdditionalReferences.AddRange(SdkReferences.RealSdksFor(test.ReferenceAssemblies));
        }

        foreach (var stub in options.Stubs)
        {
            test.TestState.Sources.Add(stub);
        }

        foreach (var (path, text) in options.AdditionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        if (options.EditorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + options.EditorConfig));
        }

        if (options.GlobalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + options.GlobalConfig));
        }

        foreach (var id in options.DisabledDiagnostics)
        {
            test.DisabledDiagnostics.Add(id);
        }

        test.CompilerDiagnostics = options.CompilerDiagnostics;
        foreach (var (path, text) in options.ExtraSources)
        {
            test.TestState.Sources.Add((path, text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}

/// <summary>What a test compiles and how the analyzer is configured.</summary>
public sealed class AnalyzerTestOptions
{
    public AnalyzerTestOptions(string source) => Source = source;

    public string Source { get; }

    public bool RealSdks { get; init; }

    /// <summary>The framework's reference assemblies (default .NET 10).</summary>
    public ReferenceAssemblies? References { get; init; }

    public IReadOnlyList<string> Stubs { get; init; } = new List<string>();

    /// <summary>Lines under <c>[*]</c> of a root .editorconfig.</summary>
    public string? EditorConfig { get; init; }

    /// <summary>Lines of a global config (MSBuild properties: <c>build_property.X = y</c>).</summary>
    public string? GlobalConfig { get; init; }

    public IReadOnlyList<(string Path, string Text)> AdditionalFiles { get; init; } = new List<(string, string)>();

    public IReadOnlyList<string> DisabledDiagnostics { get; init; } = new List<string>();

    /// <summary>Which compiler diagnostics the test checks (default: errors).</summary>
    public CompilerDiagnostics CompilerDiagnostics { get; init; } = CompilerDiagnostics.Errors;

    /// <summary>More source files, by path (e.g. a generated <c>*.g.cs</c>).</summary>
    public IReadOnlyList<(string Path, string Text)> ExtraSources { get; init; } = new List<(string, string)>();
}
