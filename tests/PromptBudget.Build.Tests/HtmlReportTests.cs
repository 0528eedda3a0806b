using System.Text.RegularExpressions;
using PromptBudget.Build.Reports;
using PromptBudget.Build.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Build.Tests;

public class HtmlReportTests
{
    internal const string Attack = "<script>document.title='PWNED'</script>";

    internal static (TaskFixture Fixture, string HtmlPath) Run(bool redact = false)
    {
        var f = new TaskFixture();
        f.Add(Sites.Record(file: "Bot/Answer.cs", line: 41, worstCaseCostUsd: 0.31m, preview: "Hi " + Attack + " & bye"));
        f.Add(Sites.Record(file: "Bot/<img src=x>.cs", line: 7, member: "Support.Bot.Evil(\"</td>\")", worstCaseCostUsd: 0.05m, model: "gpt-4o-mini", preview: "x\" onmouseover=\"alert(1)"));
        f.Add(Sites.Record(file: "Search/Rank.cs", line: 20, member: "Search.Rank()", feature: "search & <rank>", worstCaseCostUsd: null, model: null, preview: new string('a', 200)));
        var (result, task) = f.Run(t => t.RedactPrompts = redact);
        Assert.True(result, f.Engine.Log());
        return (f, task.HtmlReport!);
    }

    [Fact]
    public void Prompt_text_and_names_from_code_are_escaped()
    {
        var (f, path) = Run();
        using var _ = f;
        var html = System.IO.File.ReadAllText(path);

        Assert.Contains("Hi &lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; &amp; bye", html);
        Assert.DoesNotContain("<script>document.title", html);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.DoesNotContain("<img src=x>", html);
        Assert.Contains("Bot/&lt;img src=x&gt;.cs:7", html);
        Assert.Contains("x&quot; onmouseover=&quot;alert(1)", html);
        Assert.Contains("search &amp; &lt;rank&gt;", html);
        Assert.DoesNotContain("</td>\")", html);
    }

    [Fact]
    public void The_page_is_self_contained_with_charts_and_a_sortable_table()
    {
        var (f, path) = Run();
        using var _ = f;
        var html = System.IO.File.ReadAllText(path);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(2, Regex.Matches(html, "<svg ").Count);
        Assert.Contains("<table class=\"sortable\" id=\"call-sites\">", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("@import", html);
        Assert.Contains("<td data-value=\"Infinity\">unknown</td>", html);
    }

    [Fact]
    public void Previews_are_cut_to_80_characters()
    {
        var (f, path) = Run();
        using var _ = f;
        var html = System.IO.File.ReadAllText(path);

        Assert.Contains(">" + new string('a', 79) + "…</td>", html);
        Assert.DoesNotContain(new string('a', 80), html);
    }

    [Fact]
    public void Redacted_pages_show_no_prompt_text()
    {
        var (f, path) = Run(redact: true);
        using var _ = f;
        var html = System.IO.File.ReadAllText(path);

        Assert.DoesNotContain("PWNED", html);
        Assert.DoesNotContain("onmouseover", html);
        Assert.DoesNotContain("aaaa", html);
        Assert.Contains("Prompt text is redacted.", html);
    }
}
