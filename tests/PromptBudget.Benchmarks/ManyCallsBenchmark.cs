using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Analyzers;

namespace PromptBudget.Benchmarks;

/// <summary>
/// How the analyzer's time grows with the number of prompt calls in ONE method: each call reads
/// its messages list, its options and its position among the method's calls, so any per-call walk
/// of the whole method body makes the total quadratic. Timed on a bound compilation, each run on a
/// fresh analyzer driver (the operation trees, and whatever the analyzer caches on them, are rebuilt).
/// </summary>
internal static class ManyCallsBenchmark
{
    private const int ProcessWarmupCalls = 100;
    private const int ProcessWarmupRuns = 15;
    private const int WarmupRuns = 2;
    private const int TimedRuns = 9;

    public static void Report(IReadOnlyList<int> callCounts)
    {
        var references = GeneratedProject.References();

        // The process warms up first (JIT tiering takes seconds of hot calls): without this the first
        // size measured pays for it and the curve is bent by the order of the sizes, not by the code.
        var warm = Compile(ProcessWarmupCalls, references);
        for (var run = 0; run < ProcessWarmupRuns; run++)
        {
            Analyze(warm);
        }

        foreach (var calls in callCounts)
        {
            var compilation = Compile(calls, references);
            var times = new List<double>();
            var cpuTimes = new List<double>();
            for (var run = 0; run < WarmupRuns + TimedRuns; run++)
            {
                // Wall time, and the process's CPU time: on a shared machine the second is the steadier.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var found = Analyze(compilation);
                watch.Stop();
                var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                if (found != calls)
                {
                    throw new InvalidOperationException($"the method has {calls} prompt calls, the analyzer found {found}");
                }

                if (run >= WarmupRuns)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    cpuTimes.Add(cpuUsed);
                }
            }

            var median = Median(times);
            Console.WriteLine($"{calls,5} prompt calls in one method: analyzer pass {median,7:F1} ms wall, {Median(cpuTimes),7:F1} ms CPU (medians of {TimedRuns}), {median / calls:F2} ms per call");
        }
    }

    private static int Analyze(Compilation compilation) =>
        compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Count(d => d.Id == "PB0001");

    private static Compilation Compile(int calls, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "ManyCalls",
            new[] { CSharpSyntaxTree.ParseText(Source(calls), path: "ManyCalls.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors.Take(5)));
        }

        return compilation;
    }

    private static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

    /// <summary>One method; each call builds its own messages list (initializer + Add) and options, as handlers often do.</summary>
    internal static string Source(int calls)
    {
        var text = new StringBuilder();
        text.Append("using System.Collections.Generic;\nusing OpenAI.Chat;\n\n");
        text.Append("[System.AttributeUsage(System.AttributeTargets.All)] public sealed class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int tokens) { } }\n\n");
        text.Append("public sealed class Pipeline\n{\n");
        text.Append("    private const string System = \"You are a careful assistant. Answer in at most three sentences.\";\n");
        text.Append("    private readonly ChatClient _client = new(\"gpt-4o-mini\", \"key\");\n\n");
        text.Append("    public void Run([PromptBound(400)] string question)\n    {\n");
        for (var i = 0; i < calls; i++)
        {
            text.Append($"        var messages{i} = new List<ChatMessage> {{ new SystemChatMessage(System) }};\n");
            text.Append($"        messages{i}.Add(new UserChatMessage($\"Step {i}: {{question}}\"));\n");
            text.Append($"        var options{i} = new ChatCompletionOptions {{ MaxOutputTokenCount = {100 + i % 7 * 50} }};\n");
            text.Append($"        _client.CompleteChat(messages{i}, options{i});\n");
        }

        text.Append("    }\n}\n");
        return text.ToString();
    }
}
