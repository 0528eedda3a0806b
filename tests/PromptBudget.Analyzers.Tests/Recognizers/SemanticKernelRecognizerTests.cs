using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Recognizers;

public class SemanticKernelRecognizerTests
{
    // gpt-4.1-mini: input 4e-07, output 1.6e-06 per token (LiteLLM 2026-07-24).
    private const decimal Input = 0.0000004m;
    private const decimal Output = 0.0000016m;

    [Fact]
    public async Task InvokePromptWithTemplateHoleAndSettingsInKernelArguments()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Classifier
            {
                async Task Run(Kernel kernel, string ticket)
                {
                    var settings = new OpenAIPromptExecutionSettings { MaxTokens = 5, ModelId = "gpt-4.1-mini" };
                    await kernel.{|#0:InvokePromptAsync|}("Label this ticket: {{$ticket}}", new KernelArguments(settings) { ["ticket"] = ticket });
                }
            }
            """;
        // The hole is a dynamic segment; 300 tokens are assumed for it.
        var input = Expected.OpenAIInputTokens("Label this ticket: ") + 300;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, EditorConfig = "prompt_budget.assumed_segment_tokens = 300\n" },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("SemanticKernel", "gpt-4.1-mini", Expected.InputTokens(input), "exact", "5", "set", Expected.Usd((input * Input) + (5 * Output))));
    }

    [Fact]
    public async Task AnUnboundedTemplateHoleIsReported()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Classifier
            {
                async Task Run(Kernel kernel) =>
                    await kernel.{|#0:InvokePromptAsync|}("Label: {{$ticket}}", new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 5, ModelId = "gpt-4.1-mini" }));
            }
            """;

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = new[] { "PB0001" } },
            Verify.Diagnostic("PB1007").WithLocation(0).WithArguments("'ticket'", "gpt-4.1-mini", "wrap the value: PromptBudget.PromptBound.Tokens(ticket, n)"));
    }

    [Fact]
    public async Task ChatHistoryWithTheModelRegisteredOnTheKernelBuilder()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Chat
            {
                async Task Run()
                {
                    var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-mini", "key").Build();
                    var service = kernel.GetRequiredService<IChatCompletionService>();
                    var history = new ChatHistory("You are terse.");
                    history.AddUserMessage("Where is my order?");
                    await service.{|#0:GetChatMessageContentAsync|}(history, new OpenAIPromptExecutionSettings { MaxTokens = 100 });
                }
            }
            """;
        var input = Expected.OpenAIInputTokens("You are terse.", "Where is my order?");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true },
            Verify.Diagnostic("PB0001").WithLocation(0)
                .WithArguments("SemanticKernel", "gpt-4.1-mini", Expected.InputTokens(input), "exact", "100", "set", Expected.Usd((input * Input) + (100 * Output))));
    }

    [Fact]
    public async Task InvokingAFunctionObjectIsNotAPromptSite()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Runner
            {
                async Task Run(Kernel kernel, KernelFunction function) => await kernel.InvokeAsync(function);
            }
            """;

        await Verify.Analyze(new AnalyzerTestOptions(source) { RealSdks = true });
    }
}
