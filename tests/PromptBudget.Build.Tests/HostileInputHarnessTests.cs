using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Core.Reporting;
using Xunit;
using Xunit.Abstractions;

namespace PromptBudget.Build.Tests;

/// <summary>
/// A seeded hostile-input harness for the MSBuild task: odd PromptBudget* properties, feature and rate-limit items with
/// odd metadata, corrupted payload, baseline, price and usage files. Each case must not throw out of Execute (MSBuild
/// would print MSB4018 and a stack trace), must log only PB codes, must name each property, item or file whose value it
/// could not use, and must keep every readable call site of the payload in its report.
/// </summary>
public class HostileInputHarnessTests
{
    private const int Seed = 20261122;
    private const int Cases = 150;

    private readonly ITestOutputHelper _output;

    public HostileInputHarnessTests(ITestOutputHelper output) => _output = output;

    /// <summary>Values no number setting may read as a number (each must be reported, naming its setting).</summary>
    private static readonly string[] BadNumbers =
    {
        "NaN", "Infinity", "-Infinity", "-1", "0,5", "1.000,5", "1e400", "79228162514264337593543950336", "∞", "abc", "0x10", "1..2", "\u0000", "\uD800", "--1", "1e",
    };

    /// <summary>Values that may or may not be numbers to the task (only: no exception, PB codes only).</summary>
    private static readonly string[] OddValues =
    {
        "", " ", "0", "-0", "1e-400", "$5", "5$", "١٢", "１２", "1_000", "9223372036854775808", "99999999999999999999999999999", "0.0000000000000000000000000001", " 12 ", "+3",
    };

    private static readonly string[] NumberProperties =
    {
        nameof(PromptBudgetReport.MaxGrowthPercent), nameof(PromptBudgetReport.MaxPriceAgeDays), nameof(PromptBudgetReport.ProjectMaxCostPerRequestUsd),
        nameof(PromptBudgetReport.ProjectCallsPerMonth), nameof(PromptBudgetReport.ProjectMaxMonthlyCostUsd), nameof(PromptBudgetReport.ProjectPeakRequestsPerMinute),
    };

    private static readonly string[] FeatureMetadata = { "MaxCostPerRequestUsd", "CallsPerMonth", "MaxMonthlyCostUsd", "PeakRequestsPerMinute" };

    private static readonly string[] RateLimitMetadata = { "Rpm", "Tpm", "InputTpm", "OutputTpm" };

    private static readonly string[] Patterns = { "gpt-4o", "*", "%2A", "gpt-*", "**", "gpt-4o*mini*", "[", "(", "a+b", "\\", ".*", "", " ", "gpt-4o;gpt-4o-mini", new string('*', 5_000) + "x", "\u202Egpt" };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private sealed record Expectation(string Name, string Value);

    [Fact]
    public void HostilePropertiesItemsAndFilesNeverThrowAndAreNamed()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var codes = new Dictionary<string, int>();
        for (var i = 0; i < Cases; i++)
        {
            using var f = new TaskFixture();
            var name = $"#{i}";
            var expectations = new List<Expectation>();
            var records = 1 + random.Next(3);
            for (var r = 0; r < records; r++)
            {
                f.Add(Sites.Record(line: 10 + r, ordinal: r, feature: random.Next(3) == 0 ? null : "bot", model: random.Next(4) == 0 ? "gpt-4o-mini" : "gpt-4o"));
            }

            var configure = new List<Action<PromptBudgetReport>>();

            // Properties.
            for (var p = 0; p < random.Next(3); p++)
            {
                var property = Pick(random, NumberProperties);
                var bad = random.Next(2) == 0;
                var value = bad ? Pick(random, BadNumbers) : Pick(random, OddValues);
                if (bad)
                {
                    expectations.Add(new Expectation(property.Replace("Usd", ""), value));
                }

                name += $" {property}={Show(value)}";
                configure.Add(t => typeof(PromptBudgetReport).GetProperty(property)!.SetValue(t, value));
            }

            if (random.Next(5) == 0)
            {
                var value = Pick(random, new[] { "Error", "WARNING", "nope", "", "\u0000", "none;error" });
                name += $" FailOn={Show(value)}";
                configure.Add(t => t.FailOn = value);
            }

            // Feature items.
            if (random.Next(2) == 0)
            {
                var items = new List<ITaskItem>();
                for (var k = 0; k < 1 + random.Next(2); k++)
                {
                    var metadata = new Dictionary<string, string>();
                    var key = random.Next(6) == 0 ? Pick(random, new[] { "MaxCostPerRequest", "PeakRequestPerMinute", "callspermonth", "Rpm" }) : Pick(random, FeatureMetadata);
                    var bad = random.Next(2) == 0;
                    var value = bad ? Pick(random, BadNumbers) : Pick(random, OddValues);
                    metadata[key] = value;
                    var feature = Pick(random, new[] { "bot", "BOT", "", " ", "a;b", "\u0000", new string('f', 10_000) });
                    if (feature.Trim().Length == 0)
                    {
                        continue; // MSBuild never gives an item with an empty Include.
                    }

                    if (bad && FeatureMetadata.Contains(key, StringComparer.OrdinalIgnoreCase))
                    {
                        expectations.Add(new Expectation(FeatureMetadata.First(m => string.Equals(m, key, StringComparison.OrdinalIgnoreCase)).Replace("Usd", ""), value));
                    }

                    items.Add(new TaskItem(feature, metadata));
                    name += $" Feature[{Show(feature)}] {key}={Show(value)}";
                }

                configure.Add(t => t.Features = items.ToArray());
            }

            // Rate-limit items.
            if (random.Next(2) == 0)
            {
                var items = new List<ITaskItem>();
                for (var k = 0; k < 1 + random.Next(3); k++)
                {
                    var pattern = Pick(random, Patterns);
                    if (pattern.Trim().Length == 0)
                    {
                        continue;
                    }

                    var metadata = new Dictionary<string, string>();
                    var key = random.Next(6) == 0 ? Pick(random, new[] { "RPM", "Itpm", "Tpm_", "Include" }) : Pick(random, RateLimitMetadata);
                    var bad = random.Next(2) == 0;
                    var value = bad ? Pick(random, BadNumbers) : Pick(random, OddValues);
                    if (key != "Include")
                    {
                        metadata[key] = value;
                    }

                    if (bad && RateLimitMetadata.Contains(key, StringComparer.OrdinalIgnoreCase))
                    {
                        expectations.Add(new Expectation(RateLimitMetadata.First(m => string.Equals(m, key, StringComparison.OrdinalIgnoreCase)), value));
                    }

                    items.Add(new TaskItem(pattern, metadata));
                    name += $" RateLimit[{Show(pattern)}] {key}={Show(value)}";
                }

                configure.Add(t => t.RateLimits = items.ToArray());
            }

            // Files.
            var payloadMutation = random.Next(PayloadMutations.Length + 3);
            var keptRecords = records;
            var fileKind = random.Next(4);
            var hostileText = Pick(random, HostileFileTexts);
            switch (fileKind)
            {
                case 0:
                    var baseline = f.TempPath("baseline.json");
                    File.WriteAllText(baseline, hostileText);
                    configure.Add(t => t.Baseline = baseline);
                    name += $" Baseline={Show(hostileText)}";
                    break;
                case 1:
                    var usage = f.TempPath("usage.jsonl");
                    File.WriteAllText(usage, hostileText);
                    configure.Add(t => t.UsageFiles = usage);
                    name += $" Usage={Show(hostileText)}";
                    break;
                case 2:
                    var prices = f.TempPath("prices.json");
                    File.WriteAllText(prices, hostileText);
                    configure.Add(t => t.PriceFile = prices);
                    name += $" PriceFile={Show(hostileText)}";
                    break;
            }

            bool result;
            try
            {
                f.WritePayload();
                if (payloadMutation < PayloadMutations.Length)
                {
                    var (mutationName, mutate, kept) = PayloadMutations[payloadMutation];
                    var text = File.ReadAllText(f.PayloadPath);
                    File.WriteAllBytes(f.PayloadPath, mutate(text));
                    keptRecords = kept(records);
                    name += " payload:" + mutationName;
                }

                (result, _) = f.Run(t => configure.ForEach(c => c(t)), writePayload: false);
            }
            catch (Exception e)
            {
                failures.Add($"{name}: Execute threw {e.GetType().Name}: {e.Message}\n{e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("PromptBudget.Build."))}");
                continue;
            }

            var logged = f.Engine.Errors.Select(e => (e.Code, e.Message)).Concat(f.Engine.Warnings.Select(w => (w.Code, w.Message))).ToList();
            foreach (var (code, _) in logged)
            {
                codes[code ?? "(none)"] = codes.TryGetValue(code ?? "(none)", out var n) ? n + 1 : 1;
            }

            failures.AddRange(logged.Where(l => l.Code is null || !l.Code.StartsWith("PB", StringComparison.Ordinal)).Select(l => $"{name}: logged {l.Code}: {l.Message}"));
            if (!result && f.Engine.Errors.Count == 0)
            {
                failures.Add($"{name}: failed without an error");
            }

            foreach (var expected in expectations)
            {
                if (!logged.Any(l => (l.Message ?? "").IndexOf(expected.Name, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    failures.Add($"{name}: the unusable value {Show(expected.Value)} of {expected.Name} is not named in any warning ({f.Engine.Log().Replace("\n", " | ")})");
                }
            }

            // Nothing lost: every record the payload still holds whole is in the JSON report.
            var json = Path.Combine(f.IntermediateDirectory, "promptbudget.json");
            if (keptRecords > 0 && (!File.Exists(json) || Occurrences(File.ReadAllText(json), "\"status\":") < keptRecords))
            {
                failures.Add($"{name}: the report does not keep the payload's {keptRecords} readable call sites ({f.Engine.Log().Replace("\n", " | ")})");
            }
        }

        _output.WriteLine($"{Cases} cases; codes logged: {string.Join(", ", codes.OrderBy(c => c.Key).Select(c => c.Key + " ×" + c.Value))}");
        Assert.True(failures.Count == 0, failures.Count + " failures:\n" + string.Join("\n", failures.Select(Shorten)));
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Show(string value) => value.Length > 40 ? value.Substring(0, 40) + $"…({value.Length})" : value.Replace("\n", "\\n").Replace("\u0000", "\\0");

    private static string Shorten(string text) => text.Length <= 700 ? text : text.Substring(0, 700) + "…";

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private static readonly (string Name, Func<string, byte[]> Mutate, Func<int, int> Kept)[] PayloadMutations =
    {
        ("truncated-mid-line", t => Utf8.GetBytes(t.Substring(0, t.TrimEnd('\n').LastIndexOf('\n') + 1 + ((t.TrimEnd('\n').Length - t.TrimEnd('\n').LastIndexOf('\n')) / 2))), n => n - 1),
        ("unknown-fields", t => Utf8.GetBytes(t.Replace("{\"file\"", "{\"zz_unknown\":{\"a\":[1,2,{\"b\":null}]},\"zz_n\":1e400,\"file\"")), n => n),
        ("huge-numbers", t => Utf8.GetBytes(System.Text.RegularExpressions.Regex.Replace(t, "\"gen_ai.usage.input_tokens\":\\d+", "\"gen_ai.usage.input_tokens\":99999999999999999999999999")), n => 0),
        ("huge-line", t => Utf8.GetBytes(System.Text.RegularExpressions.Regex.Replace(t, "\"line\":\\d+", "\"line\":99999999999")), n => 0),
        ("number-beyond-decimal", t => Utf8.GetBytes(System.Text.RegularExpressions.Regex.Replace(t, "\"worstCaseCostUsd\":[0-9.]+", "\"worstCaseCostUsd\":1e400")), n => 0),
        ("nan-cost", t => Utf8.GetBytes(System.Text.RegularExpressions.Regex.Replace(t, "\"worstCaseCostUsd\":[0-9.]+", "\"worstCaseCostUsd\":\"NaN\"")), n => 0),
        ("bom", t => Utf8.GetBytes("\uFEFF" + t), n => n),
        ("crlf", t => Utf8.GetBytes(t.Replace("\n", "\r\n")), n => n),
        ("blank-lines", t => Utf8.GetBytes(t.Replace("\n", "\n\n  \n")), n => n),
        ("invalid-utf8", t => Utf8.GetBytes(t).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0xFE, (byte)'\n' }).ToArray(), n => n),
        ("nul-bytes", t => Utf8.GetBytes(t + "\u0000\u0000\n"), n => n),
        ("deep-line", t => Utf8.GetBytes(t + new string('[', 10_000) + new string(']', 10_000) + "\n"), n => n),
        ("empty", t => Array.Empty<byte>(), n => 0),
        ("duplicated", t => Utf8.GetBytes(t + t), n => n),
    };

    private static readonly string[] HostileFileTexts =
    {
        "", "{", "null", "[]", "\uFEFF{}", new string('[', 10_000) + new string(']', 10_000), "{\"version\": 99999999999999999999}",
        "{\"gpt-4o\": {\"input_cost_per_token\": 1e400, \"output_cost_per_token\": \"NaN\"}}", "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"attributes\": 5}]}]}]}",
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"chat\",\"startTimeUnixNano\":\"99999999999999999999999\",\"attributes\":[{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"-99999999999999999999\"}},{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"gpt-4o\"}}]}]}]}]}\n{\"resourceSpans\":",
        "{\"callSites\": [{\"id\": null, \"worstCaseCostUsd\": -1e30}], \"schemaVersion\": \"x\"}",
        new string('x', 1_000_000),
        "{\"schemaVersion\": 2, \"callSites\": [{\"id\": \"x\", \"gen_ai.usage.input_tokens\": 99999999999999999999999999, \"line\": 1e400, \"segments\": [{\"boundTokens\": 1e28}]}]}",
        "{\"schemaVersion\": 2, \"callSites\": [{\"id\": \"x\", \"line\": 99999999999, \"worstCaseCostUsd\": 1e400}]}",
    };
}
