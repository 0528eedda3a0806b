using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Evaluation;

namespace PromptBudget.Analyzers.Discovery.Loops;

/// <summary>Reads the value code gives a loop's cap: a constant, a configuration key, or something the analyzer cannot read.</summary>
internal static class LoopCapValue
{
    public static ToolLoop Read(IOperation value, string settingName, RecognitionContext context)
    {
        var code = SegmentName.Shorten(value.Syntax.ToString());
        if (context.ConstantLong(value) is { } constant)
        {
            return new ToolLoop(constant, LoopCapSource.Literal, settingName + " = " + code, settingName);
        }

        if (context.ConfiguredCount(context.Tracker.Definition(value, context.CancellationToken)) is { } configured)
        {
            return configured.Value is { } number
                ? new ToolLoop(number, LoopCapSource.Configuration, settingName + " from " + configured.Detail, settingName)
                : new ToolLoop(null, LoopCapSource.Unknown, settingName + ": " + configured.Detail, settingName);
        }

        return new ToolLoop(null, LoopCapSource.Unknown, settingName + " = " + code + ", which is not a value the analyzer can read", settingName);
    }
}
