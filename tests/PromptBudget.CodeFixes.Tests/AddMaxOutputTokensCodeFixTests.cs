using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using PromptBudget.Analyzers;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.CodeFixes.Tests;

public class AddMaxOutputTokensCodeFixTests
{
    private static async Task VerifyFix(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new CSharpCodeFixTest<PromptCallSiteAnalyzer, AddMaxOutputTokensCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = SdkReferences.Net100,
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        test.FixedState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        if (editorConfig is not null)
        {
            var config = ("/.editorconfig", "root = true\n\n[*]\n" + editorConfig);
            test.TestState.AnalyzerConfigFiles.Add(config);
            test.FixedState.AnalyzerConfigFiles.Add(config);
        }

        // Only PB1003 is under test; the cost information is not.
        test.DisabledDiagnostics.AddRange(new[] { "PB0001", "PB1004", "PB1007" });
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AddsThePropertyToAnExistingInitializer() => VerifyFix(
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask(ChatClient unused)
            {
                var client = new ChatClient("gpt-4o", "key");
                client.{|PB1003:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { Temperature = 0.2f });
            }
        }
        """,
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask(ChatClient unused)
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 });
            }
        }
        """);

    [Fact]
    public Task CreatesTheInitializerOfAnOptionsObjectWithNone() => VerifyFix(
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                var options = new ChatCompletionOptions();
                client.{|PB1003:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, options);
            }
        }
        """,
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 1024 };
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("Hi") }, options);
            }
        }
        """);

    [Fact]
    public Task AddsAnOptionsArgumentAndUsesTheConfiguredBudget() => VerifyFix(
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                client.{|PB1003:CompleteChat|}(new SystemChatMessage("Be brief."), new UserChatMessage("Hi"));
            }
        }
        """,
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage("Hi") }, options: new ChatCompletionOptions { MaxOutputTokenCount = 300 });
            }
        }
        """,
        editorConfig: "prompt_budget.max_output_tokens = 300\n");

    [Fact]
    public Task AddsChatOptionsForMicrosoftExtensionsAI() => VerifyFix(
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class Bot
        {
            async Task Ask()
            {
                IChatClient chat = new ChatClient("gpt-4o-mini", "key").AsIChatClient();
                await chat.{|PB1003:GetResponseAsync|}("Hi");
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class Bot
        {
            async Task Ask()
            {
                IChatClient chat = new ChatClient("gpt-4o-mini", "key").AsIChatClient();
                await chat.GetResponseAsync("Hi", options: new ChatOptions { MaxOutputTokens = 1024 });
            }
        }
        """);

    [Fact]
    public Task SetsMaxTokensOnSemanticKernelExecutionSettings() => VerifyFix(
        """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class Classifier
        {
            async Task Run(Kernel kernel)
            {
                var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4.1-mini" };
                await kernel.{|PB1003:InvokePromptAsync|}("Label this ticket as billing or outage.", new KernelArguments(settings));
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class Classifier
        {
            async Task Run(Kernel kernel)
            {
                var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4.1-mini", MaxTokens = 50 };
                await kernel.InvokePromptAsync("Label this ticket as billing or outage.", new KernelArguments(settings));
            }
        }
        """,
        editorConfig: "prompt_budget.fix_max_output_tokens = 50\n");

    [Fact]
    public Task A_multi_line_argument_list_stays_multi_line() => VerifyFix(
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                client.{|PB1003:CompleteChat|}(
                    new ChatMessage[] { new UserChatMessage("Hi") },
                    new ChatCompletionOptions
                    {
                        Temperature = 0.2f,
                    });
            }
        }
        """,
        """
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("gpt-4o", "key");
                client.CompleteChat(
                    new ChatMessage[] { new UserChatMessage("Hi") },
                    new ChatCompletionOptions
                    {
                        Temperature = 0.2f,
                        MaxOutputTokenCount = 1024,
                    });
            }
        }
        """);

    /// <summary>
    /// Fix-all over the project fixes the OpenAI call and the Microsoft.Extensions.AI call in one pass: every
    /// SDK's fix shares one equivalence key (were they different, a project-wide fix-all would fix only the
    /// first SDK's calls and need a second pass, and this test would fail on the iteration count).
    /// </summary>
    [Fact]
    public async Task Fix_all_in_the_project_fixes_the_calls_of_both_SDKs_in_one_pass()
    {
        var test = new CSharpCodeFixTest<PromptCallSiteAnalyzer, AddMaxOutputTokensCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = SdkReferences.Net100,
            NumberOfFixAllIterations = 1,
            NumberOfFixAllInProjectIterations = 1,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInDocumentCheck,
        };
        test.TestState.Sources.Add(("/Answer.cs", OpenAiCall("{|PB1003:CompleteChat|}(new ChatMessage[] { new UserChatMessage(\"Hi\") })")));
        test.TestState.Sources.Add(("/Summary.cs", MeaiCall("{|PB1003:GetResponseAsync|}(\"Hi\")")));
        test.FixedState.Sources.Add(("/Answer.cs", OpenAiCall("CompleteChat(new ChatMessage[] { new UserChatMessage(\"Hi\") }, options: new ChatCompletionOptions { MaxOutputTokenCount = 1024 })")));
        test.FixedState.Sources.Add(("/Summary.cs", MeaiCall("GetResponseAsync(\"Hi\", options: new ChatOptions { MaxOutputTokens = 1024 })")));
        test.TestState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        test.FixedState.AdditionalReferences.AddRange(SdkReferences.RealSdks);
        test.DisabledDiagnostics.AddRange(new[] { "PB0001", "PB1004", "PB1007" });
        await test.RunAsync(CancellationToken.None);

        static string OpenAiCall(string call) => $$"""
            using OpenAI.Chat;

            class Answer
            {
                void Ask() => new ChatClient("gpt-4o", "key").{{call}};
            }
            """;

        static string MeaiCall(string call) => $$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class Summary
            {
                Task Ask() => new ChatClient("gpt-4o-mini", "key").AsIChatClient().{{call}};
            }
            """;
    }
}
