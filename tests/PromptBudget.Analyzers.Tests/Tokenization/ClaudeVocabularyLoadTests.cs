using System;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Tokenization;

/// <summary>
/// The Claude vocabulary (about 0.5 MB compressed, 65k ranks) is loaded only by a compilation that calls a Claude model.
/// The vocabulary caches are process-wide statics, and other tests in this process count Claude prompts, so the analyzer
/// and Core are loaded afresh into their own load context here (Roslyn and Microsoft.ML.Tokenizers stay shared): their
/// load counters start at zero and only this test's compilations move them.
/// </summary>
public class ClaudeVocabularyLoadTests
{
    private const string OpenAISource = """
        using OpenAI.Chat;

        class Bot
        {
            void Ask(ChatClient unused)
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("Summarise the ticket.") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
        }
        """;

    private const string ClaudeSource = """
        #pragma warning disable CS0618
        using System.Threading.Tasks;
        using Anthropic;
        using Anthropic.Models.Messages;

        class Reviewer
        {
            async Task Run(AnthropicClient client) =>
                await client.Messages.Create(new MessageCreateParams { Model = Model.ClaudeSonnet4_5, MaxTokens = 100, Messages = [new UserMessageParam("Thanks for waiting!")] });
        }
        """;

    [Fact]
    public async Task AnOpenAIOnlyCompilationNeverLoadsTheClaudeVocabularyAndAClaudeCallLoadsItOnce()
    {
        var context = new FreshPromptBudgetContext();
        try
        {
            var core = context.LoadFromAssemblyName(new AssemblyName("PromptBudget.Core"));
            var analyzers = context.LoadFromAssemblyName(new AssemblyName("PromptBudget.Analyzers"));
            Assert.NotSame(typeof(Core.Tokenization.TokenizerRegistry).Assembly, core);
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(analyzers.GetType("PromptBudget.Analyzers.PromptCallSiteAnalyzer", throwOnError: true)!)!;
            var registry = core.GetType("PromptBudget.Core.Tokenization.TokenizerRegistry", throwOnError: true)!;
            var encoding = core.GetType("PromptBudget.Core.Tokenization.TokenEncoding", throwOnError: true)!;
            int Loads(string name) => (int)registry.GetMethod("LoadCount")!.Invoke(null, new[] { Enum.Parse(encoding, name) })!;

            Assert.Equal(0, Loads("Claude"));

            var openAI = await RunAsync(analyzer, OpenAISource);
            Assert.Contains(openAI, d => d.Id == "PB0001" && d.GetMessage().Contains("gpt-4o"));
            Assert.Equal(0, Loads("Claude"));
            Assert.Equal(1, Loads("O200kBase"));

            var claude = await RunAsync(analyzer, ClaudeSource);
            Assert.Contains(claude, d => d.Id == "PB0001" && d.GetMessage().Contains("claude-sonnet-4-5"));
            Assert.Equal(1, Loads("Claude"));

            _ = await RunAsync(analyzer, ClaudeSource);
            Assert.Equal(1, Loads("Claude"));
        }
        finally
        {
            context.Unload();
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string source)
    {
        var compilation = await AnalyzerRun.CompileAsync(source);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>PromptBudget's own assemblies from the test's folder, afresh; everything else from the default context.</summary>
    private sealed class FreshPromptBudgetContext : AssemblyLoadContext
    {
        public FreshPromptBudgetContext()
            : base("fresh-promptbudget", isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName name) =>
            name.Name is "PromptBudget.Core" or "PromptBudget.Analyzers"
                ? LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll"))
                : null;
    }
}
