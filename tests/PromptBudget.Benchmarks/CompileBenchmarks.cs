using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Analyzers;

namespace PromptBudget.Benchmarks;

/// <summary>
/// The cost of the analyzer in a build: a generated project of 1,000 files, 300 of them with a prompt
/// call (OpenAI 2.x), compiled and emitted without analyzers, with an analyzer that does nothing
/// (the analyzer driver's own cost, which any project with analyzers already pays) and with PromptBudget's.
/// Each iteration compiles a new <see cref="Compilation"/> from the same parsed trees, as a build does.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class CompileBenchmarks
{
    private const int Files = 1_000;
    private const int CallSites = 300;
    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<MetadataReference> _references;
    private Compilation _compilation = null!;

    /// <summary>Each prompt call sends on a client its helper receives as a parameter (the model is followed to the caller).</summary>
    public bool HelperCalls { get; set; }

    /// <summary>Each prompt call is an agent: a Microsoft.Extensions.AI client with <c>UseFunctionInvocation()</c> and one tool.</summary>
    public bool AgentCalls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _trees = GeneratedProject.Trees(Files, CallSites, HelperCalls, AgentCalls);
        _references = GeneratedProject.References();

        // One warm compilation so that every measured one finds the tokenizer vocabularies loaded, as a build server does.
        var warm = NewCompilation().WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()));
        var diagnostics = warm.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var found = diagnostics.Count(d => d.Id == "PB0001");
        if (found != CallSites || diagnostics.Any(d => d.Id == "PB1009"))
        {
            throw new InvalidOperationException($"the generated project must have {CallSites} call sites of a known model, the analyzer found {found} ({diagnostics.Count(d => d.Id == "PB1009")} without a model)");
        }
    }

    /// <summary>
    /// The first analysis in a fresh process, as a first build or an IDE opening a solution meets it.
    /// Compared with <paramref name="loadFirst"/> (vocabulary loaded up front, its time printed apart),
    /// it shows how much of the load the background preload hides behind the compiler's binding.
    /// </summary>
    public static void ReportFirstAnalysis(bool loadFirst)
    {
        var compilation = CSharpCompilation.Create("First", GeneratedProject.Trees(200, 60), GeneratedProject.References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var load = TimeSpan.Zero;
        if (loadFirst)
        {
            var loadWatch = System.Diagnostics.Stopwatch.StartNew();
            Core.Tokenization.TokenizerRegistry.Count("warm", Core.Tokenization.TokenEncoding.O200kBase);
            load = loadWatch.Elapsed;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var found = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult().Count(d => d.Id == "PB0001");
        Console.WriteLine($"{(loadFirst ? "vocabulary loaded first" : "preload in the background")}: load {load.TotalMilliseconds:F0} ms, compile + analysis {watch.Elapsed.TotalMilliseconds:F0} ms, {found} call sites");
    }

    /// <summary>
    /// The analyzers alone, on a compilation whose binding is done: an analyzer that does nothing
    /// and PromptBudget's, alternately, each on a fresh analyzer driver. The difference is PromptBudget's own work.
    /// </summary>
    /// <summary>
    /// Analyse on one thread: the driver's telemetry then measures PromptBudget's callbacks without the time they spend
    /// waiting for other threads' binding, so small changes per call site are not lost in the spread of concurrent runs.
    /// </summary>
    public static bool Serial { get; set; }

    public static void ReportAnalyzerTime(bool helperCalls, bool agentCalls = false)
    {
        var benchmark = new CompileBenchmarks { HelperCalls = helperCalls, AgentCalls = agentCalls };
        benchmark.Setup();
        var compilation = benchmark.NewCompilation();
        compilation.GetDiagnostics();
        // Wall time, the process's CPU time (which other load on a shared machine does not inflate), and the time the
        // analyzer driver measured inside the analyzers' own callbacks (its telemetry: the re-binding every fresh
        // driver does is left out, so the figure is not the difference of two large, noisy numbers).
        var process = System.Diagnostics.Process.GetCurrentProcess();
        (double Wall, double Cpu, double Own) Time(params DiagnosticAnalyzer[] analyzers)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: !Serial, logAnalyzerExecutionTime: true);
            var driver = compilation.WithAnalyzers(analyzers.ToImmutableArray(), options);
            driver.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var wall = watch.Elapsed.TotalMilliseconds;
            process.Refresh();
            var own = analyzers.Sum(a => driver.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
            return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds, own);
        }

        var empty = new List<(double Wall, double Cpu, double Own)>();
        var promptBudget = new List<(double Wall, double Cpu, double Own)>();
        for (var run = 0; run < 8; run++)
        {
            empty.Add(Time(new EmptyAnalyzer()));
            promptBudget.Add(Time(new PromptCallSiteAnalyzer(), new PromptBudgetConfigurationAnalyzer()));
        }

        static double Median(IEnumerable<double> values) => values.OrderBy(v => v).ElementAt(values.Count() / 2);
        var (emptyWall, pbWall) = (Median(empty.Select(e => e.Wall)), Median(promptBudget.Select(e => e.Wall)));
        var (emptyCpu, pbCpu) = (Median(empty.Select(e => e.Cpu)), Median(promptBudget.Select(e => e.Cpu)));
        var pbOwn = Median(promptBudget.Select(e => e.Own));
        Console.WriteLine($"analyzer pass over {Files} files, {CallSites} call sites{(helperCalls ? " through helper parameters" : "")}{(agentCalls ? " as agents (UseFunctionInvocation, one tool)" : "")}{(Serial ? ", serial analysis" : "")} (median of 8): empty analyzer {emptyWall:F0} ms, PromptBudget {pbWall:F0} ms, PromptBudget's own work {pbWall - emptyWall:F0} ms ({(pbWall - emptyWall) / CallSites:F2} ms per call site)");
        Console.WriteLine($"CPU time (median of 8): empty analyzer {emptyCpu:F0} ms, PromptBudget {pbCpu:F0} ms, PromptBudget's own work {pbCpu - emptyCpu:F0} ms ({(pbCpu - emptyCpu) / CallSites:F2} ms per call site)");
        Console.WriteLine($"driver telemetry (median of 8): PromptBudget's callbacks {pbOwn:F0} ms ({pbOwn / CallSites:F2} ms per call site); all 8: {string.Join(" ", promptBudget.Select(e => e.Own.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [IterationSetup]
    public void NewIteration() => _compilation = NewCompilation();

    [Benchmark(Baseline = true)]
    public int WithoutAnalyzers() => Emit(_compilation, _compilation.GetDiagnostics());

    [Benchmark]
    public int WithAnEmptyAnalyzer() => Emit(_compilation, WithAnalyzers(new EmptyAnalyzer()));

    [Benchmark]
    public int WithPromptBudget() => Emit(_compilation, WithAnalyzers(new PromptCallSiteAnalyzer(), new PromptBudgetConfigurationAnalyzer()));

    private ImmutableArray<Diagnostic> WithAnalyzers(params DiagnosticAnalyzer[] analyzers) =>
        _compilation.WithAnalyzers(analyzers.ToImmutableArray()).GetAllDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static int Emit(Compilation compilation, ImmutableArray<Diagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }

        return diagnostics.Length + (int)stream.Length;
    }

    private Compilation NewCompilation() => CSharpCompilation.Create(
        "Generated",
        _trees,
        _references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH0", "never", "never", "bench", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }
}

/// <summary>A project of ordinary service classes; every so often one sends a prompt built from constants, a bounded parameter and a list.</summary>
internal static class GeneratedProject
{
    private static readonly string[] Topics = { "orders", "invoices", "refunds", "shipping", "accounts", "returns", "warranty", "billing" };

    public static ImmutableArray<SyntaxTree> Trees(int files, int callSites, bool helperCalls = false, bool agentCalls = false) =>
        Files(files, callSites, helperCalls, agentCalls).Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)).ToImmutableArray();

    /// <summary>The running .NET's assemblies and the OpenAI SDK copied next to the benchmark.</summary>
    public static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var sdk = Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(f => Path.GetFileName(f) is "OpenAI.dll" or "System.ClientModel.dll"
            || Path.GetFileName(f).StartsWith("Microsoft.Extensions.AI", StringComparison.Ordinal));
        return platform.Concat(sdk).Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }

    public static IEnumerable<(string Path, string Text)> Files(int files, int callSites, bool helperCalls = false, bool agentCalls = false)
    {
        yield return ("PromptBoundAttribute.cs", "[System.AttributeUsage(System.AttributeTargets.All)] public sealed class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int tokens) { } }\n");
        var every = (double)files / callSites;
        var next = 0.0;
        for (var i = 0; i < files; i++)
        {
            var hasCall = i >= (int)next && (int)Math.Round(next) == i;
            if (hasCall)
            {
                next += every;
            }

            yield return ($"Service{i:D4}.cs", agentCalls && hasCall ? AgentFile(i) : File(i, hasCall, helperCalls));
        }
    }

    /// <summary>An agent: the M.E.AI client is built with function invocation and the call advertises one tool.</summary>
    private static string AgentFile(int i)
    {
        var topic = Topics[i % Topics.Length];
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.ComponentModel;\nusing System.Threading.Tasks;\nusing Microsoft.Extensions.AI;\n");
        text.Append($"namespace Generated.Area{i % 20};\n\n");
        text.Append($"public sealed class Service{i:D4}\n{{\n");
        text.Append($"    private const string System = \"You are the {topic} agent of service {i}. Look the order up before you answer, answer in at most three sentences.\";\n");
        text.Append("    private readonly IChatClient _client = new OpenAI.Chat.ChatClient(\"gpt-4o-mini\", \"key\").AsIChatClient().AsBuilder().UseFunctionInvocation().Build();\n\n");
        text.Append("    [Description(\"Looks an order up by its number.\")]\n    private static string Lookup([Description(\"The order number.\")] int order) => order.ToString();\n\n");
        text.Append("    public Task<ChatResponse> Ask([PromptBound(400)] string question)\n    {\n");
        text.Append("        var messages = new List<ChatMessage> { new(ChatRole.System, System), new(ChatRole.User, question) };\n");
        text.Append($"        var options = new ChatOptions {{ MaxOutputTokens = {200 + (i % 5) * 100}, Tools = [AIFunctionFactory.Create(Lookup)] }};\n");
        text.Append("        return _client.GetResponseAsync(messages, options);\n    }\n}\n");
        return text.ToString();
    }

    private static string File(int i, bool hasCall, bool helperCalls)
    {
        var topic = Topics[i % Topics.Length];
        var text = new StringBuilder();
        text.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n");
        if (hasCall)
        {
            text.Append("using OpenAI.Chat;\n");
        }

        text.Append($"namespace Generated.Area{i % 20};\n\n");
        text.Append($"public sealed class Service{i:D4}\n{{\n");
        text.Append($"    private readonly Dictionary<int, string> _items = new();\n");
        text.Append($"    public int Count => _items.Count;\n\n");
        for (var m = 0; m < 6; m++)
        {
            text.Append($"    public IEnumerable<string> Find{m}(int min, string prefix)\n    {{\n");
            text.Append($"        var result = _items.Where(p => p.Key >= min + {m} && p.Value.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Value.ToUpperInvariant() + \"-{topic}\").ToList();\n");
            text.Append($"        if (result.Count == 0) {{ _items[{m}] = prefix + \"{m}\"; }}\n");
            text.Append($"        return result.OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal);\n    }}\n\n");
        }

        if (hasCall)
        {
            text.Append($"    private const string System = \"You are the {topic} assistant of service {i}. Answer in at most three sentences, cite the policy section, and never promise a refund.\";\n");
            text.Append("    private readonly ChatClient _client = new(\"gpt-4o-mini\", \"key\");\n\n");
            if (helperCalls)
            {
                // The client reaches the call as a helper's parameter: its model is the argument the caller gives.
                text.Append("    public ChatCompletion Ask([PromptBound(400)] string question, [PromptBound(20)] string customer) => Send(_client, question, customer);\n\n");
                text.Append("    private static ChatCompletion Send(ChatClient client, [PromptBound(400)] string question, [PromptBound(20)] string customer)\n    {\n");
            }
            else
            {
                text.Append("    public ChatCompletion Ask([PromptBound(400)] string question, [PromptBound(20)] string customer)\n    {\n");
            }

            text.Append("        var messages = new List<ChatMessage> { new SystemChatMessage(System) };\n");
            text.Append($"        messages.Add(new UserChatMessage($\"Customer {{customer}} asks about {topic}: {{question}}\"));\n");
            text.Append($"        var options = new ChatCompletionOptions {{ MaxOutputTokenCount = {200 + (i % 5) * 100} }};\n");
            text.Append(helperCalls ? "        return client.CompleteChat(messages, options).Value;\n    }\n" : "        return _client.CompleteChat(messages, options).Value;\n    }\n");
        }

        text.Append("}\n");
        return text.ToString();
    }
}
