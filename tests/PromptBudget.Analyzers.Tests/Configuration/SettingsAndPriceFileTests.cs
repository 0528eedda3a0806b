using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;
using CallSites = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptCallSiteAnalyzer>;
using Settings = PromptBudget.Analyzers.Tests.Infrastructure.Verify<PromptBudget.Analyzers.PromptBudgetConfigurationAnalyzer>;

namespace PromptBudget.Analyzers.Tests.Configuration;

/// <summary>Bad settings and price files are reported naming the key or file (PB2001, PB2002); the rest still works.</summary>
public class SettingsAndPriceFileTests
{
    private const string Prompt = "Summarise the ticket in one line.";

    private static string Call(string model) => PromptSources.OpenAIChatCall(model, Prompt, 1000);

    private const string BadSettings = """
        prompt_budget.max_cost_per_call = abc
        prompt_budget.max_input_tokens = -5
        prompt_budget.deployment_models = chat-prod=gpt-4o, broken
        prompt_budget.max_output_tokens = 400

        """;

    [Fact]
    public async Task EachBadValueIsReportedOnceNamingItsKey()
    {
        await Settings.Analyze(
            new AnalyzerTestOptions(Call("gpt-4o")) { RealSdks = true, EditorConfig = BadSettings },
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.deployment_models", "broken", "expected deployment=model pairs separated by ','"),
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.max_cost_per_call", "abc", "expected " + Core.Configuration.SettingNumbers.AmountExpected),
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.max_input_tokens", "-5", "expected " + Core.Configuration.SettingNumbers.CountExpected + ", at most 1,000,000,000"));
    }

    [Fact]
    public async Task ADecimalCommaIsRefusedNotReadAsAThousandsSeparator()
    {
        await Settings.Analyze(
            new AnalyzerTestOptions(Call("gpt-4o")) { RealSdks = true, EditorConfig = "prompt_budget.max_cost_per_call = 0,001\nprompt_budget.max_input_tokens = 1,000\n" },
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.max_cost_per_call", "0,001", "expected " + Core.Configuration.SettingNumbers.AmountExpected),
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("prompt_budget.max_input_tokens", "1,000", "expected " + Core.Configuration.SettingNumbers.CountExpected + ", at most 1,000,000,000"));
    }

    [Fact]
    public async Task ABadMSBuildPropertyIsReportedByItsPropertyName()
    {
        await Settings.Analyze(
            new AnalyzerTestOptions(Call("gpt-4o")) { RealSdks = true, GlobalConfig = "build_property.PromptBudgetRedactPrompts = maybe\n" },
            Settings.Diagnostic("PB2001").WithNoLocation().WithArguments("PromptBudgetRedactPrompts", "maybe", "expected true or false"));
    }

    [Fact]
    public async Task TheGoodSettingsBesideBadOnesStillApply()
    {
        await CallSites.Analyze(
            new AnalyzerTestOptions(Call("gpt-4o")) { RealSdks = true, EditorConfig = BadSettings, DisabledDiagnostics = new[] { "PB0001" } },
            CallSites.Diagnostic("PB1004").WithLocation(0).WithArguments("gpt-4o", "1,000", "600", "400", "MaxOutputTokenCount"));
    }

    private const string PriceFile = """
        {
          "acme-chat-1": {
            "litellm_provider": "openai",
            "mode": "chat",
            "input_cost_per_token": 0.000004,
            "output_cost_per_token": 0.000008,
            "max_input_tokens": 32000,
            "max_output_tokens": 4096
          },
          "broken-model": {
            "input_cost_per_token": "cheap",
            "output_cost_per_token": 0.000001
          }
        }
        """;

    [Fact]
    public async Task APriceFileAddsAModelAndItsBadEntryIsReportedAtItsLine()
    {
        const string path = "/0/promptbudget.prices.json";

        await Settings.Analyze(
            new AnalyzerTestOptions(Call("acme-chat-1")) { RealSdks = true, AdditionalFiles = new[] { (path, PriceFile) } },
            Settings.Diagnostic("PB2002").WithSpan(path, 11, 1, 11, 1)
                .WithArguments($"{path}: entry 'broken-model', field 'input_cost_per_token' (line 11): 'cheap' is not a number"));
    }

    [Fact]
    public async Task AModelFromThePriceFileIsPricedWithItsPrices()
    {
        // acme-chat-1 is in no embedded table: its family is unknown, so its count is the generic estimate.
        var site = await AnalyzerRun.SingleCallSiteAsync(Call("acme-chat-1"), ("/0/promptbudget.prices.json", PriceFile));

        Assert.Equal("acme-chat-1", site.ResolvedModel);
        Assert.Equal(1000, site.MaxOutputTokens);
        Assert.True(site.InputTokens > 3);
        Assert.Equal((site.InputTokens * 0.000004m) + (1000 * 0.000008m), site.WorstCaseCostUsd);
    }

    [Fact]
    public async Task AConfiguredPriceFileThatIsMissingIsReportedByName()
    {
        await Settings.Analyze(
            new AnalyzerTestOptions(Call("gpt-4o")) { RealSdks = true, GlobalConfig = "build_property.PromptBudgetPriceFile = /nowhere/prices.json\n" },
            Settings.Diagnostic("PB2002").WithNoLocation()
                .WithArguments("/nowhere/prices.json (PromptBudgetPriceFile): the file does not exist or is not an AdditionalFiles item; the embedded prices are used"));
    }
}
