using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the call-site analyzer over one source against the real SDKs and returns the payload of its
/// PB0001, for tests that check numbers the message does not show (segments, prices from a file).
/// </summary>
public static class AnalyzerRun
{
    public static async Task<CallSiteRecord> SingleCallSiteAsync(string source, params (string Path, string Text)[] additionalFiles)
    {
        var cost = Assert.Single(await DiagnosticsAsync(source, additionalFiles), d => d.Id == "PB0001");
        return CallSiteRecordJson.Read(cost.Properties[CallSiteRecordJson.PropertyName]!);
    }

    /// <summary>Every diagnostic of the call-site analyzer over <paramref name="source"/> (none may be AD0001).</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = CSharpCompilation.Create(
            "Run",
            new[] { CSharpSyntaxTree.ParseText(source.Replace("{|#0:", "").Replace("|}", ""), path: "/0/Test0.cs") },
            (await SdkReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(SdkReferences.RealSdks),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var options = new AnalyzerOptions(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray());
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
