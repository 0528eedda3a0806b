using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Analyzers;

namespace PromptBudget.Benchmarks;

/// <summary>
/// What an editor pays per analysis of the open document: one 2,000-line file with 30 prompt calls
/// in a 200-file project, analysed alone (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, TextSpan?, System.Threading.CancellationToken)"/>
/// over the whole document). Each run gets a fresh semantic model and a fresh analyzer driver over
/// the same compilation, so nothing the driver or the analyzer cached survives and the document's
/// method bodies are bound again, as after an edit; with <c>edit</c>, each run first changes a
/// comment in the document (a new compilation, as typing makes). The same is timed with an analyzer
/// that does nothing, so the driver's and the binder's share can be told from PromptBudget's.
/// </summary>
internal static class IdeDocumentBenchmark
{
    private const int Lines = 2_000;
    private const int CallSites = 30;
    private const int WarmupRuns = 10;
    private const int TimedRuns = 50;

    public static void Report(bool edit)
    {
        var document = CSharpSyntaxTree.ParseText(Source(), path: "OpenDocument.cs");
        var compilation = (Compilation)CSharpCompilation.Create(
            "Ide",
            GeneratedProject.Trees(200, 60).Add(document),
            GeneratedProject.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        compilation.GetDiagnostics();
        var lineCount = document.GetText().Lines.Count;

        var wall = new List<double>();
        var own = new List<double>();
        var emptyWall = new List<double>();
        for (var run = 0; run < WarmupRuns + TimedRuns; run++)
        {
            if (edit)
            {
                var edited = document.WithChangedText(document.GetText().WithChanges(new TextChange(new TextSpan(0, 0), $"// edit {run}\n")));
                compilation = compilation.ReplaceSyntaxTree(document, edited);
                document = edited;
            }

            var found = 0;
            var empty = Time(compilation, document, new NoOpInvocationAnalyzer(), ref found);
            var promptBudget = Time(compilation, document, new PromptCallSiteAnalyzer(), ref found);
            if (found != CallSites)
            {
                throw new InvalidOperationException($"the document has {CallSites} prompt calls, the analyzer found {found}");
            }

            if (run >= WarmupRuns)
            {
                emptyWall.Add(empty.Wall);
                wall.Add(promptBudget.Wall);
                own.Add(promptBudget.Own);
            }
        }

        Console.WriteLine($"open document of {lineCount} lines, {CallSites} prompt calls, {TimedRuns} runs, each on a fresh analyzer driver{(edit ? " after an edit" : "")}:");
        Console.WriteLine($"  PromptBudget's own callbacks: p50 {Percentile(own, 50):F1} ms, p95 {Percentile(own, 95):F1} ms");
        Console.WriteLine($"  whole request, PromptBudget:  p50 {Percentile(wall, 50):F1} ms, p95 {Percentile(wall, 95):F1} ms");
        Console.WriteLine($"  whole request, empty analyzer: p50 {Percentile(emptyWall, 50):F1} ms, p95 {Percentile(emptyWall, 95):F1} ms (driver + binding, paid with any analyzer)");
    }

    // The driver's telemetry times the analyzer's own callbacks, apart from binding and the driver.
    private static readonly CompilationWithAnalyzersOptions Options = new(
        new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);

    private static (double Wall, double Own) Time(Compilation compilation, SyntaxTree document, DiagnosticAnalyzer analyzer, ref int found)
    {
        var watch = Stopwatch.StartNew();
        var driver = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), Options);
        var model = driver.Compilation.GetSemanticModel(document);
        var diagnostics = driver.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).GetAwaiter().GetResult();
        watch.Stop();
        found = Math.Max(found, diagnostics.Count(d => d.Id == "PB0001"));
        var own = driver.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        return (watch.Elapsed.TotalMilliseconds, own.TotalMilliseconds);
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>
    /// Ordinary methods of about 20 lines; every third of the first 90 also sends a prompt, so the
    /// calls sit among plain code as they do in a service class.
    /// </summary>
    internal static string Source()
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing OpenAI.Chat;\n\nnamespace Editor;\n\n");
        text.Append("public sealed class OpenDocument\n{\n");
        text.Append("    private const string System = \"You are the support assistant. Answer in at most three sentences.\";\n");
        text.Append("    private readonly ChatClient _client = new(\"gpt-4o-mini\", \"key\");\n");
        text.Append("    private readonly Dictionary<int, string> _items = new();\n\n");
        var calls = 0;
        for (var m = 0; CountLines(text) < Lines - 25; m++)
        {
            text.Append($"    public string Handle{m}(int id, [PromptBound(300)] string question)\n    {{\n");
            text.Append($"        var matches = _items.Where(p => p.Key >= id + {m}).Select(p => p.Value).ToList();\n");
            for (var line = 0; line < 12; line++)
            {
                text.Append($"        if (matches.Count > {line}) {{ _items[id + {line}] = matches[{line}].Trim() + \"{m}\"; }}\n");
            }

            if (m % 3 == 0 && calls < CallSites)
            {
                calls++;
                text.Append("        var messages = new List<ChatMessage> { new SystemChatMessage(System) };\n");
                text.Append($"        messages.Add(new UserChatMessage($\"Item {{id}} ({m}): {{question}}\"));\n");
                text.Append("        var options = new ChatCompletionOptions { MaxOutputTokenCount = 300 };\n");
                text.Append("        return _client.CompleteChat(messages, options).Value.Content[0].Text;\n");
            }
            else
            {
                text.Append("        return string.Join(\",\", matches.OrderBy(s => s.Length));\n");
            }

            text.Append("    }\n\n");
        }

        text.Append("}\n");
        if (calls != CallSites)
        {
            throw new InvalidOperationException($"the document fits {calls} prompt calls, not {CallSites}");
        }

        return text.ToString();
    }

    private static int CountLines(StringBuilder text)
    {
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            lines += text[i] == '\n' ? 1 : 0;
        }

        return lines;
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpInvocationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH1", "never", "never", "bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }
}
