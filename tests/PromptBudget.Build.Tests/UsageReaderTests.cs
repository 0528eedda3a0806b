using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using PromptBudget.Build.Tests.Infrastructure;
using PromptBudget.Build.Usage;
using Xunit;

namespace PromptBudget.Build.Tests;

/// <summary>The forward-only reader: gzip members, JSON it must accept or reject whole, and every attribute name it reads.</summary>
public class UsageReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "otlp", name);

    private static (List<UsageSpan> Spans, UsageReadCounts Counts, List<UsageProblem> Problems) Read(string path, string? featureAttribute = null)
    {
        var spans = new List<UsageSpan>();
        var counts = new UsageReadCounts();
        var problems = new List<UsageProblem>();
        OtlpUsageReader.Read(path, s => spans.Add(Copy(s)), counts, problems, featureAttribute);
        return (spans, counts, problems);
    }

    private static UsageSpan Copy(UsageSpan s) => new()
    {
        InputTokens = s.InputTokens, OutputTokens = s.OutputTokens, CacheReadInputTokens = s.CacheReadInputTokens,
        CacheCreationInputTokens = s.CacheCreationInputTokens, ReasoningOutputTokens = s.ReasoningOutputTokens,
        FilePath = s.FilePath, Line = s.Line, RequestModel = s.RequestModel, ResponseModel = s.ResponseModel,
        Feature = s.Feature, StartUnixNano = s.StartUnixNano, EndUnixNano = s.EndUnixNano,
    };

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            zip.Write(bytes, 0, bytes.Length);
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Concatenated_gzip_members_are_all_read_and_each_is_checked()
    {
        using var temp = new TempDirectory();
        var member = File.ReadAllBytes(Fixture("traces.jsonl.gz"));
        var big = Gzip(string.Concat(Enumerable.Repeat(File.ReadAllText(Fixture("traces.jsonl")), 40)));
        var path = temp.Combine("multi.jsonl.gz");
        File.WriteAllBytes(path, member.Concat(big).Concat(member).ToArray());

        var (spans, counts, problems) = Read(path);

        Assert.Empty(problems);
        Assert.Equal(22 * 42, counts.Spans);
        Assert.Equal(20 * 42, spans.Count);

        // The last member without its length, or cut in half: PB2006 either way. Lines are used as they arrive,
        // so the first keeps all its (complete) lines and the second those before the cut.
        File.WriteAllBytes(path, member.Concat(big).Concat(member.Take(member.Length - 4)).ToArray());
        (spans, _, problems) = Read(path);
        Assert.Contains("gzip member 3 ends early or is damaged", Assert.Single(problems).Detail);
        Assert.Equal(20 * 42, spans.Count);

        File.WriteAllBytes(path, member.Concat(big).Concat(member.Take(member.Length / 2)).ToArray());
        (spans, _, problems) = Read(path);
        Assert.Contains("gzip member 3 ends early or is damaged", Assert.Single(problems).Detail);
        Assert.InRange(spans.Count, 20 * 41, (20 * 42) - 1);

        var damaged = member.Concat(big).ToArray();
        damaged[damaged.Length - 6] ^= 0x40; // inside the second member's CRC-32
        File.WriteAllBytes(path, damaged);
        (_, _, problems) = Read(path);
        Assert.Contains("gzip member 2 ends early or is damaged", Assert.Single(problems).Detail);
    }

    [Fact]
    public void Members_in_any_order_escaped_names_a_byte_order_mark_and_the_older_and_openllmetry_names_are_read()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("odd.jsonl");
        var line = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":["
            + "{\"value\":{\"stringValue\":\"gpt-4o\"},\"key\":\"gen_ai.request.model\"},"
            + "{\"key\":\"gen_ai.usage.\\u0069nput_tokens\",\"value\":{\"intValue\":7}},"
            + "{\"key\":\"llm.usage.prompt_tokens\",\"value\":{\"intValue\":999}},"
            + "{\"key\":\"llm.usage.completion_tokens\",\"value\":{\"intValue\":\"5\"}},"
            + "{\"key\":\"gen_ai.usage.cache_read_input_tokens\",\"value\":{\"intValue\":3}},"
            + "{\"key\":\"llm.usage.cache_creation_input_tokens\",\"value\":{\"intValue\":2}},"
            + "{\"key\":\"gen_ai.usage.reasoning_tokens\",\"value\":{\"doubleValue\":4.0}},"
            + "{\"key\":\"code.file.path\",\"value\":{\"stringValue\":\"C:\\\\src\\\\Bot\\\\Answer.cs\"}},"
            + "{\"key\":\"app.feature\",\"value\":{\"stringValue\":\"support\"}}"
            + "],\"endTimeUnixNano\":2000,\"startTimeUnixNano\":\"1000\",\"name\":\"chat\"}]}]}]}";
        File.WriteAllBytes(path, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(line + "\r\n")).ToArray());

        var (spans, _, problems) = Read(path, "app.feature");

        Assert.Empty(problems);
        var span = Assert.Single(spans);
        Assert.Equal(7, span.InputTokens); // the current name wins over llm.usage.prompt_tokens, whatever the order
        Assert.Equal(5, span.OutputTokens);
        Assert.Equal(3, span.CacheReadInputTokens);
        Assert.Equal(2, span.CacheCreationInputTokens);
        Assert.Equal(4, span.ReasoningOutputTokens);
        Assert.Equal("gpt-4o", span.RequestModel);
        Assert.Equal("C:\\src\\Bot\\Answer.cs", span.FilePath);
        Assert.Equal("support", span.Feature);
        Assert.Equal(1000, span.StartUnixNano);
        Assert.Equal(2000, span.EndUnixNano);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[SPAN]}]}]}, 1", "Unexpected text after the JSON value")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[SPAN,]}]}]}", "Unexpected character ']'")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[SPAN]}]}]", "Expected ',' or '}'")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[SPAN]}],\"x\":\"a\\qb\"}]}", "Bad escape '\\q'")]
    public void A_line_with_bad_json_after_a_good_span_gives_no_spans(string template, string error)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("bad.jsonl");
        var span = OtlpLines.Span("gpt-4o", 10, 5);
        File.WriteAllText(path, template.Replace("SPAN", span) + "\n" + OtlpLines.Line(span) + "\n");

        var (spans, counts, problems) = Read(path);

        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.StartsWith("not JSON: " + error, problem.Detail);
        Assert.Single(spans);
        Assert.Equal(1, counts.Spans);
        Assert.Equal(1, counts.UnreadableLines);
    }

    [Fact]
    public void A_utf16_file_is_named_as_such()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("utf16.jsonl");
        File.WriteAllText(path, OtlpLines.Line(OtlpLines.Span("gpt-4o", 10, 5)), Encoding.Unicode);

        var (spans, _, problems) = Read(path);

        Assert.Empty(spans);
        Assert.Contains("UTF-16", Assert.Single(problems).Detail);
    }

    [Fact]
    public void A_time_that_is_not_a_number_makes_the_span_unusable_with_its_name()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("time.jsonl");
        File.WriteAllText(path, OtlpLines.Line(OtlpLines.Span("gpt-4o", 10, 5).Replace("\"startTimeUnixNano\":\"" + OtlpLines.T0 + "\"", "\"startTimeUnixNano\":\"soon\"")) + "\n");

        var (spans, counts, problems) = Read(path);

        Assert.Empty(spans);
        Assert.Equal(1, counts.UnreadableSpans);
        Assert.Equal("span 'chat gpt-4o': 'startTimeUnixNano' is 'soon', not a whole number of zero or more", Assert.Single(problems).Detail);
    }
}
