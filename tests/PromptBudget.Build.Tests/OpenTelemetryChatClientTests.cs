using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Build.Usage;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>
/// What a .NET app really emits: Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c> over a fake inner
/// client, captured by the OpenTelemetry .NET SDK's in-memory exporter. Every usage attribute on the span must
/// be one the usage reader reads, and the reader must put each value where it belongs.
/// </summary>
public class OpenTelemetryChatClientTests
{
    private const string SourceName = "PromptBudget.Tests.ChatClient";

    private static readonly UsageDetails Usage = new()
    {
        InputTokenCount = 1200,
        OutputTokenCount = 300,
        TotalTokenCount = 1500,
        CachedInputTokenCount = 1024,
        ReasoningTokenCount = 128,
    };

    [Fact]
    public async Task Every_usage_attribute_UseOpenTelemetry_emits_is_read_into_the_right_field()
    {
        var exported = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SourceName).AddInMemoryExporter(exported).Build())
        {
            using var client = new ChatClientBuilder(new FakeChatClient()).UseOpenTelemetry(sourceName: SourceName).Build();
            await client.GetResponseAsync("Where is my order?", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 500 });
            tracing!.ForceFlush();
        }

        var activity = Assert.Single(exported);
        var tags = activity.TagObjects.Where(t => t.Value is not null).ToList();
        var usageTags = tags.Where(t => t.Key.StartsWith("gen_ai.usage.", StringComparison.Ordinal) || t.Key.Contains("token")).Select(t => t.Key).ToList();

        // Every usage attribute is one the reader reads (max_tokens is a request setting, not usage).
        var read = new HashSet<string>(OtlpAttributeNames.Numbers, StringComparer.Ordinal);
        Assert.Equal(new[] { "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.usage.reasoning.output_tokens" },
            usageTags.Where(k => k != "gen_ai.request.max_tokens").OrderBy(k => k, StringComparer.Ordinal).ToArray());
        Assert.All(usageTags.Where(k => k != "gen_ai.request.max_tokens"), k => Assert.Contains(k, read));
        Assert.Contains(tags, t => t.Key == OtlpAttributeNames.RequestModel && (string)t.Value! == "gpt-4o");

        // The span as an OTLP/JSON line (ints as intValue, text as stringValue, as the OTLP exporters write
        // them), read back: each value lands in its field.
        using var temp = new TempDirectory();
        var path = temp.Combine("span.jsonl");
        File.WriteAllText(path, OtlpLines.Line(Serialize(activity, tags)) + "\n");
        UsageSpan? span = null;
        var problems = new List<UsageProblem>();
        OtlpUsageReader.Read(path, s => span = new UsageSpan
        {
            InputTokens = s.InputTokens, OutputTokens = s.OutputTokens, CacheReadInputTokens = s.CacheReadInputTokens,
            CacheCreationInputTokens = s.CacheCreationInputTokens, ReasoningOutputTokens = s.ReasoningOutputTokens,
            RequestModel = s.RequestModel, ResponseModel = s.ResponseModel, StartUnixNano = s.StartUnixNano,
        }, new UsageReadCounts(), problems);

        Assert.Empty(problems);
        Assert.NotNull(span);
        Assert.Equal(Usage.InputTokenCount, span!.InputTokens);
        Assert.Equal(Usage.OutputTokenCount, span.OutputTokens);
        Assert.Equal(Usage.CachedInputTokenCount, span.CacheReadInputTokens);
        Assert.Equal(Usage.ReasoningTokenCount, span.ReasoningOutputTokens);
        Assert.Null(span.CacheCreationInputTokens);
        Assert.Equal("gpt-4o", span.RequestModel);
        Assert.Equal("gpt-4o-2024-08-06", span.ResponseModel);
        Assert.True(span.StartUnixNano > 0);
    }

    private static string Serialize(Activity activity, List<KeyValuePair<string, object?>> tags)
    {
        var attributes = tags.Select(t => t.Value switch
        {
            string text => OtlpLines.Text(t.Key, text.Replace("\"", "\\\"")),
            int or long or short => OtlpLines.Int(t.Key, Convert.ToInt64(t.Value, CultureInfo.InvariantCulture)),
            _ => null,
        }).Where(a => a is not null);
        var start = (activity.StartTimeUtc - DateTime.UnixEpoch).Ticks * 100;
        var end = start + (activity.Duration.Ticks * 100);
        return $"{{\"name\":\"{activity.DisplayName}\",\"startTimeUnixNano\":\"{start}\",\"endTimeUnixNano\":\"{end}\",\"attributes\":[{string.Join(",", attributes)}]}}";
    }

    private sealed class FakeChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "It ships tomorrow."))
            {
                ModelId = "gpt-4o-2024-08-06",
                FinishReason = ChatFinishReason.Stop,
                Usage = Usage,
            });

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield break;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
