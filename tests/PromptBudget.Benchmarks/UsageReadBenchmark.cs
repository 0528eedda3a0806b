using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using PromptBudget.Build.Model;
using PromptBudget.Build.Usage;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Benchmarks;

/// <summary>
/// `usage-read N [gz]`: writes N GenAI spans (512 per OTLP/JSON line, 50 call sites, 3 models, 1 in 20
/// without usage) to a temp file and times reading and matching them; reports the process's peak working set.
/// </summary>
public static class UsageReadBenchmark
{
    private const int Sites = 50;
    private const int SpansPerLine = 512;

    public static void Report(long spans, bool gzip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pb-usage-{Guid.NewGuid():N}.jsonl" + (gzip ? ".gz" : ""));
        try
        {
            var writeWatch = Stopwatch.StartNew();
            Write(path, spans, gzip);
            writeWatch.Stop();
            var size = new FileInfo(path).Length;

            var sites = new List<ReportCallSite>();
            for (var i = 0; i < Sites; i++)
            {
                var record = new CallSiteRecord { File = $"Bot/Call{i}.cs", Line = 40, Model = i % 2 == 0 ? "gpt-4o" : "gpt-4o-mini", InputTokens = 3000, MaxOutputTokens = 1000 };
                sites.Add(new ReportCallSite($"site{i}", record.File, null, record.Line, record));
            }

            _ = PromptBudget.Core.Pricing.PriceTable.Default.Count; // the embedded prices parsed before the clock starts
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            // Priced as the task prices them (the embedded table), so the figure includes the cost of each span's cost.
            var comparison = new UsageComparison(sites, new[] { path }, new UsagePricing(PromptBudget.Core.Pricing.PriceTable.Default));
            var problems = new List<UsageProblem>();
            OtlpUsageReader.Read(path, span => comparison.Add(span), comparison.Counts, problems);
            var groups = comparison.Groups;
            foreach (var group in groups)
            {
                group.Input.Percentile(95);
                group.Output.Percentile(95);
            }

            watch.Stop();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Console.WriteLine($"usage-read: {spans:N0} spans, file {size / 1048576.0:F1} MB{(gzip ? " (gzip)" : "")}, written in {writeWatch.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  read + match: {watch.Elapsed.TotalSeconds:F2} s ({spans / watch.Elapsed.TotalSeconds:N0} spans/s)");
            Console.WriteLine($"  spans {comparison.Counts.Spans:N0}, without usage {comparison.Counts.WithoutUsage:N0}, by location {comparison.MatchedByLocation:N0}, by model {comparison.MatchedByModel:N0}, unmatched {comparison.Unmatched:N0}, rows {groups.Count}, problems {problems.Count}");
            Console.WriteLine($"  peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MB (before reading {peakBefore / 1048576.0:F0} MB); managed heap after: {GC.GetTotalMemory(false) / 1048576.0:F0} MB; allocated while reading: {allocated / 1048576.0:F0} MB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Write(string path, long spans, bool gzip)
    {
        using var file = File.Create(path);
        using Stream target = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16);
        var random = new Random(42);
        var line = new StringBuilder();
        for (long written = 0; written < spans;)
        {
            line.Clear();
            line.Append("{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"bench\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"bench\"},\"spans\":[");
            for (var i = 0; i < SpansPerLine && written < spans; i++, written++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                var site = (int)(written % Sites);
                line.Append("{\"traceId\":\"").Append(written.ToString("x32", CultureInfo.InvariantCulture)).Append("\",\"spanId\":\"").Append(written.ToString("x16", CultureInfo.InvariantCulture))
                    .Append("\",\"name\":\"chat\",\"kind\":3,\"startTimeUnixNano\":\"1782907200000000000\",\"endTimeUnixNano\":\"1782907200750000000\",\"attributes\":[");
                if (written % 20 == 19)
                {
                    line.Append("{\"key\":\"http.request.method\",\"value\":{\"stringValue\":\"GET\"}}]}");
                    continue;
                }

                line.Append("{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}},")
                    .Append("{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":\"").Append(written % 97 == 0 ? "gpt-4.1" : site % 2 == 0 ? "gpt-4o" : "gpt-4o-mini").Append("\"}},")
                    .Append("{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"").Append(random.Next(200, 3000)).Append("\"}},")
                    .Append("{\"key\":\"gen_ai.usage.output_tokens\",\"value\":{\"intValue\":").Append(random.Next(10, 1000)).Append("}},")
                    .Append("{\"key\":\"gen_ai.usage.cache_read.input_tokens\",\"value\":{\"intValue\":\"128\"}}");
                if (written % 10 != 0)
                {
                    line.Append(",{\"key\":\"code.file.path\",\"value\":{\"stringValue\":\"/srv/app/src/Shop/Bot/Call").Append(site).Append(".cs\"}},")
                        .Append("{\"key\":\"code.line.number\",\"value\":{\"intValue\":").Append(40 + (site % 3)).Append("}}");
                }

                line.Append("]}");
            }

            line.Append("]}]}]}");
            writer.Write(line.ToString());
            writer.Write('\n');
        }
    }
}
