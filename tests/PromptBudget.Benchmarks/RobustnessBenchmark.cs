using System;
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
/// `robustness`: inputs that used to take seconds or all memory, timed once each (a fresh compilation, one
/// analyzer pass): a conversation grown over 1,000 calls in one method (Semantic Kernel and
/// Microsoft.Extensions.AI, declared as stubs of the same names), a 1 MB constant doubled ten times,
/// and a call whose model name is 100,000 characters long.
/// </summary>
internal static class RobustnessBenchmark
{
    private const string SemanticKernelStubs = """
        namespace Microsoft.SemanticKernel { public class Kernel { } public class PromptExecutionSettings { public string? ModelId { get; set; } } }
        namespace Microsoft.SemanticKernel.Connectors.OpenAI { public class OpenAIPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings { public int? MaxTokens { get; set; } } }
        namespace Microsoft.SemanticKernel.ChatCompletion
        {
            public class ChatHistory : System.Collections.Generic.List<object> { public ChatHistory() { } public ChatHistory(string systemMessage) { } public void AddUserMessage(string content) { } }
            public interface IChatCompletionService { System.Threading.Tasks.Task<object> GetChatMessageContentAsync(ChatHistory chatHistory, Microsoft.SemanticKernel.PromptExecutionSettings? executionSettings = null); }
        }
        """;

    private const string ExtensionsAIStubs = """
        namespace Microsoft.Extensions.AI
        {
            public readonly struct ChatRole { public static ChatRole User => default; public static ChatRole System => default; }
            public class ChatMessage { public ChatMessage(ChatRole role, string? content) { } }
            public class ChatOptions { public string? ModelId { get; set; } public int? MaxOutputTokens { get; set; } }
            public interface IChatClient { System.Threading.Tasks.Task<object> GetResponseAsync(System.Collections.Generic.IEnumerable<ChatMessage> messages, ChatOptions? options = null); }
        }
        """;

    public static void Report()
    {
        var references = GeneratedProject.References();
        Time("warm-up (one OpenAI call)", references, "using OpenAI.Chat;\nclass W { void M(ChatClient c) => c.CompleteChat(\"Hi\"); }");
        Time("1,000-call conversation, Semantic Kernel", references, SemanticKernelStubs, Conversation(1000, sk: true));
        Time("1,000-call conversation, Microsoft.Extensions.AI", references, ExtensionsAIStubs, Conversation(1000, sk: false));
        Time("1 MB constant doubled ten times", references, DoubledConstant());
        Time("100,000-character model name", references, "using OpenAI.Chat;\nclass B { void M() { var c = new ChatClient(\"gpt-" + new string('x', 100_000) + "\", \"key\"); c.CompleteChat(\"Hi\"); } }");
    }

    internal static string Conversation(int calls, bool sk)
    {
        var text = new StringBuilder();
        if (sk)
        {
            text.Append("using Microsoft.SemanticKernel.ChatCompletion;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\n");
            text.Append("class Bot { async System.Threading.Tasks.Task Run(IChatCompletionService chat) {\n");
            text.Append("var settings = new OpenAIPromptExecutionSettings { ModelId = \"gpt-4o\", MaxTokens = 100 };\nvar history = new ChatHistory(\"You are a support agent.\");\n");
            for (var i = 0; i < calls; i++)
            {
                text.Append("history.AddUserMessage(\"Question ").Append(i).Append(": where is order ").Append(1000 + i).Append("?\");\nawait chat.GetChatMessageContentAsync(history, settings);\n");
            }
        }
        else
        {
            text.Append("using Microsoft.Extensions.AI;\n");
            text.Append("class Bot { async System.Threading.Tasks.Task Run(IChatClient chat) {\n");
            text.Append("var options = new ChatOptions { ModelId = \"gpt-4o\", MaxOutputTokens = 100 };\nvar history = new System.Collections.Generic.List<ChatMessage> { new ChatMessage(ChatRole.System, \"You are a support agent.\") };\n");
            for (var i = 0; i < calls; i++)
            {
                text.Append("history.Add(new ChatMessage(ChatRole.User, \"Question ").Append(i).Append(": where is order ").Append(1000 + i).Append("?\"));\nawait chat.GetResponseAsync(history, options);\n");
            }
        }

        return text.Append("} }\n").ToString();
    }

    private static string DoubledConstant()
    {
        var start = string.Concat(Enumerable.Repeat("Order 12345 shipped late; the customer asks why. ", 21_000));
        var doubling = string.Concat(Enumerable.Range(2, 9).Select(i => $"var s{i} = s{i - 1} + s{i - 1}; "));
        return "using OpenAI.Chat;\nclass D { void M() { var s1 = \"" + start + "\"; " + doubling
            + "var c = new ChatClient(\"gpt-4o\", \"key\"); c.CompleteChat(new ChatMessage[] { new UserChatMessage(s9 + s9) }, new ChatCompletionOptions { MaxOutputTokenCount = 1 }); } }";
    }

    private static void Time(string name, ImmutableArray<MetadataReference> references, params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Robustness",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"R{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        var watch = Stopwatch.StartNew();
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptCallSiteAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        watch.Stop();
        var crashes = diagnostics.Count(d => d.Id == "AD0001");
        Console.WriteLine($"{name}: {watch.Elapsed.TotalSeconds:F2} s ({diagnostics.Count(d => d.Id == "PB0001")} call sites{(crashes > 0 ? $", {crashes} AD0001" : "")})");
    }
}
