using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Build.Findings;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>
/// PB3011 (a call that can never pass a limit), PB3012/PB3013 (peak headroom over 100% / 80%) and PB2007 (rate-limit
/// inputs that cannot be used), through the task and its recording engine. Every expected number is worked out by
/// hand in the test from the records' tokens, the peak rates and the limits.
/// </summary>
public class RateLimitTests
{
    public static ITaskItem Limit(string include, string? rpm = null, string? tpm = null, string? inputTpm = null, string? outputTpm = null, params (string Name, string Value)[] other)
    {
        var metadata = new Dictionary<string, string>();
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                metadata[name] = value;
            }
        }

        Set("Rpm", rpm);
        Set("Tpm", tpm);
        Set("InputTpm", inputTpm);
        Set("OutputTpm", outputTpm);
        foreach (var (name, value) in other)
        {
            metadata[name] = value;
        }

        return new TaskItem(include, metadata);
    }

    public static ITaskItem Feature(string name, string peak) => new TaskItem(name, new Dictionary<string, string> { ["PeakRequestsPerMinute"] = peak });

    /// <summary>A call with the given input and max output tokens (set in code unless <paramref name="outputSource"/> says otherwise).</summary>
    public static CallSiteRecord Call(string model, long input, long output, string feature = "support-bot", string file = "Bot/Answer.cs", int line = 41, string member = "Support.Bot.AnswerAsync(string)", decimal calls = 1m, string outputSource = "set", bool exact = true)
    {
        var r = Sites.Record(file: file, line: line, member: member, feature: feature, inputTokens: input, model: model, callsPerRequest: calls);
        r.MaxOutputTokens = output;
        r.MaxOutputSource = outputSource;
        r.Exact = exact;
        return r;
    }

    // ---- PB3011: a call that can never pass -------------------------------------------------------------------

    [Fact]
    public void OpenAI_a_call_whose_input_plus_max_output_is_above_TPM_fails_the_build_at_the_call()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 1_200, output: 1_000));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "2000") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), error.File);
        Assert.Equal(41, error.LineNumber);
        Assert.Equal(9, error.ColumnNumber);

        // 1,200 + 1,000 = 2,200 > 2,000; the largest max output that fits is 2,000 - 1,200 = 800.
        Assert.Contains("can never pass the TPM limit of 2,000 (PromptBudgetRateLimit 'gpt-4o-mini')", error.Message);
        Assert.Contains("this call needs 1,200 input + 1,000 max output = 2,200 tokens", error.Message);
        Assert.Contains("Lower its max output tokens (max_tokens) to at most 800", error.Message);
        Assert.Contains("usage tier with a higher limit and update Tpm of PromptBudgetRateLimit 'gpt-4o-mini'", error.Message);
    }

    [Fact]
    public void OpenAI_a_call_exactly_at_TPM_passes()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 1_200, output: 1_000));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "2200") });

        Assert.True(result, f.Engine.Log());
        Assert.Empty(f.Engine.Errors);
    }

    [Fact]
    public void OpenAI_a_max_output_left_to_the_model_is_not_counted_as_reserved_only_the_input()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 1_200, output: 16_384, outputSource: "model-maximum"));

        // 1,200 alone fits 2,000: no failure on a guess of what the provider reserves.
        var (passes, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "2000") });
        Assert.True(passes, f.Engine.Log());

        // 1,200 alone is above 1,000.
        var (fails, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "1000") });
        Assert.False(fails);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
        Assert.Contains("this call needs 1,200 input tokens (it sets no max output tokens, so none are counted)", error.Message);
        Assert.Contains("Its input alone is over the limit", error.Message);
    }

    [Fact]
    public void Anthropic_a_max_tokens_above_OTPM_fails_and_an_input_under_ITPM_does_not()
    {
        using var f = new TaskFixture();
        f.Add(Call("claude-sonnet-4-5", input: 20_000, output: 16_000, exact: false));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("claude-sonnet-4*", rpm: "50", inputTpm: "30000", outputTpm: "8000") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
        Assert.Equal(41, error.LineNumber);
        Assert.Contains("can never pass the OTPM limit of 8,000 (PromptBudgetRateLimit 'claude-sonnet-4*')", error.Message);
        Assert.Contains("its max output tokens (max_tokens) of 16,000 are reserved against OTPM when the request starts", error.Message);
        Assert.Contains("Lower its max output tokens to at most 8,000", error.Message);
    }

    [Fact]
    public void Anthropic_an_input_above_ITPM_fails_and_says_the_count_is_an_estimate()
    {
        using var f = new TaskFixture();
        f.Add(Call("claude-sonnet-4-5", input: 35_000, output: 4_000, exact: false));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("claude-sonnet-4*", inputTpm: "30000", outputTpm: "8000") });

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
        Assert.Contains("can never pass the ITPM limit of 30,000", error.Message);
        Assert.Contains("its input is 35,000 (estimated) tokens", error.Message);
        Assert.Contains("update InputTpm of PromptBudgetRateLimit 'claude-sonnet-4*'", error.Message);
    }

    [Fact]
    public void Anthropic_input_and_output_both_over_give_one_error_each()
    {
        using var f = new TaskFixture();
        f.Add(Call("claude-sonnet-4-5", input: 35_000, output: 16_000));
        f.Run(t => t.RateLimits = new[] { Limit("claude-sonnet-4*", inputTpm: "30000", outputTpm: "8000") });

        var errors = f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses).Select(e => e.Message!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, m => m.Contains("ITPM limit of 30,000"));
        Assert.Contains(errors, m => m.Contains("OTPM limit of 8,000"));
    }

    [Theory]
    [InlineData("warning", 0, 1)]
    [InlineData("none", 0, 0)]
    [InlineData("error", 1, 0)]
    public void A_call_that_can_never_pass_obeys_FailOn(string failOn, int errors, int warnings)
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 1_200, output: 1_000));
        var (result, _) = f.Run(t =>
        {
            t.FailOn = failOn;
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "2000") };
        });

        Assert.Equal(errors == 0, result);
        Assert.Equal(errors, f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses).Count());
        Assert.Equal(warnings, f.Engine.WarningsWithCode(FindingCodes.RateLimitNeverPasses).Count());
    }

    [Fact]
    public void A_misspelt_attribute_on_a_feature_item_is_PB2007_naming_it_and_the_known_ones_still_apply()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var feature = new TaskItem("support-bot", new Dictionary<string, string> { ["PeakRequestPerMinute"] = "120", ["PeakRequestsPerMinute"] = "81" });
        f.Run(t =>
        {
            t.Features = new[] { feature };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        var unread = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains("PeakRequestPerMinute of PromptBudgetFeature 'support-bot' is not an attribute PromptBudget reads, so its value '120' is ignored; a feature's are", unread.Message);
        Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak)); // 81 × 1,000 = 81% of TPM
    }

    // ---- PB3012 / PB3013: peak headroom -----------------------------------------------------------------------

    // 600 input + 400 max output = 1,000 tokens per call; one call per request; TPM 100,000.
    // Peak 79 → 79,000 = 79%; 80 → 80% (not above 80); 81 → 81%; 100 → 100% (not above 100); 101 → 101%.
    [Theory]
    [InlineData("79", 0, 0)]
    [InlineData("80", 0, 0)]
    [InlineData("81", 0, 1)]
    [InlineData("100", 0, 1)]
    [InlineData("101", 1, 0)]
    public void TPM_headroom_warns_above_80_percent_and_fails_above_100(string peak, int errors, int warnings)
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", peak) };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        Assert.Equal(errors == 0, result);
        Assert.Equal(errors, f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak).Count());
        Assert.Equal(warnings, f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak).Count());
        Assert.Empty(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
    }

    // A tool loop with cap 3, 1,000 input, 200 max output, 500 tokens of tool results per iteration, window 128,000:
    // calls send 1,000, 1,700 and 2,400 input tokens (each adds the 200-token tool call and the 500 of results):
    // 5,100 input + 3 × 200 = 600 output = 5,700 tokens and 3 requests per user request. At 10 requests/min:
    // 57,000 TPM (57% of 100,000, no finding) and 30 RPM (over an RPM of 25: 120%, an error). Counted as cap × the
    // first call it would be 3 × 1,200 = 3,600 per request (36,000 TPM) — the growth is what this test pins.
    [Fact]
    public void A_tool_loop_counts_every_model_call_and_its_growing_input_against_the_limits()
    {
        using var f = new TaskFixture();
        var loop = Call("gpt-4o-mini", input: 1000, output: 200);
        loop.LoopIterationCap = 3;
        loop.LoopIterationCapSource = "literal";
        loop.ToolResultTokens = 500;
        loop.ContextWindow = 128000;
        f.Add(loop);
        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "25", tpm: "100000") };
        });

        Assert.False(result);
        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak));
        Assert.Contains("30 requests per minute", error.Message);
        Assert.Contains("120% of RPM 25", error.Message);
        Assert.Contains("tool loop cap 3 (literal)", error.Message);
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak));
        var json = System.IO.File.ReadAllText(System.IO.Path.Combine(f.IntermediateDirectory, "promptbudget.json"));
        Assert.Contains("57000", json);
    }

    [Fact]
    public void A_101_percent_TPM_error_names_the_numbers_the_largest_call_and_the_assumptions()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "101") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak));
        Assert.Equal(41, error.LineNumber);
        Assert.Equal(Path.Combine(f.ProjectDirectory, "Bot", "Answer.cs"), error.File);

        // 101 requests/min × 1 call × 1,000 tokens = 101,000 tokens/min of 100,000.
        Assert.Contains("need 101,000 tokens per minute (input + output), 101% of TPM 100,000", error.Message);
        Assert.Contains("The largest share: Bot/Answer.cs(41) (support-bot), 101,000 tokens per minute", error.Message);
        Assert.Contains("Assumed: support-bot 101 requests/min (PeakRequestsPerMinute of PromptBudgetFeature 'support-bot', assumed)", error.Message);
        Assert.Contains("×1 model call per request at each call (prompt_budget.calls_per_request, assumed)", error.Message);
    }

    // RPM: 3 model calls per request. Peak 26.4 → 79.2 of 100 (79.2%); 27 → 81 (81%); 33.7 → 101.1 (101.1%).
    [Theory]
    [InlineData("26.4", 0, 0)]
    [InlineData("27", 0, 1)]
    [InlineData("33.7", 1, 0)]
    public void RPM_headroom_multiplies_peak_requests_by_model_calls_per_request(string peak, int errors, int warnings)
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, calls: 3m));
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", peak) };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "100") };
        });

        Assert.Equal(errors, f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak).Count());
        Assert.Equal(warnings, f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak).Count());
        if (warnings == 1)
        {
            Assert.Contains("need 81 requests per minute, 81% of RPM 100", f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak).Single().Message);
        }
    }

    /// <summary>
    /// A pool: two Claude models under one pattern, in two features with their own peaks.
    /// ITPM: support-bot 10/min × 1 call × 1,000 + triage 5/min × 2 calls × 2,000 = 10,000 + 20,000 = 30,000 of 40,000 = 75%.
    /// OTPM: 10 × 1 × 500 + 5 × 2 × 300 = 5,000 + 3,000 = 8,000 of 6,000 = 133.3%.
    /// RPM: 10 × 1 + 5 × 2 = 20 of 24 = 83.3%.
    /// </summary>
    [Fact]
    public void A_pattern_pools_models_and_sums_features_at_their_own_peaks()
    {
        using var f = new TaskFixture();
        f.Add(Call("claude-sonnet-4-5", input: 1_000, output: 500, feature: "support-bot"));
        f.Add(Call("claude-sonnet-4", input: 2_000, output: 300, feature: "triage", file: "Bot/Triage.cs", line: 7, member: "Support.Bot.TriageAsync(string)", calls: 2m));
        f.Add(Call("gpt-4o", input: 99_000, output: 99_000, feature: "triage", file: "Bot/Other.cs", line: 3, member: "Other()"));
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10"), Feature("triage", "5") };
            t.RateLimits = new[] { Limit("claude-sonnet-4*", rpm: "24", inputTpm: "40000", outputTpm: "6000") };
        });

        var error = Assert.Single(f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak));
        Assert.Contains("the calls of claude-sonnet-4* (claude-sonnet-4, claude-sonnet-4-5) need 8,000 output tokens per minute, 133.3% of OTPM 6,000", error.Message);

        // The largest OTPM share: support-bot 10 × 500 = 5,000 against triage's 5 × 2 × 300 = 3,000.
        Assert.Equal(41, error.LineNumber);
        Assert.Contains("×1 at Bot/Answer.cs(41) (prompt_budget.calls_per_request, assumed); ×2 at Bot/Triage.cs(7)", error.Message);
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak));
        Assert.Contains("need 20 requests per minute, 83.3% of RPM 24", warning.Message);
        Assert.DoesNotContain("ITPM", warning.Message + error.Message);

        // gpt-4o has no limit: its huge call is in no pool.
        Assert.Empty(f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses));
    }

    [Fact]
    public void A_limit_that_names_the_model_beats_a_pattern_and_a_longer_pattern_beats_a_shorter_one()
    {
        using var f = new TaskFixture();
        f.Add(Call("claude-sonnet-4-5", input: 1_000, output: 500));
        f.Add(Call("claude-opus-4-1", input: 1_000, output: 500, file: "B.cs", line: 2, member: "B()"));
        f.Add(Call("claude-haiku-4-5", input: 1_000, output: 500, file: "C.cs", line: 3, member: "C()"));
        f.Run(t =>
        {
            t.ProjectPeakRequestsPerMinute = "0.1";
            t.RateLimits = new[]
            {
            Limit("claude-*", outputTpm: "100"),
            Limit("claude-sonnet-4-5", outputTpm: "200"),
            Limit("claude-opus-4*", outputTpm: "300"),
            };
        });

        // Each 500-token call is over its own limit once, and only under the limit that applies to it.
        var messages = f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses).Select(e => e.File + ": " + e.Message).OrderBy(m => m).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.Contains("Answer.cs") && m.Contains("OTPM limit of 200 (PromptBudgetRateLimit 'claude-sonnet-4-5')"));
        Assert.Contains(messages, m => m.Contains("B.cs") && m.Contains("OTPM limit of 300 (PromptBudgetRateLimit 'claude-opus-4*')"));
        Assert.Contains(messages, m => m.Contains("C.cs") && m.Contains("OTPM limit of 100 (PromptBudgetRateLimit 'claude-*')"));
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
    }

    [Fact]
    public void Calls_in_exclusive_branches_count_their_largest_arm_only()
    {
        using var f = new TaskFixture();
        var small = Call("gpt-4o-mini", input: 600, output: 400, line: 10);
        small.Branch = "if#0:0";
        var large = Call("gpt-4o-mini", input: 1_600, output: 400, line: 12);
        large.Ordinal = 1;
        large.Branch = "if#0:1";
        f.Add(small).Add(large);

        // 50 requests/min × max(1,000, 2,000) = 100,000 of 100,000 = 100%: a warning. Summed it would be 150% and an error.
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "50") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        Assert.Empty(f.Engine.ErrorsWithCode(FindingCodes.RateLimitExceededAtPeak));
        Assert.Contains("need 100,000 tokens per minute (input + output), 100% of TPM 100,000", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak)).Message);
    }

    [Fact]
    public void Features_with_no_peak_of_their_own_and_calls_with_no_feature_take_the_project_peak()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: "support-bot"));
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: "triage", file: "T.cs", line: 1, member: "T()"));
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: null!, file: "N.cs", line: 1, member: "N()"));

        // support-bot 10 (own) + triage 40 (project) + no feature 40 (project) = 90 requests of 1,000 tokens = 90,000 of 100,000 = 90%.
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "10") };
            t.ProjectPeakRequestsPerMinute = "40";
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak));
        Assert.Contains("need 90,000 tokens per minute (input + output), 90% of TPM 100,000", warning.Message);
        Assert.Contains("triage 40 requests/min (PromptBudgetProjectPeakRequestsPerMinute, assumed)", warning.Message);
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
    }

    [Fact]
    public void A_pool_whose_calls_have_no_peak_rate_says_its_headroom_is_not_checked()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "500", tpm: "200000") });

        Assert.True(result);
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Equal(41, warning.LineNumber);
        Assert.Contains("PromptBudgetRateLimit 'gpt-4o-mini': its peak headroom is not checked (only whether a single call fits), because 'support-bot' has no peak rate", warning.Message);
        Assert.Contains("Set PeakRequestsPerMinute on the PromptBudgetFeature item, or PromptBudgetProjectPeakRequestsPerMinute", warning.Message);
    }

    [Fact]
    public void A_pool_with_some_features_without_a_peak_counts_the_others_and_says_which_are_left_out()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: "support-bot"));
        f.Add(Call("gpt-4o-mini", input: 600, output: 400, feature: "triage", file: "T.cs", line: 1, member: "T()"));
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "90") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "100000") };
        });

        // 90 × 1,000 = 90,000 (90%), at least: triage is left out.
        Assert.Contains("need ≥ 90,000 tokens per minute (input + output), ≥ 90% of TPM 100,000", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak)).Message);
        Assert.Contains("its peak headroom leaves out the traffic of 'triage'", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable)).Message);
    }

    [Fact]
    public void Without_rate_limit_items_nothing_is_checked_or_reported()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t => t.Features = new[] { Feature("support-bot", "1000") });

        Assert.True(result);
        Assert.Empty(f.Engine.Warnings);
        Assert.DoesNotContain("Rate limits", f.ReadReport("promptbudget.md"));
        Assert.DoesNotContain("rateLimits", f.ReadReport("promptbudget.json"));
    }

    [Fact]
    public void Under_FailOn_none_headroom_is_not_logged_but_a_bad_limit_still_is()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t =>
        {
            t.FailOn = "none";
            t.Features = new[] { Feature("support-bot", "150") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "160", tpm: "100000", other: ("Otpm", "5")) };
        });

        // 150 × 1,000 = 150% of TPM and 150 of 160 RPM (93.8%): neither is logged; the unread attribute is.
        Assert.True(result);
        Assert.Empty(f.Engine.Errors);
        Assert.Contains("Otpm of PromptBudgetRateLimit 'gpt-4o-mini' is not an attribute PromptBudget reads", Assert.Single(f.Engine.Warnings).Message);
        Assert.Contains("\"percent\": 150", f.ReadReport("promptbudget.json"));
    }

    // ---- PB2007: bad input -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Tpm", "-5", "Tpm of PromptBudgetRateLimit 'gpt-4o-mini' is '-5', which is negative, so this limit is not checked")]
    [InlineData("Tpm", "lots", "Tpm of PromptBudgetRateLimit 'gpt-4o-mini' is 'lots', which is not a number, so this limit is not checked")]
    [InlineData("Tpm", "200,000", "Tpm of PromptBudgetRateLimit 'gpt-4o-mini' is '200,000', which is not a number")]
    [InlineData("Rpm", "1.5", "Rpm of PromptBudgetRateLimit 'gpt-4o-mini' is '1.5', which is not a whole number")]
    [InlineData("InputTpm", "0", "InputTpm of PromptBudgetRateLimit 'gpt-4o-mini' is '0': a limit of 0 admits no request, so it is not checked")]
    [InlineData("OutputTpm", "-8000", "OutputTpm of PromptBudgetRateLimit 'gpt-4o-mini' is '-8000', which is negative")]
    [InlineData("ITPM", "30000", "ITPM of PromptBudgetRateLimit 'gpt-4o-mini' is not an attribute PromptBudget reads, so its value '30000' is ignored")]
    public void A_bad_limit_value_is_a_warning_naming_item_and_attribute_and_the_other_limits_still_run(string attribute, string value, string expected)
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));

        // Rpm 50 at 45 requests/min = 90%: still checked beside the bad attribute (an Rpm under test is replaced).
        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "45") };
            t.RateLimits = new[] { attribute == "Rpm" ? Limit("gpt-4o-mini", tpm: "50000", other: (attribute, value)) : Limit("gpt-4o-mini", rpm: "50", other: (attribute, value)) };
        });

        Assert.True(result, f.Engine.Log());
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains(expected, warning.Message);
        Assert.Equal(0, warning.LineNumber);

        // The limit that is fine is still checked: 45 × 1 = 45 of 50 RPM (90%), or 45 × 1,000 = 45,000 of 50,000 TPM (90%).
        Assert.Contains(", 90% of ", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak)).Message);
    }

    [Fact]
    public void A_limit_item_with_no_limit_at_all_is_a_warning()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini") });

        Assert.True(result);
        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains("PromptBudgetRateLimit 'gpt-4o-mini' states no limit: set at least one of Rpm, Tpm", warning.Message);
    }

    [Fact]
    public void A_limit_whose_only_value_is_bad_checks_nothing_and_says_so_once()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        f.Run(t => t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "abc") });

        var warning = Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
        Assert.Contains("Tpm of PromptBudgetRateLimit 'gpt-4o-mini' is 'abc', which is not a number", warning.Message);
    }

    [Fact]
    public void A_pattern_or_name_that_matches_no_called_model_is_a_warning_naming_the_models_called()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        f.Add(Call("claude-sonnet-4-5", input: 600, output: 400, file: "B.cs", line: 2, member: "B()"));
        f.Run(t =>
        {
            t.ProjectPeakRequestsPerMinute = "1";
            t.RateLimits = new[] { Limit("gemini-2*", rpm: "10"), Limit("gpt-4o", tpm: "1000"), Limit("claude-*", rpm: "100") };
        });

        var messages = f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable).Select(w => w.Message!).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("PromptBudgetRateLimit 'gemini-2*' matches no model this project's code calls (it calls claude-sonnet-4-5, gpt-4o-mini), so nothing is checked against it", messages[0]);
        Assert.Contains("a '*' in an Include must be written %2A", messages[0]);
        Assert.Contains("PromptBudgetRateLimit 'gpt-4o' matches no model", messages[1]);
    }

    [Fact]
    public void A_model_matches_as_written_and_as_priced_and_without_a_provider_prefix()
    {
        using var f = new TaskFixture();
        var deployment = Call("gpt-4o", input: 1_500, output: 1_000);
        deployment.Model = "prod-chat";
        deployment.ResolvedModel = "gpt-4o";
        var prefixed = Call("anthropic/claude-sonnet-4-5", input: 600, output: 400, file: "B.cs", line: 2, member: "B()");
        prefixed.ResolvedModel = "claude-sonnet-4-5";
        f.Add(deployment).Add(prefixed);
        f.Run(t =>
        {
            t.ProjectPeakRequestsPerMinute = "0.1";
            t.RateLimits = new[] { Limit("prod-chat", tpm: "2000"), Limit("CLAUDE-SONNET-4-5", outputTpm: "300") };
        });

        Assert.Equal(2, f.Engine.ErrorsWithCode(FindingCodes.RateLimitNeverPasses).Count());
        Assert.Empty(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable));
    }

    [Theory]
    [InlineData("-3", "PeakRequestsPerMinute of PromptBudgetFeature 'support-bot' is '-3', which is negative, so no rate limit's peak headroom counts this traffic")]
    [InlineData("fast", "PeakRequestsPerMinute of PromptBudgetFeature 'support-bot' is 'fast', which is not a number")]
    [InlineData("$5", "PeakRequestsPerMinute of PromptBudgetFeature 'support-bot' is '$5', which is not a number")]
    public void A_bad_feature_peak_is_a_warning_naming_the_feature(string peak, string expected)
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", peak) };
            t.RateLimits = new[] { Limit("gpt-4o-mini", tpm: "200000") };
        });

        Assert.True(result);
        var messages = f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable).Select(w => w.Message!).ToList();
        Assert.Contains(messages, m => m.Contains(expected));

        // And the pool then has no peak for that feature: it says so rather than showing 0%.
        Assert.Contains(messages, m => m.Contains("its peak headroom is not checked"));
    }

    [Fact]
    public void A_bad_project_peak_is_a_warning_even_without_rate_limit_items()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var (result, _) = f.Run(t => t.ProjectPeakRequestsPerMinute = "many");

        Assert.True(result);
        Assert.Contains("PromptBudgetProjectPeakRequestsPerMinute is 'many', which is not a number", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitSettingUnusable)).Message);
    }

    [Fact]
    public void A_pool_with_an_unknown_max_output_leaves_that_call_out_of_TPM_and_marks_the_figure_as_at_least()
    {
        using var f = new TaskFixture();
        f.Add(Call("gpt-4o-mini", input: 600, output: 400));
        var unknown = Call("gpt-4o-mini", input: 600, output: 0, file: "U.cs", line: 5, member: "U()", outputSource: "unknown");
        unknown.MaxOutputTokens = null;
        f.Add(unknown);

        // TPM: only the known call: 85 × 1,000 = 85,000 (≥ 85%). ITPM is not stated; RPM counts both: 85 × 2 = 170 of 1,000 (17%).
        f.Run(t =>
        {
            t.Features = new[] { Feature("support-bot", "85") };
            t.RateLimits = new[] { Limit("gpt-4o-mini", rpm: "1000", tpm: "100000") };
        });

        Assert.Contains("need ≥ 85,000 tokens per minute (input + output), ≥ 85% of TPM 100,000", Assert.Single(f.Engine.WarningsWithCode(FindingCodes.RateLimitNearAtPeak)).Message);
        var json = f.ReadReport("promptbudget.json");
        Assert.Contains("\"unknownCallSites\": 1", json);
        Assert.Contains("\"peakPerMinute\": 170", json);
    }
}
