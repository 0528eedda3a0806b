using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Analyzers.Tests.PromptFiles;

/// <summary>
/// Runs the call-site analyzer over a project's prompt files as a command-line build does (AdditionalFiles,
/// a channel file naming the payload, .editorconfig keys per folder, build properties) and returns its
/// diagnostics and the records it wrote. Paths are under <c>/p</c>, the project directory.
/// </summary>
internal static class PromptFileRun
{
    public const string ProjectDirectory = "/p";

    private static readonly JsonValue Fixtures = JsonReader.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "token-counts.json")));

    /// <summary>The o200k count js-tiktoken gave for the fixture case, after checking the case holds exactly this text.</summary>
    public static long O200k(string caseName, string text)
    {
        var item = Fixtures.Get("cases")!.Items.Single(c => c.GetString("name") == caseName);
        Assert.Equal(text, item.GetString("text"));
        return long.Parse(item.Get("o200k_base")!.Text!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>OpenAI's framing (3 per message, 1 for its role, 3 for the reply) over the fixture counts of each message's static text.</summary>
    public static long OpenAIInput(params long[] messageTokens) => 3 + messageTokens.Sum(t => 4 + t);

    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<CallSiteRecord> Records)> RunAsync(
        IEnumerable<(string Path, string Text)> files,
        IDictionary<string, string>? buildProperties = null,
        IDictionary<string, IDictionary<string, string>>? folderOptions = null,
        IEnumerable<string>? markedPromptFiles = null,
        bool withSdk = true,
        string source = "public static class Empty { }",
        IDictionary<string, IDictionary<string, string>>? fileMetadata = null,
        bool withConfigurationAnalyzer = false)
    {
        var references = await SdkReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        if (withSdk)
        {
            references = references.AddRange(SdkReferences.RealSdksFor(SdkReferences.Net100));
        }

        var compilation = CSharpCompilation.Create(
            "Run",
            new[] { CSharpSyntaxTree.ParseText(source, path: ProjectDirectory + "/Code.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var folder = Path.Combine(Path.GetTempPath(), "pb-promptfiles-" + System.Guid.NewGuid().ToString("N"));
        var payloadPath = Path.Combine(folder, "callsites.jsonl");
        var additional = files.Select(f => (AdditionalText)new Text(f.Path, f.Text)).ToList();
        additional.Add(new Text(Path.Combine(folder, "promptbudget.channel"), $"payload={payloadPath}\nprojectDirectory={ProjectDirectory}\n"));
        var provider = new OptionsProvider(
            (buildProperties ?? new Dictionary<string, string>()).ToDictionary(p => "build_property." + p.Key, p => p.Value),
            folderOptions ?? new Dictionary<string, IDictionary<string, string>>(),
            new HashSet<string>(markedPromptFiles ?? Enumerable.Empty<string>()),
            fileMetadata ?? new Dictionary<string, IDictionary<string, string>>());
        var analyzers = withConfigurationAnalyzer
            ? ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer(), new PromptBudgetConfigurationAnalyzer())
            : ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer());
        try
        {
            var diagnostics = await compilation
                .WithAnalyzers(analyzers, new AnalyzerOptions(additional.ToImmutableArray(), provider))
                .GetAnalyzerDiagnosticsAsync();

            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            Assert.True(File.Exists(payloadPath), "no payload written");
            var payload = CallSitePayloadFile.Read(File.ReadAllText(payloadPath));
            Assert.Empty(payload.Problems);
            return (diagnostics, payload.Records);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly IDictionary<string, string> _values;

        public Options(IDictionary<string, string> values) => _values = values;

        public IDictionary<string, string> Values => _values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }

    // Folder options apply to the files under that folder (the deepest folder wins), as .editorconfig sections do.
    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly IDictionary<string, IDictionary<string, string>> _folders;
        private readonly HashSet<string> _marked;
        private readonly IDictionary<string, IDictionary<string, string>> _metadata;

        public OptionsProvider(Dictionary<string, string> global, IDictionary<string, IDictionary<string, string>> folders, HashSet<string> marked, IDictionary<string, IDictionary<string, string>> metadata)
        {
            GlobalOptions = new Options(global);
            _folders = folders;
            _marked = marked;
            _metadata = metadata;
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            var options = new Dictionary<string, string>(For(textFile.Path).Values);
            if (_marked.Contains(textFile.Path))
            {
                options["build_metadata.AdditionalFiles.PromptBudgetPromptFile"] = "true";
            }

            if (_metadata.TryGetValue(textFile.Path, out var metadata))
            {
                foreach (var pair in metadata)
                {
                    options["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
                }
            }

            return new Options(options);
        }

        private Options For(string path)
        {
            var folder = _folders.Keys.Where(f => path.StartsWith(f + "/", System.StringComparison.Ordinal)).OrderByDescending(f => f.Length).FirstOrDefault();
            return new Options(folder is null ? new Dictionary<string, string>() : new Dictionary<string, string>(_folders[folder]));
        }
    }
}
