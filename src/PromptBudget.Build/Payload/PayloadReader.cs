using System;
using System.IO;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Payload;

/// <summary>
/// Reads the analyzer's payload file (<see cref="CallSitePayloadFile"/>) once its freshness is known.
/// A payload the compile of this build should have written but did not is deleted, so the next build
/// compiles again instead of reporting old numbers. Nothing here throws for bad input.
/// </summary>
public static class PayloadReader
{
    public static PayloadReadResult Read(string? path, bool compileFinished, long? payloadTicksBefore, string? compiledAssembly, long? assemblyTicksBefore)
    {
        var exists = !string.IsNullOrWhiteSpace(path) && File.Exists(path);
        var payloadNow = exists ? File.GetLastWriteTime(path!).Ticks : 0;
        var assemblyNow = string.IsNullOrWhiteSpace(compiledAssembly) ? (long?)null : File.GetLastWriteTime(compiledAssembly!).Ticks;
        var state = PayloadFreshness.Judge(compileFinished, exists, payloadTicksBefore, payloadNow, assemblyTicksBefore, assemblyNow);
        var result = new PayloadReadResult(path, state);
        if (state == PayloadState.NotWrittenByThisCompile)
        {
            TryDelete(path!);
        }

        if (state != PayloadState.Current)
        {
            return result;
        }

        string text;
        try
        {
            text = File.ReadAllText(path!);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            result.Unreadable = ex.Message;
            return result;
        }

        var payload = CallSitePayloadFile.Read(text);
        result.Records.AddRange(payload.Records);
        result.Problems.AddRange(payload.Problems);
        return result;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // A locked file stays; the finding of this build already says the report is incomplete.
        }
    }
}
