using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using PromptBudget.Analyzers.Infrastructure;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Robustness;

/// <summary>Bad or huge input never crashes the compiler: an analyzer exception would surface as AD0001 and fail these tests.</summary>
public class RobustnessTests
{
    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task CodeWithSyntaxErrorsAroundAPromptCall()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                void Ask(ChatClient client)
                {
                    client.CompleteChat(new UserChatMessage("Hi" + ), 
                    var x = ;
                }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true, CompilerDiagnostics = CompilerDiagnostics.None, DisabledDiagnostics = new[] { "PB0001", "PB1003", "PB1009", "PB1007" } });
    }

    // Agents half-written, made by a factory that calls itself, missing their client or options.
    [Fact]
    public async Task BrokenAndSelfReferencingAgents()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;

            class Bot
            {
                static AIAgent Loop() => Loop();
                static ChatCompletionAgent Again() { return Again(); }
                private readonly ChatClientAgent _self;

                Bot() { _self = new ChatClientAgent(, instructions: ); }

                async Task Ask(IChatClient chat)
                {
                    await Loop().RunAsync("Hi");
                    await foreach (var item in Again().InvokeAsync("Hi", options: new AgentInvokeOptions { KernelArguments = }))
                    {
                    }
                    await _self.RunAsync(, options: new ChatClientAgentRunOptions(new ChatOptions { Instructions = , Tools = [ ] }));
                    await new ChatClientAgent(chat, new ChatClientAgentOptions { ChatOptions = null, UseProvidedChatClientAsIs = }).RunAsync("Hi");
                    await foreach (var item in new ChatCompletionAgent(null!, null!) { Instructions = null }.InvokeAsync([null!, .. ]))
                    {
                    }
                }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source)
        {
            RealSdks = true,
            Stubs = new[] { SdkStubs.SemanticKernelAgents },
            CompilerDiagnostics = CompilerDiagnostics.None,
            DisabledDiagnostics = new[] { "PB0001", "PB1003", "PB1007", "PB1009", "PB1012" },
        });
    }

    [Fact]
    public async Task ATenThousandPartConcatenationIsFollowedWithoutRecursion()
    {
        var expression = new StringBuilder("\"w0 \"");
        var literals = new StringBuilder("w0 ");
        for (var i = 1; i < 5000; i++)
        {
            expression.Append(" + p + \"w").Append(i).Append(" \"");
            literals.Append('w').Append(i).Append(' ');
        }

        var source = $$"""
            using OpenAI.Chat;

            class PromptBoundAttribute : System.Attribute { public PromptBoundAttribute(int n) { } }

            class Bot
            {
                void Ask([PromptBound(1)] string p)
                {
                    var client = new ChatClient("gpt-4o", "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage({{expression}}) }, new ChatCompletionOptions { MaxOutputTokenCount = 1 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens(literals.ToString()) + 4999;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "1", "set", Expected.Usd((input * 0.0000025m) + 0.00001m)));
    }

    [Fact]
    public async Task DeeplyNestedInterpolations()
    {
        // The C# compiler's own binding of nested interpolated strings grows exponentially with the
        // depth (measured with Roslyn 4.8: 16 levels 0.17 s, 20 levels 0.6 s; 200 levels had not finished after 5 minutes),
        // so 12 levels is the deepest a build can meet; the evaluator walks them without recursion.
        const int depth = 12;
        var nested = "x";
        for (var i = 0; i < depth; i++)
        {
            nested = "$\"(" + "{" + nested + "}" + ")\"";
        }

        var source = $$"""
            using OpenAI.Chat;

            class Bot
            {
                const string x = "core";

                void Ask()
                {
                    var client = new ChatClient("gpt-4o", "key");
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage({{nested}}) }, new ChatCompletionOptions { MaxOutputTokenCount = 1 });
                }
            }
            """;
        var text = new string('(', depth) + "core" + new string(')', depth);
        var input = Expected.OpenAIInputTokens(text);

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "1", "set", Expected.Usd((input * 0.0000025m) + 0.00001m)));
    }

    [Fact]
    public async Task ATenMegabyteLiteralIsCountedInBoundedTime()
    {
        var big = string.Concat(Enumerable.Repeat("The customer asked about order 12345 and its delivery. ", 190_000));
        Assert.True(big.Length >= 10_000_000);
        var source = "using OpenAI.Chat;\nclass Bot { void Ask() { var client = new ChatClient(\"gpt-4o\", \"key\"); client.CompleteChat(new ChatMessage[] { new UserChatMessage(\"" + big + "\") }, new ChatCompletionOptions { MaxOutputTokenCount = 1 }); } }";
        var compilation = CSharpCompilation.Create(
            "Big",
            new[] { CSharpSyntaxTree.ParseText(source) },
            (await SdkReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).AddRange(SdkReferences.RealSdks),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var watch = Stopwatch.StartNew();
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(compilation, System.Array.Empty<(string, string)>());
        watch.Stop();
        _output.WriteLine($"10 MB literal analysed in {watch.Elapsed.TotalSeconds:F2} s");

        Assert.Single(diagnostics, d => d.Id == "PB0001");
        var record = Assert.Single(payload!.Records);
        Assert.Equal(Expected.OpenAIInputTokens(big), record.InputTokens);
    }

    [Fact]
    public async Task AConstantDoubledTenTimesIsCutAtTheTextLimitAndTheRestIsUnbounded()
    {
        // s10 = s9 + s9 from a 1 MB s1 is 512 M characters (it used to be built whole: 2.4 GB, an OutOfMemoryException).
        var start = string.Concat(Enumerable.Repeat("Order 12345 shipped late; the customer asks why. ", 21_000));
        Assert.True(start.Length >= 1_000_000);
        var doubling = string.Concat(Enumerable.Range(2, 9).Select(i => $"var s{i} = s{i - 1} + s{i - 1}; "));
        var source = "using OpenAI.Chat;\nclass Bot { void Ask() { var s1 = \"" + start + "\"; " + doubling
            + "var client = new ChatClient(\"gpt-4o\", \"key\"); client.CompleteChat(new ChatMessage[] { new UserChatMessage(s9 + s9) }, new ChatCompletionOptions { MaxOutputTokenCount = 1 }); } }";
        var compilation = await AnalyzerRun.CompileAsync(source);

        var watch = Stopwatch.StartNew();
        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(compilation, System.Array.Empty<(string, string)>());
        _output.WriteLine($"doubled constant analysed in {watch.Elapsed.TotalSeconds:F2} s");

        var record = Assert.Single(payload!.Records);
        var over = (512L * start.Length) - PromptBudget.Analyzers.Evaluation.StringValueEvaluator.MaxTextLength;
        var segment = Assert.Single(record.Segments);
        Assert.Equal($"({over:#,0} chars past the text limit)", segment.Name);
        Assert.Null(segment.BoundTokens);
        Assert.Equal(1, record.UnboundedSegments);
        Assert.Contains(diagnostics, d => d.Id == "PB1007");
    }

    [Fact]
    public async Task GeneratedCodeIsSkipped()
    {
        const string call = "using OpenAI.Chat;\nclass Gen { void Ask(ChatClient c) => c.CompleteChat(\"Hi\"); }\n";

        await Verify.Analyze(new AnalyzerTestOptions("// <auto-generated/>\n" + call) { RealSdks = true, ExtraSources = new[] { ("/0/Client.g.cs", call.Replace("class Gen", "class Gen2")) } });
    }

    [Fact]
    public async Task PromptBudgetEnabledFalseTurnsTheAnalyzerOff()
    {
        const string source = "using OpenAI.Chat;\nclass Bot { void Ask(ChatClient c) => c.CompleteChat(\"Hi\"); }\n";

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true, GlobalConfig = "build_property.PromptBudgetEnabled = false\n" });
    }

    [Fact]
    public async Task ACompilationWithoutAnyLlmSdkGetsNoContextAndNoDiagnostics()
    {
        var compilation = CSharpCompilation.Create(
            "Plain",
            new[] { CSharpSyntaxTree.ParseText("class C { string M() => \"CompleteChat\" + \"GetResponseAsync\"; }") },
            await SdkReferences.Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty);

        Assert.Null(PromptBudgetCompilationContext.TryCreate(compilation, options, CancellationToken.None));
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer(), new PromptBudgetConfigurationAnalyzer())).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics);
    }
}
