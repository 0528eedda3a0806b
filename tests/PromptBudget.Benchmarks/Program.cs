using System;
using System.Diagnostics;
using System.Linq;
using BenchmarkDotNet.Running;
using PromptBudget.Core.Tokenization;

namespace PromptBudget.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // `first-count`: the time of the very first count in a fresh process (vocabulary load included).
        if (args.Length > 0 && args[0] == "first-count")
        {
            var encoding = args.Length > 1 && args[1] == "cl100k" ? TokenEncoding.Cl100kBase : TokenEncoding.O200kBase;
            var watch = Stopwatch.StartNew();
            var tokens = TokenizerRegistry.Count("You are a helpful assistant. Answer briefly.", encoding);
            watch.Stop();
            Console.WriteLine($"first {encoding.Name()} count: {watch.Elapsed.TotalMilliseconds:F0} ms ({tokens} tokens)");
            return 0;
        }

        // `first-analysis [load-first]`: a fresh process compiles a 200-file project with 60 prompt calls
        // and runs the analyzers once; with load-first the vocabulary is loaded before, on the caller's thread.
        if (args.Length > 0 && args[0] == "first-analysis")
        {
            CompileBenchmarks.ReportFirstAnalysis(loadFirst: args.Length > 1 && args[1] == "load-first");
            return 0;
        }

        // `write-project <dir>`: the generated 1,000-file project's sources, for build-benchmark.sh.
        if (args.Length > 1 && args[0] == "write-project")
        {
            foreach (var (path, text) in GeneratedProject.Files(1_000, 300))
            {
                System.IO.File.WriteAllText(System.IO.Path.Combine(args[1], path), text);
            }

            return 0;
        }

        // `long-runs`: seconds to count long texts without spaces (a 200,000-character word, 50,000 CJK characters).
        if (args.Length > 0 && args[0] == "long-runs")
        {
            LongRuns.Report();
            return 0;
        }

        // `analyzer-time [helpers|agents] [serial]`: the analyzers alone; with helpers, each call's client is a helper's parameter;
        // with agents, each call is a Microsoft.Extensions.AI client with UseFunctionInvocation() and one tool.
        if (args.Length > 0 && args[0] == "analyzer-time")
        {
            CompileBenchmarks.Serial = args.Contains("serial");
            CompileBenchmarks.ReportAnalyzerTime(helperCalls: args.Length > 1 && args[1] == "helpers", agentCalls: args.Length > 1 && args[1] == "agents");
            return 0;
        }

        // `many-calls [n …]`: one method with n prompt calls (default 100 250 500), the analyzer pass's median time.
        if (args.Length > 0 && args[0] == "many-calls")
        {
            var counts = args.Length > 1 ? args.Skip(1).Select(int.Parse).ToArray() : new[] { 100, 250, 500 };
            WarnIfTieredJit();
            ManyCallsBenchmark.Report(counts);
            return 0;
        }

        // `ide-document [edit]`: one open 2,000-line document with 30 prompt calls, analysed alone; p50 and p95.
        if (args.Length > 0 && args[0] == "ide-document")
        {
            WarnIfTieredJit();
            IdeDocumentBenchmark.Report(edit: args.Length > 1 && args[1] == "edit");
            return 0;
        }

        // `robustness`: the 1,000-call conversations (SK, M.E.AI), the doubled constant, the 100,000-character model name; seconds each.
        if (args.Length > 0 && args[0] == "robustness")
        {
            RobustnessBenchmark.Report();
            return 0;
        }

        // `usage-read [n] [gz]`: n generated OTLP/JSON spans (default 1,000,000) read and matched to call sites; time and peak memory.
        if (args.Length > 0 && args[0] == "usage-read")
        {
            var spans = args.Length > 1 && long.TryParse(args[1], out var n) ? n : 1_000_000;
            UsageReadBenchmark.Report(spans, gzip: args.Contains("gz"));
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    // With tiered JIT, Roslyn's and the analyzer's hot methods are recompiled in the background for
    // seconds: sizes measured early pay for it and a linear curve looks flat (or quadratic one mild).
    private static void WarnIfTieredJit()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") != "0")
        {
            Console.WriteLine("(tiered JIT is on: run with DOTNET_TieredCompilation=0 for numbers that compare)");
        }
    }
}
