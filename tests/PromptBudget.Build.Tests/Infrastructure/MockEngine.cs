using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace PromptBudget.Build.Tests.Infrastructure;

/// <summary>A recording <see cref="IBuildEngine"/> (like dotnet/sourcelink's MockEngine): keeps every error, warning and message.</summary>
public sealed class MockEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public IEnumerable<BuildErrorEventArgs> ErrorsWithCode(string code) => Errors.Where(e => e.Code == code);

    public IEnumerable<BuildWarningEventArgs> WarningsWithCode(string code) => Warnings.Where(e => e.Code == code);

    /// <summary>Every error and warning as "code file(line): message", for assertion messages.</summary>
    public string Log() =>
        string.Join("\n", Errors.Select(e => $"error {e.Code} {e.File}({e.LineNumber}): {e.Message}")
            .Concat(Warnings.Select(w => $"warning {w.Code} {w.File}({w.LineNumber}): {w.Message}")));
}
