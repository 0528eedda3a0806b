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
    private const int WarmupRuns = 2;
    private const int TimedRuns = 7;

    public static void Report(IReadOnlyList<int> callCounts)
    {
        var references = GeneratedProject.References();
        foreach (var calls in callCounts)
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

            var times = new List<double>();
            for (var run = 0; run < WarmupRuns + TimedRuns; run++)
            {
                var watch = Stopwatch.StartNew();
                var found = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()))
                    .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Count(d => d.Id == "PB0001");
                watch.Stop();
                if (found != calls)
                {
                    throw new InvalidOperationException($"the method has {calls} prompt calls, the analyzer found {found}");
                }

                if (run >= WarmupRuns)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var median = times.OrderBy(t => t).ElementAt(times.Count / 2);
            Console.WriteLine($"{calls,5} prompt calls in one method: analyzer pass {median,8:F1} ms (median of {TimedRuns}), {median / calls:F3} ms per call");
        }
    }

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
