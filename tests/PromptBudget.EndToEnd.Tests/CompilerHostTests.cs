using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Core.Reporting;
using PromptBudget.Core.Tokenization;
using PromptBudget.EndToEnd.Tests.CompilerHosts;
using Xunit;
using Xunit.Abstractions;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// The packaged analyzer in the .NET Framework compilers of Visual Studio and of msbuild on Windows,
/// emulated on Linux from the Microsoft.Net.Compilers.Toolset packages the feed serves (4.14.0 is
/// Visual Studio 2022 17.14's compiler; 5.9.0 a Visual Studio 2026 one): statically, every assembly
/// reference the compiler can reach must bind; at run time, the analyzer must count a prompt exactly
/// with every request bound the way that compiler binds it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CompilerHostTests : IDisposable
{
    /// <summary>
    /// References no host can bind, allowed only because nothing the analyzer runs loads them:
    /// Microsoft.ML.Tokenizers references System.Text.Json for the tokenizers read from JSON
    /// vocabularies (BPE, CodeGen…), never for tiktoken. <see cref="AnalyzesAPromptWithEveryRequestBoundAsTheHostBindsIt"/>
    /// proves it by failing when one of these is ever requested.
    /// </summary>
    private static readonly string[] NeverLoaded = { "System.Text.Json" };

    private const string SystemPrompt = "You are terse.";
    private const string UserPrompt = "Hello there, what does the shop sell?";

    private static readonly string Source = $$"""
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(
                    new ChatMessage[] { new SystemChatMessage("{{SystemPrompt}}"), new UserChatMessage("{{UserPrompt}}") },
                    new ChatCompletionOptions { MaxOutputTokenCount = 100 });
            }

            void AskTheOlderModel()
            {
                var client = new ChatClient("gpt-4", "key");
                client.CompleteChat(
                    new ChatMessage[] { new SystemChatMessage("{{SystemPrompt}}"), new UserChatMessage("{{UserPrompt}}") },
                    new ChatCompletionOptions { MaxOutputTokenCount = 100 });
            }

            // Claude through Anthropic's OpenAI-compatible endpoint: counted with the Claude vocabulary embedded in Core.
            void AskClaude()
            {
                var client = new ChatClient("claude-sonnet-4-5", "key");
                client.CompleteChat(
                    new ChatMessage[] { new SystemChatMessage("{{SystemPrompt}}"), new UserChatMessage("{{UserPrompt}}") },
                    new ChatCompletionOptions { MaxOutputTokenCount = 100 });
            }
        }
        """;

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _output;
    private readonly string _work;

    public CompilerHostTests(PackageFixture package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
        _work = Path.Combine(package.Root, "hosts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_work);
    }

    public static TheoryData<string> Toolsets => new() { "4.14.0", "5.9.0" };

    [Theory]
    [MemberData(nameof(Toolsets))]
    public void EveryReferenceTheCompilerCanReachBinds(string toolset)
    {
        var host = Host(toolset);
        var folder = AnalyzerFolder();

        var walk = AnalyzerFolderWalk.Walk(host, folder);
        foreach (var (from, resolution) in walk)
        {
            _output.WriteLine($"{from} -> {resolution}");
        }

        Assert.Contains(walk, w => w.From == "PromptBudget.Analyzers.dll");
        var unresolved = walk
            .Where(w => w.Resolution.Source == ResolutionSource.Unresolved && !NeverLoaded.Contains(w.Resolution.Request.Name))
            .Select(w => $"{w.From} -> {w.Resolution.Request.FullName} {w.Resolution.Detail}")
            .Distinct()
            .ToList();
        Assert.True(unresolved.Count == 0, $"In the {host.Description}, these references of the packaged analyzer cannot be bound:\n" + string.Join("\n", unresolved));
    }

    [Theory]
    [MemberData(nameof(Toolsets))]
    public async Task AnalyzesAPromptWithEveryRequestBoundAsTheHostBindsIt(string toolset)
    {
        var host = Host(toolset);
        var context = new EmulatedHostLoadContext(host, AnalyzerFolder());

        var (diagnostics, records) = await RunAsync(context);
        foreach (var request in context.Requests)
        {
            _output.WriteLine(request.ToString());
        }

        foreach (var diagnostic in diagnostics)
        {
            _output.WriteLine(diagnostic.ToString());
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB2004");
        foreach (var (model, encoding) in new[] { ("gpt-4o", TokenEncoding.O200kBase), ("gpt-4", TokenEncoding.Cl100kBase) })
        {
            var expected = ExpectedInputTokens(encoding);
            var cost = Assert.Single(diagnostics, d => d.Id == "PB0001" && d.GetMessage().Contains($"({model})", StringComparison.Ordinal));
            Assert.Contains($"{expected} input tokens (exact)", cost.GetMessage(), StringComparison.Ordinal);
            var record = Assert.Single(records, r => r.Model == model);
            Assert.True(record.Exact);
            Assert.Equal(expected, record.InputTokens);
            Assert.NotNull(record.WorstCaseCostUsd);
        }

        // The Claude vocabulary (a resource of Core) loads and counts in the host too: an estimate with its upper bound.
        var claude = Assert.Single(records, r => r.Model == "claude-sonnet-4-5");
        Assert.False(claude.Exact);
        Assert.Equal("claude", claude.Encoding);
        Assert.Equal(ExpectedClaudeInputTokens(), claude.InputTokens);
        Assert.True(claude.InputTokensUpperBound > claude.InputTokens);
        Assert.Contains($"~{claude.InputTokens} input tokens, ≤ {claude.InputTokensUpperBound} (estimated)", Assert.Single(diagnostics, d => d.Id == "PB0001" && d.GetMessage().Contains("(claude-sonnet-4-5)", StringComparison.Ordinal)).GetMessage(), StringComparison.Ordinal);

        // Both tokenizers really ran in the emulated host, and nothing they ran asked for an assembly no host has.
        Assert.Contains(context.Requests, r => r.Request.Name == "Microsoft.ML.Tokenizers.Data.O200kBase");
        Assert.Contains(context.Requests, r => r.Request.Name == "Microsoft.ML.Tokenizers.Data.Cl100kBase");
        Assert.DoesNotContain(context.Requests, r => r.Source == ResolutionSource.Unresolved);
        Assert.DoesNotContain(context.Requests, r => NeverLoaded.Contains(r.Request.Name));
        Assert.DoesNotContain(context.Assemblies, a => NeverLoaded.Contains(a.GetName().Name));
    }

    /// <summary>
    /// A host that cannot bind a dependency (here 4.14 with the package's System.Memory taken away) gets one
    /// PB2004 naming the assembly, the host and the fix, estimated counts and no cost, never AD0001.
    /// </summary>
    [Fact]
    public async Task AHostThatCannotLoadTheTokenizerGetsOnePb2004AndAnIncompleteEstimate()
    {
        var host = Host("4.14.0");
        var hostile = Path.Combine(_work, "without-system-memory");
        Directory.CreateDirectory(hostile);
        foreach (var file in Directory.GetFiles(AnalyzerFolder()).Where(f => Path.GetFileName(f) != "System.Memory.dll"))
        {
            File.Copy(file, Path.Combine(hostile, Path.GetFileName(file)));
        }

        var context = new EmulatedHostLoadContext(host, hostile);
        var (diagnostics, records) = await RunAsync(context, calls: 2);
        foreach (var diagnostic in diagnostics)
        {
            _output.WriteLine(diagnostic.ToString());
        }

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var unavailable = Assert.Single(diagnostics, d => d.Id == "PB2004");
        Assert.Contains("System.Memory, Version=4.0.2.0", unavailable.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(6, diagnostics.Count(d => d.Id == "PB0001"));
        Assert.All(diagnostics.Where(d => d.Id == "PB0001"), d => Assert.Contains("(estimated)", d.GetMessage(), StringComparison.Ordinal));
        Assert.Equal(6, records.Count);
        foreach (var record in records)
        {
            Assert.False(record.Exact);
            Assert.Null(record.WorstCaseCostUsd);
            Assert.True(record.InputTokens >= ExpectedInputTokens(record.Model == "gpt-4" ? TokenEncoding.Cl100kBase : TokenEncoding.O200kBase), "the fallback count is an upper bound");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static FrameworkCompilerHost Host(string toolset) =>
        new(toolset, typeof(CompilerHostTests).Assembly.GetCustomAttribute<NuGetPackageRootAttribute>()!.Path);

    /// <summary>Claude's estimate of the prompt (ai-tokenizer 1.0.6's fit: the Claude count × 1.1 rounded, 6 per request, 3 per message).</summary>
    private static long ExpectedClaudeInputTokens() =>
        6 + (2 * 3) + Round(TokenizerRegistry.Count(SystemPrompt, TokenEncoding.Claude) * 1.1m) + Round(TokenizerRegistry.Count(UserPrompt, TokenEncoding.Claude) * 1.1m);

    private static long Round(decimal value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>The prompt's count by this process's own tokenizer (the default context's, on .NET 10), with the cookbook's framing of two messages.</summary>
    private static long ExpectedInputTokens(TokenEncoding encoding) =>
        TokenizerRegistry.Count(SystemPrompt, encoding) + TokenizerRegistry.Count(UserPrompt, encoding)
        + (2 * ChatFormatOverhead.TokensPerMessageWithRole) + ChatFormatOverhead.ReplyPrimingTokens;

    /// <summary>analyzers/dotnet/cs of the packed .nupkg, extracted once per test.</summary>
    private string AnalyzerFolder()
    {
        var folder = Path.Combine(_work, "package");
        if (!Directory.Exists(folder))
        {
            ZipFile.ExtractToDirectory(_package.PackagePath, folder);
        }

        return Path.Combine(folder, "analyzers", "dotnet", "cs");
    }

    /// <summary>Runs every analyzer of the package's analyzer assembly, loaded in <paramref name="context"/>, as a command-line build does.</summary>
    private async Task<(ImmutableArray<Diagnostic> Diagnostics, List<CallSiteRecord> Records)> RunAsync(EmulatedHostLoadContext context, int calls = 1)
    {
        var assembly = context.LoadAnalyzerAssembly("PromptBudget.Analyzers.dll");
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.NotEmpty(analyzers);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && FrameworkCompilerHost.TryGetName(p) is not null)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var sources = Enumerable.Range(0, calls).Select(i => CSharpSyntaxTree.ParseText(Source.Replace("class Bot", "class Bot" + i), path: Path.Combine(_work, $"Bot{i}.cs")));
        var compilation = CSharpCompilation.Create("HostRun", sources, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var payload = Path.Combine(_work, "callsites-" + Guid.NewGuid().ToString("N")[..8] + ".jsonl");
        var channel = new TextFile(Path.Combine(_work, "promptbudget.channel"), $"payload={payload}\nprojectDirectory={_work}\n");
        var diagnostics = await compilation
            .WithAnalyzers(analyzers, new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(channel)))
            .GetAnalyzerDiagnosticsAsync();
        var records = File.Exists(payload) ? CallSitePayloadFile.Read(File.ReadAllText(payload)).Records : new List<CallSiteRecord>();
        return (diagnostics, records);
    }

    private sealed class TextFile : AdditionalText
    {
        private readonly SourceText _text;

        public TextFile(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
    }
}
