using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace PromptBudget.Build.Tests;

/// <summary>
/// Loads the HTML report in headless Chromium and reads the DOM after scripts ran: the chart is there,
/// the prompt's <c>&lt;script&gt;</c> is text, and it did not run (the page's own script did). Without
/// Chromium the test passes with a message, except under CI=true, where it fails so CI notices.
/// </summary>
public class HtmlChromiumTests
{
    private readonly ITestOutputHelper _output;

    public HtmlChromiumTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Chromium_renders_the_report_and_does_not_run_prompt_text()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            var message = "Chromium not found (/usr/bin/chromium or chromium on PATH); the HTML report was not checked in a browser.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message + " CI must install it.");
            _output.WriteLine(message);
            return;
        }

        var (f, htmlPath) = HtmlReportTests.Run();
        using var _ = f;
        var profile = f.TempPath("chromium-profile");
        Directory.CreateDirectory(profile);

        var dom = DumpDom(chromium, htmlPath, profile);

        Assert.Contains("<svg", dom);
        Assert.Contains("data-sortable=\"ready\"", dom);
        Assert.Contains("&lt;script&gt;document.title='PWNED'&lt;/script&gt;", dom);
        Assert.DoesNotContain("<title>PWNED</title>", dom);
        Assert.Contains("<title>PromptBudget: Shop (net8.0)</title>", dom);
    }

    private string DumpDom(string chromium, string htmlPath, string profile)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", new Uri(htmlPath).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 120 s.");
        }

        Task.WaitAll(stdout, stderr);
        _output.WriteLine($"chromium exited with {process.ExitCode}.");
        Assert.True(stdout.Result.Length > 0, $"Chromium (exit code {process.ExitCode}) printed no DOM. stderr:\n" + stderr.Result);
        return stdout.Result;
    }

    private static string? FindChromium()
    {
        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(directory, name);
                if (directory.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
