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

    // Semantic Kernel's YAML loader (Microsoft.SemanticKernel.Yaml, not on this machine's feed), declared as it is.
    private const string YamlLoader = """
        namespace Microsoft.SemanticKernel
        {
            public static class PromptYamlKernelExtensions
            {
                public static KernelFunction CreateFunctionFromPromptYaml(this Kernel kernel, string text, IPromptTemplateFactory? promptTemplateFactory = null) => null!;
            }
        }
        """;

    private const string Stories = """
        using System.IO;
        using Microsoft.SemanticKernel;

        namespace Shop.Bot;

        public static class Stories
        {
            public static KernelFunction Load(string key)
            {
                var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                using var stream = typeof(Stories).Assembly.GetManifestResourceStream("Shop.Stories.GenerateStory.yaml")!;
                using var reader = new StreamReader(stream);
                return kernel.CreateFunctionFromPromptYaml(reader.ReadToEnd());
            }
        }
        """;

    private const string GenerateStory = "name: GenerateStory\ntemplate: |\n  Tell a story about {{$topic}} that is {{$length}} sentences long.\ntemplate_format: semantic-kernel\ninput_variables:\n  - name: topic\n  - name: length\n";

    [Fact]
    public void AMalformedFileOfEachFormatIsAPB2005WithItsLineAndAnEmbeddedYamlTemplateIsLinkedToItsLoader()
    {
        var project = UserProject.Create(
            _package,
            "prompt-files-malformed",
            Sources.Project(extra: "<ShopBotBudget>1</ShopBotBudget><PromptBudgetDefaultFeature>shop-bot</PromptBudgetDefaultFeature>")
                .Replace("</Project>", """
                      <ItemGroup>
                        <PackageReference Include="Microsoft.SemanticKernel.Core" Version="1.82.0" />
                        <PackageReference Include="Microsoft.SemanticKernel.Connectors.OpenAI" Version="1.82.0" />
                        <EmbeddedResource Include="Resources/GenerateStory.yaml" LogicalName="Shop.Stories.GenerateStory.yaml" />
                      </ItemGroup>
                    </Project>
                    """)
                .Replace("<NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>", "<NoWarn>$(NoWarn);NU1603;NU1608;SKEXP0001;SKEXP0010</NoWarn>"));
        project.Write("Answer.cs", Sources.Answer(maxOutputTokens: 300));
        project.Write("YamlLoader.cs", YamlLoader);
        project.Write("Stories.cs", Stories);
        project.Write("Resources/GenerateStory.yaml", GenerateStory);
        project.Write("Prompts/ReplyPlugin/Polish/skprompt.txt", "Polish this reply: {{$draft}}\n");
        project.Write("Prompts/ReplyPlugin/Polish/config.json", "{\n  \"execution_settings\": {\n    \"default\": { \"model_id\": \"gpt-4o\", }\n  }\n}\n");
        project.Write("Prompts/bad.prompty", "---\nname: Bad\nmodel:\n  id: gpt-4o\n\tapi: chat\n---\nuser:\nHello\n");
        project.Write("Prompts/bad.prompt.yaml", "name: BadYaml\ntemplate: |\n  Hello\nexecution_settings: [unclosed\n");
        project.Write("Prompts/loop.prompt.yaml", "name: Loop\ntemplate_format: handlebars\ntemplate: |\n  Items:\n  {{#each items}}\n  - {{this}}\nexecution_settings:\n  default:\n    model_id: gpt-4o-mini\n    max_tokens: 50\n");

        var result = project.Build();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("AD0001", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Polish[/\\]config\.json\(3,1\): warning PB2005: Prompt file '[^']*config\.json', line 3: not valid JSON", result.Output);
        Assert.Matches(@"Prompts[/\\]bad\.prompty\(5,1\): warning PB2005: Prompt file '[^']*bad\.prompty', line 5: front matter: [^\n]*tab", result.Output);
        Assert.Matches(@"Prompts[/\\]bad\.prompt\.yaml\(4,1\): warning PB2005: Prompt file '[^']*bad\.prompt\.yaml', line 4: not readable YAML", result.Output);
        Assert.Matches(@"Prompts[/\\]loop\.prompt\.yaml\(5,1\): warning PB2005: Prompt file '[^']*loop\.prompt\.yaml', line 5: [^\n]*\{\{#each items\}\}[^\n]*never closed", result.Output);
        Assert.DoesNotContain("PB1011", result.Output, StringComparison.Ordinal);

        var sites = JsonReader.Parse(File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.json"))).Get("callSites")!.Items;
        Assert.Equal(
            new[] { "Answer.cs", "Prompts/ReplyPlugin/Polish/skprompt.txt", "Prompts/bad.prompt.yaml", "Prompts/bad.prompty", "Prompts/loop.prompt.yaml", "Resources/GenerateStory.yaml" },
            sites.Select(s => s.GetString(CallSiteFieldNames.File)!).OrderBy(f => f, StringComparer.Ordinal));

        // The embedded template, found by its LogicalName, runs on the loader's kernel: one record, in the file.
        var story = sites.Single(s => s.GetString(CallSiteFieldNames.File) == "Resources/GenerateStory.yaml");
        Assert.Equal("SemanticKernel.PromptYaml", story.GetString(CallSiteFieldNames.Sdk));
        Assert.Equal("GenerateStory", story.GetString(CallSiteFieldNames.Member));
        Assert.Equal("semantic-kernel", story.GetString(CallSiteFieldNames.TemplateFormat));
        Assert.Equal("gpt-4o-mini", story.GetString(CallSiteFieldNames.Model));
        Assert.Contains("Stories.cs:13 (resource 'Shop.Stories.GenerateStory.yaml')", story.GetString(CallSiteFieldNames.LoadedBy));

        // js-tiktoken: 11 o200k tokens for "Tell a story about  that is  sentences long.\n" (fixture prompt-file-sk-yaml-story-static),
        // plus OpenAI's framing of one message (3 + 1 for the role + 3 for the reply).
        Assert.Equal("18", story.Get(CallSiteFieldNames.InputTokens)!.Text);

        // The same warnings fail a build that asks for it.
        var strict = project.Build("-p:TreatWarningsAsErrors=true", "-p:PromptBudgetWarningsAsErrors=true", "--no-incremental");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Matches(@"bad\.prompt\.yaml\(4,1\): error PB2005", strict.Output);
        Assert.DoesNotContain("AD0001", strict.Output, StringComparison.Ordinal);
    }
}
