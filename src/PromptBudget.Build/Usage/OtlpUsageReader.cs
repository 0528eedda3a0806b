using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using PromptBudget.Core.Json;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Reads OTLP/JSON trace files as the OpenTelemetry Collector's file exporter writes them: one
/// <c>ExportTraceServiceRequest</c> per line (<c>resourceSpans[].scopeSpans[].spans[].attributes[]</c>),
/// plain or gzip (by the gzip magic bytes, whatever the name). Line by line: only one line is in memory
/// at a time, and each span is handed to the caller and forgotten. A line that cannot be used is a
/// <see cref="UsageProblem"/> and the rest of the file is still read; a gzip stream that ends early
/// stops that file with a problem. Nothing here throws for bad content.
/// </summary>
public static class OtlpUsageReader
{
    // Every attribute name read (docs/rules/PB3009.md lists them).
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string PromptTokens = "gen_ai.usage.prompt_tokens";
    public const string CompletionTokens = "gen_ai.usage.completion_tokens";
    public const string CacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens";
    public const string CacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens";
    public const string ReasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string CodeFilePath = "code.file.path";
    public const string CodeLineNumber = "code.line.number";
    public const string OldCodeFilePath = "code.filepath";
    public const string OldCodeLineNumber = "code.lineno";

    /// <summary>Reads one file; <paramref name="onSpan"/> gets every span that carries usage (the instance is reused).</summary>
    public static void Read(string path, Action<UsageSpan> onSpan, UsageReadCounts counts, List<UsageProblem> problems)
    {
        var capped = new CappedProblems(path);
        ReadFile(path, onSpan, counts, capped);
        capped.CopyTo(problems);
    }

    /// <summary>Problems kept per file: a file of a million bad lines must not hold a million messages.</summary>
    public const int MaxProblemsPerFile = 20;

    private sealed class CappedProblems
    {
        private readonly string _path;
        private readonly List<UsageProblem> _kept = new();
        private long _more;

        public CappedProblems(string path) => _path = path;

        public void Add(UsageProblem problem)
        {
            if (_kept.Count < MaxProblemsPerFile)
            {
                _kept.Add(problem);
            }
            else
            {
                _more++;
            }
        }

        public void CopyTo(List<UsageProblem> problems)
        {
            problems.AddRange(_kept);
            if (_more > 0)
            {
                problems.Add(new UsageProblem(_path, 0, $"{_more.ToString("#,0", CultureInfo.InvariantCulture)} more unusable lines or spans after the first {MaxProblemsPerFile}"));
            }
        }
    }

    private static void ReadFile(string path, Action<UsageSpan> onSpan, UsageReadCounts counts, CappedProblems problems)
    {
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
        {
            problems.Add(new UsageProblem(path, 0, ex is FileNotFoundException || ex is DirectoryNotFoundException ? "the file does not exist" : ex.Message));
            return;
        }

        var lineNumber = 0;
        try
        {
            using (stream)
            {
                var first = stream.ReadByte();
                var second = stream.ReadByte();
                var gzip = first == 0x1f && second == 0x8b;

                // A gzip file ends with the length of its content (mod 2^32): a copy cut short shows in it.
                long? expectedLength = null;
                if (gzip && stream.Length >= 18)
                {
                    stream.Position = stream.Length - 4;
                    var trailer = new byte[4];
                    if (stream.Read(trailer, 0, 4) == 4)
                    {
                        expectedLength = BitConverter.ToUInt32(trailer, 0);
                    }
                }

                stream.Position = 0;
                var counting = gzip ? new CountingStream(new GZipStream(stream, CompressionMode.Decompress)) : null;
                using var content = counting ?? stream;
                using var reader = new StreamReader(content, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
                var span = new UsageSpan();

                // Each line is handled once the next one is read, so a last line cut off by a damaged gzip
                // file is reported as such rather than as bad JSON.
                string? pending = null;
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    if (pending is not null)
                    {
                        Handle(pending, lineNumber);
                    }

                    lineNumber++;
                    pending = line;
                }

                if (counting is not null && (expectedLength is null || (counting.Count & 0xFFFFFFFF) != expectedLength))
                {
                    problems.Add(new UsageProblem(path, Math.Max(1, lineNumber), $"the gzip file ends early or is damaged (its content is not the length its trailer records); line {Math.Max(1, lineNumber)} and anything after it are not read"));
                }
                else if (pending is not null)
                {
                    Handle(pending, lineNumber);
                }

                void Handle(string text, int number)
                {
                    if (text.Trim().Length > 0)
                    {
                        ReadLine(text, path, number, span, onSpan, counts, problems);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is EndOfStreamException || ex is IOException)
        {
            problems.Add(new UsageProblem(path, lineNumber + 1, $"the file ends early or is damaged ({ex.Message}); line {lineNumber + 1} and anything after it are not read"));
        }
    }

    /// <summary>Counts the bytes read through it (the decompressed length of a gzip file).</summary>
    private sealed class CountingStream : Stream
    {
        private readonly Stream _inner;

        public CountingStream(Stream inner) => _inner = inner;

        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            Count += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static void ReadLine(string text, string path, int lineNumber, UsageSpan span, Action<UsageSpan> onSpan, UsageReadCounts counts, CappedProblems problems)
    {
        JsonValue root;
        try
        {
            root = JsonReader.Parse(text);
        }
        catch (JsonParseException ex)
        {
            problems.Add(new UsageProblem(path, lineNumber, $"not JSON: {ex.Message}"));
            counts.UnreadableLines++;
            return;
        }

        if (root.Kind != JsonKind.Object || root.Get("resourceSpans") is not { Kind: JsonKind.Array } resourceSpans)
        {
            problems.Add(new UsageProblem(path, lineNumber, "not an OTLP/JSON trace request (no 'resourceSpans' array)"));
            counts.UnreadableLines++;
            return;
        }

        foreach (var resource in resourceSpans.Items)
        {
            foreach (var scope in Items(resource, "scopeSpans"))
            {
                foreach (var item in Items(scope, "spans"))
                {
                    counts.Spans++;
                    span.Clear();
                    var problem = ReadSpan(item, span);
                    if (problem is not null)
                    {
                        counts.UnreadableSpans++;
                        problems.Add(new UsageProblem(path, lineNumber, problem));
                        continue;
                    }

                    if (!span.HasUsage)
                    {
                        counts.WithoutUsage++;
                        continue;
                    }

                    onSpan(span);
                }
            }
        }
    }

    private static IReadOnlyList<JsonValue> Items(JsonValue parent, string name) =>
        parent.Kind == JsonKind.Object && parent.Get(name) is { Kind: JsonKind.Array } array ? array.Items : Array.Empty<JsonValue>();

    /// <summary>Fills <paramref name="span"/>; returns why the span cannot be used, or null.</summary>
    private static string? ReadSpan(JsonValue item, UsageSpan span)
    {
        string? oldFile = null;
        long? oldLine = null;
        long? prompt = null;
        long? completion = null;
        foreach (var attribute in Items(item, "attributes"))
        {
            if (attribute.Kind != JsonKind.Object || attribute.GetString("key") is not { } key || attribute.Get("value") is not { Kind: JsonKind.Object } value)
            {
                continue;
            }

            string? error = null;
            switch (key)
            {
                case InputTokens: span.InputTokens = Count(value, key, ref error); break;
                case OutputTokens: span.OutputTokens = Count(value, key, ref error); break;
                case PromptTokens: prompt = Count(value, key, ref error); break;
                case CompletionTokens: completion = Count(value, key, ref error); break;
                case CacheReadInputTokens: span.CacheReadInputTokens = Count(value, key, ref error); break;
                case CacheCreationInputTokens: span.CacheCreationInputTokens = Count(value, key, ref error); break;
                case ReasoningOutputTokens: span.ReasoningOutputTokens = Count(value, key, ref error); break;
                case CodeLineNumber: span.Line = Count(value, key, ref error); break;
                case OldCodeLineNumber: oldLine = Count(value, key, ref error); break;
                case RequestModel: span.RequestModel = value.GetString("stringValue"); break;
                case ResponseModel: span.ResponseModel = value.GetString("stringValue"); break;
                case CodeFilePath: span.FilePath = value.GetString("stringValue"); break;
                case OldCodeFilePath: oldFile = value.GetString("stringValue"); break;
            }

            if (error is not null)
            {
                var name = item.GetString("name");
                return name is null ? error : $"span '{name}': {error}";
            }
        }

        span.InputTokens ??= prompt;
        span.OutputTokens ??= completion;
        span.FilePath ??= oldFile;
        span.Line ??= oldLine;
        return null;
    }

    /// <summary>A token count or line: <c>intValue</c> as a number or a string (64-bit ints), or a whole <c>doubleValue</c>.</summary>
    private static long? Count(JsonValue value, string key, ref string? error)
    {
        var raw = value.Get("intValue") ?? value.Get("doubleValue") ?? value.Get("stringValue");
        if (raw is null || raw.Kind == JsonKind.Null)
        {
            return null;
        }

        var text = raw.Text;
        if ((raw.Kind == JsonKind.Number || raw.Kind == JsonKind.String) && text is not null)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= 0)
            {
                return whole;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0 && number == decimal.Truncate(number) && number <= long.MaxValue)
            {
                return (long)number;
            }
        }

        error = $"'{key}' is {(text is null ? raw.Kind.ToString().ToLowerInvariant() : "'" + Shorten(text) + "'")}, not a whole number of zero or more";
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
}

/// <summary>How many spans and lines the usage files held.</summary>
public sealed class UsageReadCounts
{
    public long Spans { get; set; }

    /// <summary>Spans with neither input nor output tokens (HTTP spans, failed calls): skipped.</summary>
    public long WithoutUsage { get; set; }

    /// <summary>Spans with an attribute that is not a number (PB2006).</summary>
    public long UnreadableSpans { get; set; }

    /// <summary>Lines that are not JSON or not a trace request (PB2006).</summary>
    public long UnreadableLines { get; set; }
}
