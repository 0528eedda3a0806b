using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Analyzers.Payload;

/// <summary>
/// Collects the call-site records of one compilation and writes them, sorted by file and position,
/// to the channel's payload file at compilation end. One instance per compilation: the compiler
/// server runs compilations side by side, so nothing here is static.
/// </summary>
internal sealed class CallSitePayloadWriter
{
    private readonly ConcurrentQueue<(string Path, int Position, CallSiteRecord Record)> _records = new();
    private readonly PayloadChannel _channel;

    public CallSitePayloadWriter(PayloadChannel channel) => _channel = channel;

    public string PayloadPath => _channel.PayloadPath;

    public void Add(string path, int position, CallSiteRecord record) => _records.Enqueue((path, position, record));

    /// <summary>Writes the payload; returns why it could not be written, or null.</summary>
    public string? Write()
    {
        var sorted = _records
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Position)
            .Select(r => WithRelativeFile(r.Record))
            .ToList();
        var text = CallSitePayloadFile.Write(sorted);
        var temporary = _channel.PayloadPath + "." + Guid.NewGuid().ToString("N") + ".tmp";

        // RS1035 bans file IO in analyzers because the IDE must stay side-effect free. This writer runs
        // only when the build's settings file names a payload path, which the targets never write in
        // design-time builds (the IDE); a whole file is written, then moved over the old one, so the task
        // never reads half a payload (the sonar-dotnet utility analyzers do the same).
#pragma warning disable RS1035
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_channel.PayloadPath)!);
            File.WriteAllText(temporary, text);
            if (File.Exists(_channel.PayloadPath))
            {
                File.Delete(_channel.PayloadPath);
            }

            File.Move(temporary, _channel.PayloadPath);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            TryDelete(temporary);
            return ex.Message;
        }
#pragma warning restore RS1035
    }

    private CallSiteRecord WithRelativeFile(CallSiteRecord record)
    {
        if (record.File.Length > 0 && _channel.ProjectDirectory.Length > 0)
        {
            record.File = ProjectPaths.Relative(record.File, _channel.ProjectDirectory);
        }

        return record;
    }

#pragma warning disable RS1035 // see Write
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless.
        }
    }
#pragma warning restore RS1035
}
