using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Payload;

/// <summary>
/// The call sites reach the build's report through the payload file the analyzer writes at
/// compilation end, whatever the severity of its rules; without the build's settings file (the IDE)
/// nothing is written.
/// </summary>
public class PayloadChannelTests
{
    private const string TwoCalls = """
        using OpenAI.Chat;

        class Second
        {
            void Ask(ChatClient client)
            {
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("second file, first call") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                client.CompleteChat(new ChatMessage[] { new UserChatMessage("second file, second call") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
        }
        """;

    [Fact]
    public async Task Every_call_site_is_written_sorted_by_file_and_position_with_project_relative_paths()
    {
        var compilation = await AnalyzerRun.CompileAsync(PromptSources.OpenAIChatCall("gpt-4o", "first file", 100), TwoCalls);

        var (_, payload) = await AnalyzerRun.WithPayloadAsync(compilation, Array.Empty<(string, string)>());

        Assert.NotNull(payload);
        Assert.Equal(new[] { "Test0.cs", "Test1.cs", "Test1.cs" }, payload!.Records.Select(r => r.File).ToArray());
        Assert.Equal(new[] { "first file", "second file, first call", "second file, second call" }, payload.Records.Select(r => r.Preview).ToArray());
        Assert.True(payload.Records[1].Line < payload.Records[2].Line);
    }

    [Fact]
    public async Task Silencing_every_PromptBudget_rule_does_not_silence_the_payload()
    {
        var compilation = await AnalyzerRun.CompileAsync(PromptSources.OpenAIChatCall("gpt-4o", "Hello there", 100));
        var silenced = new PromptCallSiteAnalyzer().SupportedDiagnostics
            .Where(d => d.Id != RuleIdentifiers.PayloadCarrier)
            .ToDictionary(d => d.Id, _ => ReportDiagnostic.Suppress);
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(silenced));

        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(compilation, Array.Empty<(string, string)>());

        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("PB", StringComparison.Ordinal));
        var record = Assert.Single(payload!.Records);
        Assert.Equal("gpt-4o", record.Model);
    }

    [Fact]
    public async Task The_carrier_rule_cannot_be_configured_and_is_never_reported()
    {
        var carrier = Assert.Single(new PromptCallSiteAnalyzer().SupportedDiagnostics, d => d.Id == RuleIdentifiers.PayloadCarrier);
        Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, carrier.CustomTags);
        Assert.Equal(DiagnosticSeverity.Warning, carrier.DefaultSeverity);
        Assert.True(carrier.IsEnabledByDefault);

        var compilation = await AnalyzerRun.CompileAsync(PromptSources.OpenAIChatCall("gpt-4o", "Hello there", 100));
        var (diagnostics, _) = await AnalyzerRun.WithPayloadAsync(compilation, Array.Empty<(string, string)>());
        Assert.DoesNotContain(diagnostics, d => d.Id == RuleIdentifiers.PayloadCarrier);
    }

    [Fact]
    public async Task A_compilation_without_an_LLM_SDK_writes_an_empty_payload_so_the_report_knows_it_is_current()
    {
        var compilation = await AnalyzerRun.CompileAsync("class Plain { int Twice(int x) => x * 2; }");

        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(compilation, Array.Empty<(string, string)>());

        Assert.Empty(diagnostics);
        Assert.NotNull(payload);
        Assert.Empty(payload!.Records);
    }

    [Fact]
    public async Task A_payload_that_cannot_be_written_is_PB2003_naming_the_path()
    {
        var compilation = await AnalyzerRun.CompileAsync(PromptSources.OpenAIChatCall("gpt-4o", "Hello there", 100));
        var blocker = System.IO.Path.GetTempFileName();
        try
        {
            // A file where the payload's folder should be: the folder cannot be created.
            var channel = ("/build/promptbudget.channel", $"payload={System.IO.Path.Combine(blocker, "callsites.jsonl")}\n");
            var (diagnostics, _) = await AnalyzerRun.WithPayloadAsync(compilation, new[] { channel }, withChannel: false);

            var problem = Assert.Single(diagnostics, d => d.Id == RuleIdentifiers.PayloadNotWritten);
            Assert.Contains(blocker, problem.GetMessage(), StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(blocker);
        }
    }

    [Fact]
    public async Task The_preview_shows_dynamic_parts_by_name()
    {
        const string source = """
            using OpenAI.Chat;

            class Translator
            {
                void Translate(ChatClient client, string language, string text) =>
                    client.CompleteChat(new ChatMessage[] { new UserChatMessage($"Translate the following text into {language}: {text}") }, new ChatCompletionOptions { MaxOutputTokenCount = 10 });
            }
            """;

        var record = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal("Translate the following text into {language}: {text}", record.Preview);
    }
}
