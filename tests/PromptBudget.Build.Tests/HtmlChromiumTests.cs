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

    /// <summary>
    /// Every character the report itself writes outside ASCII (dashes, ≥, the status words' marks) must draw
    /// as a real glyph with the fonts of a plain Linux machine — this one has no emoji font. A copy of the
    /// page gets a probe script that draws each such character on a canvas in its element's font and compares
    /// it with a private-use character that no font has (drawn as the missing-glyph box). An emoji
    /// is probed too: on a machine without an emoji font it must come out missing, which shows the probe can fail.
    /// </summary>
    [Fact]
    public void Every_character_the_report_writes_has_a_glyph_without_emoji_fonts()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            var message = "Chromium not found; the report's glyphs were not checked in a browser.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message + " CI must install it.");
            _output.WriteLine(message);
            return;
        }

        var (f, htmlPath) = HtmlReportTests.Run();
        using var _ = f;
        var profile = f.TempPath("chromium-profile-glyphs");
        Directory.CreateDirectory(profile);
        var probed = f.TempPath("glyphs.html");
        var html = File.ReadAllText(htmlPath);
        File.WriteAllText(probed, html.Replace("</body>", "<span id=\"emoji-probe\">\U0001F7E2</span><script>" + GlyphProbe + "</script></body>"));

        var dom = DumpDom(chromium, probed, profile);

        var result = System.Text.RegularExpressions.Regex.Match(dom, "data-glyphs=\"([^\"]*)\"");
        Assert.True(result.Success, "the probe script did not run");
        var fields = System.Net.WebUtility.HtmlDecode(result.Groups[1].Value).Split('|');
        var checkedChars = fields[0];
        var missing = fields[1];
        var emojiMissing = fields[2] == "true";
        _output.WriteLine($"checked: {checkedChars}; missing: {missing}; emoji probe missing: {emojiMissing}");
        Assert.True(checkedChars.Length > 0, "the report wrote no character outside ASCII: nothing was checked");
        Assert.True(missing.Length == 0, $"characters drawn as missing-glyph boxes: {missing}");
        if (!HasEmojiFont())
        {
            Assert.True(emojiMissing, "an emoji drew as a glyph on a machine without an emoji font: the probe cannot tell a box from a glyph");
        }
    }

    // Runs in the page: every text character above U+007F outside the emoji probe, drawn in its element's
    // font, compared pixel by pixel with U+E000 (private use: no font has it, so it is the missing-glyph box).
    private const string GlyphProbe = @"
(function(){
  var canvas = document.createElement('canvas'); canvas.width = 64; canvas.height = 64;
  var ctx = canvas.getContext('2d', { willReadFrequently: true });
  function pixels(ch, font){ ctx.clearRect(0,0,64,64); ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top'; ctx.fillText(ch, 4, 4); return ctx.getImageData(0,0,64,64).data.join(','); }
  function isMissing(ch, font){ return pixels(ch, font) === pixels('', font); }
  var seen = {}, checkedChars = '', missing = '';
  var probe = document.getElementById('emoji-probe');
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    var parent = node.parentElement;
    if (!parent || parent === probe || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    var style = getComputedStyle(parent);
    var font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
    for (var ch of node.nodeValue) {
      if (ch.codePointAt(0) < 128 || seen[ch]) continue;
      seen[ch] = true; checkedChars += ch;
      if (isMissing(ch, font)) missing += ch;
    }
  }
  var bodyStyle = getComputedStyle(document.body);
  var emojiMissing = isMissing(probe.textContent, bodyStyle.fontSize + ' ' + bodyStyle.fontFamily);
  probe.remove();
  document.body.setAttribute('data-glyphs', checkedChars + '|' + missing + '|' + emojiMissing);
})();";

    private static bool HasEmojiFont()
    {
        try
        {
            var start = new ProcessStartInfo("fc-list") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var fonts = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return fonts.Contains("emoji", StringComparison.OrdinalIgnoreCase);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true; // cannot tell: do not claim the probe must see a box
        }
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
