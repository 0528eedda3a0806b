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
/// Runs the call-site analyzer over sources against the real SDKs the way a command-line build does
/// (a channel settings file names the payload path) and returns its diagnostics and the call-site
/// records it wrote, for tests that check numbers the message does not show (segments, prices from a file).
/// </summary>
public static class AnalyzerRun
{
    public static Task<CallSiteRecord> SingleCallSiteAsync(string source, params (string Path, string Text)[] additionalFiles) =>
        SingleCallSiteAsync(source, SdkReferences.Net100, additionalFiles);

    public static async Task<CallSiteRecord> SingleCallSiteAsync(string source, Microsoft.CodeAnalysis.Testing.ReferenceAssemblies references, params (string Path, string Text)[] additionalFiles)
    {
        var (diagnostics, payload) = await WithPayloadAsync(await CompileWithAsync(references, source), additionalFiles);

        Assert.Single(diagnostics, d => d.Id == "PB0001");
        return Assert.Single(payload!.Records);
    }

    public static Task<Compilation> CompileAsync(params string[] sources) => CompileWithAsync(SdkReferences.Net100, sources);

    public static async Task<Compilation> CompileWithAsync(Microsoft.CodeAnalysis.Testing.ReferenceAssemblies references, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Run",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source.Replace("{|#0:", "").Replace("|}", ""), path: $"/0/Test{i}.cs")),
            (await references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(SdkReferences.RealSdksFor(references)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    /// <summary>
    /// Runs the analyzer with a channel settings file (unless <paramref name="withChannel"/> is false) and
    /// reads the payload it wrote; null when it wrote none.
    /// </summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, CallSitePayload? Payload)> WithPayloadAsync(
        Compilation compilation, (string Path, string Text)[] additionalFiles, bool withChannel = true, string projectDirectory = "/0",
        System.Collections.Generic.IReadOnlyDictionary<string, string>? settings = null,
        System.Collections.Generic.IReadOnlyDictionary<string, string>? properties = null)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-payload-" + System.Guid.NewGuid().ToString("N"));
        var payloadPath = System.IO.Path.Combine(folder, "callsites.jsonl");
        var files = additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToList();
        if (withChannel)
        {
            files.Add(new InMemoryAdditionalText(System.IO.Path.Combine(folder, "promptbudget.channel"), $"payload={payloadPath}\nprojectDirectory={projectDirectory}\n"));
        }

        try
        {
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()), settings is null
                    ? Options(files.ToImmutableArray(), properties)
                    : new AnalyzerOptions(files.ToImmutableArray(), new SameSettingsEverywhere(settings)))
                .GetAnalyzerDiagnosticsAsync();

            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            Assert.DoesNotContain(diagnostics, d => d.Id == RuleIdentifiers.PayloadCarrier);
            var payload = System.IO.File.Exists(payloadPath) ? CallSitePayloadFile.Read(System.IO.File.ReadAllText(payloadPath)) : null;
            Assert.Empty(payload?.Problems ?? new System.Collections.Generic.List<PayloadProblem>());
            return (diagnostics, payload);
        }
        finally
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static AnalyzerOptions Options(ImmutableArray<AdditionalText> files, System.Collections.Generic.IReadOnlyDictionary<string, string>? properties) =>
        properties is null
            ? new AnalyzerOptions(files)
            : new AnalyzerOptions(files, new GlobalOptionsProvider(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value)));

    // Only global options (MSBuild properties); no file has options of its own.
    private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new DictionaryOptions(new System.Collections.Generic.Dictionary<string, string>());

        public GlobalOptionsProvider(System.Collections.Generic.Dictionary<string, string> values) => GlobalOptions = new DictionaryOptions(values);

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly System.Collections.Generic.Dictionary<string, string> _values;

        public DictionaryOptions(System.Collections.Generic.Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
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

    /// <summary>The same .editorconfig keys (or <c>build_property.X</c> values) for every file, as one <c>[*]</c> section gives.</summary>
    private sealed class SameSettingsEverywhere : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values;

        public SameSettingsEverywhere(System.Collections.Generic.IReadOnlyDictionary<string, string> settings) => _values = new Values(settings);

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly System.Collections.Generic.IReadOnlyDictionary<string, string> _settings;

            public Values(System.Collections.Generic.IReadOnlyDictionary<string, string> settings) => _settings = settings;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _settings.TryGetValue(key, out value);
        }
    }
}
