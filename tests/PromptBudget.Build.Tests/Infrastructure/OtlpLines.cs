using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PromptBudget.Build.Tests.Infrastructure;

/// <summary>
/// OTLP/JSON lines for tests that need exact numbers (costs, percentiles, times); the format itself is pinned by
/// the JS SDK fixtures (Fixtures/otlp). Attributes are written as that serializer writes them.
/// </summary>
public static class OtlpLines
{
    /// <summary>2026-07-01T12:00:00Z in Unix nanoseconds.</summary>
    public const long T0 = 1782907200_000000000L;

    public const long Hour = 3600_000000000L;

    public static string Span(
        string model,
        long input,
        long output,
        string? file = null,
        int? line = null,
        string? feature = null,
        long? cacheRead = null,
        long? cacheWrite = null,
        long? reasoning = null,
        long start = T0,
        long? end = null,
        string featureAttribute = "app.feature")
    {
        var attributes = new List<string>
        {
            Text("gen_ai.operation.name", "chat"),
            Text("gen_ai.request.model", model),
            Int("gen_ai.usage.input_tokens", input),
            Int("gen_ai.usage.output_tokens", output),
        };
        if (cacheRead is { } read)
        {
            attributes.Add(Int("gen_ai.usage.cache_read.input_tokens", read));
        }

        if (cacheWrite is { } write)
        {
            attributes.Add(Int("gen_ai.usage.cache_creation.input_tokens", write));
        }

        if (reasoning is { } r)
        {
            attributes.Add(Int("gen_ai.usage.reasoning.output_tokens", r));
        }

        if (file is not null)
        {
            attributes.Add(Text("code.file.path", file));
            attributes.Add(Int("code.line.number", line ?? 1));
        }

        if (feature is not null)
        {
            attributes.Add(Text(featureAttribute, feature));
        }

        return $"{{\"name\":\"chat {model}\",\"startTimeUnixNano\":\"{start.ToString(CultureInfo.InvariantCulture)}\",\"endTimeUnixNano\":\"{(end ?? start + 1_000_000).ToString(CultureInfo.InvariantCulture)}\",\"attributes\":[{string.Join(",", attributes)}]}}";
    }

    public static string Line(IEnumerable<string> spans) =>
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"scope\":{\"name\":\"test\"},\"spans\":[" + string.Join(",", spans) + "]}]}]}";

    public static string Line(params string[] spans) => Line(spans.AsEnumerable());

    public static string Text(string key, string value) => $"{{\"key\":\"{key}\",\"value\":{{\"stringValue\":\"{value}\"}}}}";

    public static string Int(string key, long value) => $"{{\"key\":\"{key}\",\"value\":{{\"intValue\":\"{value.ToString(CultureInfo.InvariantCulture)}\"}}}}";
}
