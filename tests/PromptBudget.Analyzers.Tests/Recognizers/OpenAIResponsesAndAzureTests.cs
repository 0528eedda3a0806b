using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

public class OpenAIResponsesAndAzureTests
{
    [Fact]
    public async Task ResponsesWithOptions()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using OpenAI.Responses;

            class Bot
            {
                void Run(ResponsesClient client)
                {
                    var options = new CreateResponseOptions { Model = "gpt-4o", Instructions = "Be brief.", MaxOutputTokenCount = 64 };
                    options.InputItems.Add(ResponseItem.CreateUserMessageItem("What's new?"));
                    client.{|#0:CreateResponse|}(options);
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Be brief.", "What's new?");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("OpenAI.Responses", "gpt-4o", Expected.InputTokens(input), "exact", "64", "set", Expected.Usd((input * 0.0000025m) + (64 * 0.00001m))));
    }

    [Fact]
    public async Task ResponsesWithModelAndTextAndNoMaxOutput()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using OpenAI.Responses;

            class Bot
            {
                void Run(ResponsesClient client) => client.{|#0:CreateResponse|}("gpt-4o", "Hi");
            }
            """;
        var input = Expected.OpenAIInputTokens("Hi");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1003").WithLocation(0).WithArguments("gpt-4o", "16,384", Expected.Usd((input * 0.0000025m) + (16384 * 0.00001m)), "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task ReadingResponsesIsNotAPromptCall()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using OpenAI.Responses;

            class Bot
            {
                void Run(ResponsesClient client) => client.GetResponseInputItems("resp_1");
            }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true });
    }

    [Theory]
    [InlineData("support-prod", "prompt_budget.deployment_models = support-prod=gpt-4o-mini\n", "gpt-4o-mini")]
    [InlineData("gpt-4o-mini", "", "gpt-4o-mini")]
    public async Task AzureDeploymentsMapToModels(string deployment, string editorConfig, string model)
    {
        var source = $$"""
            using System;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            class Bot
            {
                void Run(AzureOpenAIClient azure)
                {
                    ChatClient chat = azure.GetChatClient("{{deployment}}");
                    chat.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("Hi");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, EditorConfig = editorConfig },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("Azure.AI.OpenAI", model, Expected.InputTokens(input), "exact", "10", "set", Expected.Usd((input * 0.00000015m) + (10 * 0.0000006m))));
    }

    [Fact]
    public async Task AnUnmappedCustomDeploymentIsAnUnknownModel()
    {
        const string source = """
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            class Bot
            {
                void Run(AzureOpenAIClient azure) =>
                    azure.GetChatClient("team-chat").{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
            """;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1008").WithLocation(0).WithArguments("team-chat", ""));
    }
}
