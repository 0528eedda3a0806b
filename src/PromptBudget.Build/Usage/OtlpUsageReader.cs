using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Reads OTLP/JSON trace files as the OpenTelemetry Collector's file exporter writes them: one
/// <c>ExportTraceServiceRequest</c> per line (<c>resourceSpans[].scopeSpans[].spans[].attributes[]</c>),
/// plain or gzip (by the gzip magic bytes, whatever the name; several gzip members one after another too).
/// Line by line from the file's bytes into one reused buffer, each line scanned forward by
/// <see cref="OtlpLineParser"/> without building a JSON tree: memory holds the longest line, and each span is
/// handed to the caller and forgotten. A line that cannot be used is a <see cref="UsageProblem"/> and the rest
/// of the file is still read; a gzip file that is cut short or damaged stops at that point with a problem.
/// Nothing here throws for bad content.
/// </summary>
public static class OtlpUsageReader
{
    // Kept for callers and docs; OtlpAttributeNames lists every name read.
    public const string InputTokens = OtlpAttributeNames.InputTokens;
    public const string OutputTokens = OtlpAttributeNames.OutputTokens;
    public const string PromptTokens = OtlpAttributeNames.PromptTokens;
    public const string CompletionTokens = OtlpAttributeNames.CompletionTokens;
    public const string CacheReadInputTokens = OtlpAttributeNames.CacheReadInputTokens;
    public const string CacheCreationInputTokens = OtlpAttributeNames.CacheCreationInputTokens;
    public const string ReasoningOutputTokens = OtlpAttributeNames.ReasoningOutputTokens;
    public const string RequestModel = OtlpAttributeNames.RequestModel;
    public const string ResponseModel = OtlpAttributeNames.ResponseModel;
    public const string CodeFilePath = OtlpAttributeNames.CodeFilePath;
    public const string CodeLineNumber = OtlpAttributeNames.CodeLineNumber;
    public const string OldCodeFilePath = OtlpAttributeNames.OldCodeFilePath;
    public const string OldCodeLineNumber = OtlpAttributeNames.OldCodeLineNumber;

    /// <summary>Problems kept per file: a file of a million bad lines must not hold a million messages.</summary>
    public const int MaxProblemsPerFile = 20;

    /// <summary>A longer line is skipped as unusable rather than held in memory (exporters batch a few megabytes).</summary>
    public const int MaxLineBytes = 256 * 1024 * 1024;

    /// <summary>Reads one file; <paramref name="onSpan"/> gets every span that carries usage (the instance is reused).</summary>
    /// <param name="featureAttribute">The span attribute that names a feature (<c>PromptBudgetUsageFeatureAttribute</c>), or null.</param>
    public static void Read(string path, Action<UsageSpan> onSpan, UsageReadCounts counts, List<UsageProblem> problems, string? featureAttribute = null)
    {
        var capped = new CappedProblems(path);
        var parser = new OtlpLineParser(featureAttribute);
        ReadFile(path, onSpan, counts, capped, parser);
        capped.CopyTo(problems);
        counts.FeatureAttributeSeen |= parser.FeatureSeen;
        foreach (var key in parser.OtherKeys)
        {
            if (counts.OtherAttributeNames.Count >= OtlpLineParser.MaxOtherKeys)
            {
                break;
            }

            counts.OtherAttributeNames.Add(key);
        }
    }

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

    private static void ReadFile(string path, Action<UsageSpan> onSpan, UsageReadCounts counts, CappedProblems problems, OtlpLineParser parser)
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
            var first = stream.ReadByte();
            var second = stream.ReadByte();
            stream.Position = 0;
            if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF))
            {
                stream.Dispose();
                problems.Add(new UsageProblem(path, 0, "the file is UTF-16 text; OTLP/JSON files are UTF-8"));
                return;
            }

            using var content = first == 0x1f && second == 0x8b ? new GzipMemberStream(stream) : stream;
            var lines = new LineSplitter(content);
            while (lines.Next(out var buffer, out var start, out var end, out var tooLong))
            {
                lineNumber++;
                if (tooLong)
                {
                    counts.UnreadableLines++;
                    problems.Add(new UsageProblem(path, lineNumber, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MB and is skipped"));
                    continue;
                }

                if (lineNumber == 1 && end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
                {
                    start += 3; // a UTF-8 byte order mark
                }

                if (IsBlank(buffer, start, end))
                {
                    continue;
                }

                var problem = parser.Parse(buffer, start, end);
                if (problem is not null)
                {
                    problems.Add(new UsageProblem(path, lineNumber, problem));
                    counts.UnreadableLines++;
                    continue;
                }

                counts.Spans += parser.Spans;
                counts.WithoutUsage += parser.WithoutUsage;
                counts.UnreadableSpans += parser.SpanProblems.Count;
                foreach (var spanProblem in parser.SpanProblems)
                {
                    problems.Add(new UsageProblem(path, lineNumber, spanProblem));
                }

                for (var i = 0; i < parser.UsageSpanCount; i++)
                {
                    onSpan(parser.UsageSpans[i]);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException || ex is EndOfStreamException || ex is IOException)
        {
            problems.Add(new UsageProblem(path, lineNumber + 1, $"the file ends early or is damaged ({ex.Message}); line {lineNumber + 1} and anything after it are not read"));
        }
        finally
        {
            stream.Dispose();
        }
    }

    private static bool IsBlank(byte[] buffer, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = buffer[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits a stream into lines of bytes in one buffer that grows to the longest line. A last line without a
    /// newline is returned only once the stream has ended cleanly, so a gzip file cut inside a line reports the
    /// damage instead of a line of bad JSON.
    /// </summary>
    private sealed class LineSplitter
    {
        private readonly Stream _stream;
        private byte[] _buffer = new byte[1 << 16];
        private int _start;
        private int _filled;
        private bool _ended;
        private bool _skipping;

        public LineSplitter(Stream stream) => _stream = stream;

        public bool Next(out byte[] buffer, out int start, out int end, out bool tooLong)
        {
            tooLong = false;
            var scanFrom = _start;
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', scanFrom, _filled - scanFrom);
                if (newline >= 0)
                {
                    buffer = _buffer;
                    start = _start;
                    end = newline;
                    _start = newline + 1;
                    tooLong = _skipping;
                    _skipping = false;
                    return true;
                }

                if (_ended)
                {
                    buffer = _buffer;
                    start = _start;
                    end = _filled;
                    tooLong = _skipping;
                    _skipping = false;
                    var any = _filled > _start || tooLong;
                    _start = _filled;
                    return any;
                }

                scanFrom = _filled;
                if (_filled - _start >= MaxLineBytes)
                {
                    // Drop what is held of an overlong line; it is reported once its end is found.
                    _skipping = true;
                    _start = _filled = scanFrom = 0;
                }
                else if (_start > 0)
                {
                    System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _filled - _start);
                    _filled -= _start;
                    scanFrom -= _start;
                    _start = 0;
                }

                if (_filled == _buffer.Length)
                {
                    Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, MaxLineBytes + (1 << 16)));
                }

                var read = _stream.Read(_buffer, _filled, _buffer.Length - _filled);
                if (read == 0)
                {
                    _ended = true;
                }

                _filled += read;
            }
        }
    }
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

    /// <summary>Whether a span of any file carries the feature attribute (<c>PromptBudgetUsageFeatureAttribute</c>).</summary>
    public bool FeatureAttributeSeen { get; set; }

    /// <summary>While no span carries the feature attribute: other span attribute names seen (bounded), for PB2008's suggestions.</summary>
    public SortedSet<string> OtherAttributeNames { get; } = new(StringComparer.Ordinal);
}
