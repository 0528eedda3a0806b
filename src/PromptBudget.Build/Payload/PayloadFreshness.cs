namespace PromptBudget.Build.Payload;

/// <summary>
/// Decides whether the payload is current from last-write times taken just before CoreCompile and
/// after it. Only equalities of file times are compared (never a file time with the clock), so a
/// coarse file system or a skewed clock cannot make an old payload look new.
/// </summary>
public static class PayloadFreshness
{
    /// <param name="compileFinished">False when the report is written before the compile (nothing to read yet).</param>
    /// <param name="payloadExists">Whether the payload file exists now.</param>
    /// <param name="payloadTicksBefore">The payload's last-write ticks before CoreCompile; null when not known.</param>
    /// <param name="payloadTicksNow">The payload's last-write ticks now.</param>
    /// <param name="assemblyTicksBefore">The compiled assembly's last-write ticks before CoreCompile; null when not known.</param>
    /// <param name="assemblyTicksNow">The compiled assembly's last-write ticks now; null when not known.</param>
    public static PayloadState Judge(bool compileFinished, bool payloadExists, long? payloadTicksBefore, long payloadTicksNow, long? assemblyTicksBefore, long? assemblyTicksNow)
    {
        if (!compileFinished)
        {
            return PayloadState.CompilePending;
        }

        if (!payloadExists)
        {
            return PayloadState.Missing;
        }

        // The compiler wrote the assembly in this build, so it ran: then it must have written the payload too.
        var compileRan = assemblyTicksBefore is { } before && assemblyTicksNow is { } now && before != now;
        if (compileRan && payloadTicksBefore is { } payloadBefore && payloadBefore == payloadTicksNow)
        {
            return PayloadState.NotWrittenByThisCompile;
        }

        return PayloadState.Current;
    }
}
