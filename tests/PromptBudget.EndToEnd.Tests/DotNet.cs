using System;
using System.Diagnostics;
using System.Text;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>Runs the dotnet CLI and captures what a user would see.</summary>
public static class DotNet
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}";
    }

    public static Result Run(string workingDirectory, params string[] arguments) => RunProgram("dotnet", workingDirectory, arguments);

    /// <summary>
    /// `dotnet <paramref name="arguments"/>` with the shared compiler server, as a developer's machine runs
    /// it; its output goes through a file, so the server never holds this process's pipes, and the
    /// server is shut down afterwards.
    /// </summary>
    public static Result RunWithCompilerServer(string workingDirectory, string arguments)
    {
        var log = System.IO.Path.Combine(workingDirectory, "server-build-" + Guid.NewGuid().ToString("N")[..8] + ".log");
        var shell = RunProgram("bash", workingDirectory, new[] { "-c", $"dotnet {arguments} -nologo > '{log}' 2>&1; status=$?; dotnet build-server shutdown > /dev/null 2>&1; exit $status" });
        return new Result(shell.ExitCode, System.IO.File.ReadAllText(log) + shell.Output);
    }

    private static Result RunProgram(string program, string workingDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No build servers or node reuse: each build stands alone and leaves no process behind.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " took more than 8 minutes:\n" + output);
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.ToString());
    }
}
