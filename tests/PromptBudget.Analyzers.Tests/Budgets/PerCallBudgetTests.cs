using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using Verify = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Budgets;

/// <summary>Per-call budgets from .editorconfig and MSBuild properties, and the model's own limits (PB1001–PB1006).</summary>
public class PerCallBudgetTests
{
    // gpt-4o: input $2.5e-06, output $1e-05 per token, max output 16,384, context 128,000 (LiteLLM 2026-07-24).
    private const decimal Gpt4oInput = 0.0000025m;
    private const decimal Gpt4oOutput = 0.00001m;
    private const string Prompt = "Summarise the ticket in one line.";

    private static string Call(int maxOutput) => PromptSources.OpenAIChatCall("gpt-4o", Prompt, maxOutput);

    private static readonly string[] OnlyBudgets = { "PB0001" };

    [Fact]
    public async Task InputTokensOverBudgetSaysByHowMuch()
    {
        var input = Expected.OpenAIInputTokens(Prompt);

        await Verify.Analyze(
            new AnalyzerTestOptions(Call(100)) { RealSdks = true, EditorConfig = "prompt_budget.max_input_tokens = 5\n", DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1001").WithLocation(0).WithArguments("gpt-4o", Expected.Tokens(input), Expected.Tokens(input - 5), "5"));
    }

    [Fact]
    public async Task CostPerCallOverBudgetSaysByHowMuch()
    {
        var cost = (Expected.OpenAIInputTokens(Prompt) * Gpt4oInput) + (1000 * Gpt4oOutput);

        await Verify.Analyze(
            new AnalyzerTestOptions(Call(1000)) { RealSdks = true, EditorConfig = "prompt_budget.max_cost_per_call = 0.005\n", DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1002").WithLocation(0).WithArguments("gpt-4o", Expected.Usd(cost), Expected.Usd(cost - 0.005m), "$0.005"));
    }

    [Fact]
    public async Task WithinEveryBudgetNothingButTheCostIsReported()
    {
        var input = Expected.OpenAIInputTokens(Prompt);
        var cost = (input * Gpt4oInput) + (1000 * Gpt4oOutput);

        await Verify.Analyze(
            new AnalyzerTestOptions(Call(1000))
            {
                RealSdks = true,
                EditorConfig = "prompt_budget.max_cost_per_call = $0.02\nprompt_budget.max_input_tokens = 1_000\nprompt_budget.max_output_tokens = 1,000\n",
            },
            Verify.Diagnostic("PB0001").WithLocation(0).WithArguments("OpenAI.Chat", "gpt-4o", Expected.InputTokens(input), "exact", "1,000", "set", Expected.Usd(cost)));
    }

    [Fact]
    public async Task MaxOutputOverBudget()
    {
        await Verify.Analyze(
            new AnalyzerTestOptions(Call(1000)) { RealSdks = true, EditorConfig = "prompt_budget.max_output_tokens = 400\n", DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1004").WithLocation(0).WithArguments("gpt-4o", "1,000", "600", "400", "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task AProjectWideBudgetFromAnMSBuildPropertyAppliesAndTheEditorConfigKeyWins()
    {
        // The property says 400, the .editorconfig says 2,000: the key closer to the file wins, no PB1004.
        await Verify.Analyze(new AnalyzerTestOptions(Call(1000))
        {
            RealSdks = true,
            GlobalConfig = "build_property.PromptBudgetMaxOutputTokens = 400\n",
            EditorConfig = "prompt_budget.max_output_tokens = 2000\n",
            DisabledDiagnostics = OnlyBudgets,
        });

        await Verify.Analyze(
            new AnalyzerTestOptions(Call(1000)) { RealSdks = true, GlobalConfig = "build_property.PromptBudgetMaxOutputTokens = 400\n", DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1004").WithLocation(0).WithArguments("gpt-4o", "1,000", "600", "400", "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task MaxOutputAboveTheModelsLimit()
    {
        await Verify.Analyze(
            new AnalyzerTestOptions(Call(20000)) { RealSdks = true, DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1005").WithLocation(0).WithArguments("20,000", "gpt-4o", "16,384", "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task APromptThatFitsButNotWithItsMaxOutputCanOverflowTheContextWindow()
    {
        // gpt-4o's 128,000-token window holds the prompt and the completion together.
        var big = string.Concat(Enumerable.Repeat("order ", 115_000));
        var source = Call(16000).Replace(Prompt, big);
        var input = Expected.OpenAIInputTokens(big);
        Assert.True(input < 128_000 && input + 16_000 > 128_000, $"the fixture must overflow only with the output: {input}");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1006").WithLocation(0).WithArguments(Expected.Tokens(input), "16,000", "gpt-4o", "128,000", "MaxOutputTokenCount"));
    }

    [Fact]
    public async Task APromptLargerThanTheContextWindow()
    {
        var big = string.Concat(Enumerable.Repeat("order ", 130_000));
        var source = Call(16000).Replace(Prompt, big);
        var input = Expected.OpenAIInputTokens(big);
        Assert.True(input > 128_000, $"the fixture must not fit: {input}");

        await Verify.Analyze(
            new AnalyzerTestOptions(source) { RealSdks = true, DisabledDiagnostics = OnlyBudgets },
            Verify.Diagnostic("PB1006").WithLocation(0).WithArguments(Expected.Tokens(input), "16,000", "gpt-4o", "128,000", "MaxOutputTokenCount"));
    }
}
