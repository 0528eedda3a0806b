using System;
using System.IO;
using System.Linq;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// Prompts that live in files reach the report through the package's targets alone: *.prompty and
/// skprompt.txt (with its config.json) are found by glob outside bin/ and obj/, PromptBudgetPromptFile
/// items are read as templates, and a malformed file is a PB2005 warning at its file and line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PromptFileEndToEndTests
{
    private const string SloganPrompt = "Write one short slogan for the product below.\nKeep it under ten words and avoid exclamation marks.\nTone: {{$tone}}\n\nProduct: {{$input}}\n";

    private const string SloganConfig = """
        { "execution_settings": { "default": { "model_id": "gpt-4o-mini", "max_tokens": 60 } } }
        """;

    private const string ChatPrompty = "---\nname: Chat\nmodel:\n  id: gpt-4o\n  options:\n    maxOutputTokens: 100\n---\nsystem:\nBe brief.\n\nuser:\n{{question}}\n";

    private readonly PackageFixture _package;

    public PromptFileEndToEndTests(PackageFixture package) => _package = package;

    [Fact]
    public void PromptFilesFoundByTheTargetsAreCallSitesOfTheReportAndMalformedOnesAreWarnings()
    {
        var project = UserProject.Create(
            _package,
            "prompt-files",
            Sources.Project(extra: "<ShopBotBudget>1</ShopBotBudget><PromptBudgetDefaultModel>gpt-4o-mini</PromptBudgetDefaultModel><PromptBudgetDefaultFeature>shop-bot</PromptBudgetDefaultFeature>")
                .Replace("</Project>", "  <ItemGroup><PromptBudgetPromptFile Include=\"Templates/slogan.txt\" /></ItemGroup>\n</Project>"),
            "prompt_budget.feature = shop-bot\n");
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        project.Write("Prompts/WriterPlugin/Slogan/skprompt.txt", SloganPrompt);
        project.Write("Prompts/WriterPlugin/Slogan/config.json", SloganConfig);
        project.Write("Prompts/unrelated/config.json", "{ not a prompt's config");
        project.Write("chat.prompty", ChatPrompty);
        project.Write("Templates/slogan.txt", SloganPrompt);
        project.Write("Bad/bad.prompty", "---\nmodel:\n  id: gpt-4o\n  options:\n    maxOutputTokens: lots\n---\nuser:\nHello\n");
        project.Write("bin/Debug/copied.prompty", ChatPrompty);
        project.Write("obj/stale/skprompt.txt", SloganPrompt);

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Bad[/\\]bad\.prompty\(5,1\): warning PB2005: Prompt file '[^']*bad\.prompty', line 5: model\.options\.maxOutputTokens must be a whole number of tokens, not 'lots'", result.Output);
        Assert.DoesNotContain("config.json', line", result.Output, StringComparison.Ordinal);
        var sites = JsonReader.Parse(File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.json"))).Get("callSites")!.Items;
        Assert.Equal(
            new[] { "Answer.cs", "Bad/bad.prompty", "Prompts/WriterPlugin/Slogan/skprompt.txt", "Templates/slogan.txt", "chat.prompty" },
            sites.Select(s => s.GetString(CallSiteFieldNames.File)!).OrderBy(f => f, StringComparer.Ordinal));

        var slogan = sites.Single(s => s.GetString(CallSiteFieldNames.File) == "Prompts/WriterPlugin/Slogan/skprompt.txt");
        Assert.Equal("SemanticKernel.PromptDirectory", slogan.GetString(CallSiteFieldNames.Sdk));
        Assert.Equal("WriterPlugin.Slogan", slogan.GetString(CallSiteFieldNames.Member));
        Assert.Equal("gpt-4o-mini", slogan.GetString(CallSiteFieldNames.Model));
        Assert.Equal("60", slogan.Get(CallSiteFieldNames.MaxOutputTokens)!.Text);
        Assert.Equal("shop-bot", slogan.GetString(CallSiteFieldNames.Feature));

        // js-tiktoken counts 26 o200k tokens for the static text (fixture case prompt-file-sk-slogan-static), plus OpenAI's
        // framing of one message: 3 for the message, 1 for its role, 3 for the reply.
        Assert.Equal("33", slogan.Get(CallSiteFieldNames.InputTokens)!.Text);

        var chat = sites.Single(s => s.GetString(CallSiteFieldNames.File) == "chat.prompty");
        Assert.Equal("Prompty", chat.GetString(CallSiteFieldNames.Sdk));
        Assert.Equal("gpt-4o", chat.GetString(CallSiteFieldNames.Model));
        Assert.Equal("8", chat.Get(CallSiteFieldNames.Line)!.Text);

        var template = sites.Single(s => s.GetString(CallSiteFieldNames.File) == "Templates/slogan.txt");
        Assert.Equal("PromptTemplate", template.GetString(CallSiteFieldNames.Sdk));
        Assert.Equal("gpt-4o-mini", template.GetString(CallSiteFieldNames.Model));
    }
}
