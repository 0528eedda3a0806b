using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using static PromptBudget.Analyzers.Tests.PromptFiles.PromptFileRun;

namespace PromptBudget.Analyzers.Tests.PromptFiles;

/// <summary>
/// Prompts that live in files (a Semantic Kernel prompt directory, .prompty files) are call sites of their
/// own: counted from the file's text, with the model and max output of the file's settings, located in the
/// file, in the payload. Expected token counts are js-tiktoken's (the Core fixture).
/// </summary>
public class PromptFileTests
{
    // A prompt directory shaped like Semantic Kernel's samples (FunPlugin/Joke): a template and its PromptTemplateConfig.
    internal const string SloganPrompt = "Write one short slogan for the product below.\nKeep it under ten words and avoid exclamation marks.\nTone: {{$tone}}\n\nProduct: {{$input}}\n";
    internal const string SloganStatic = "Write one short slogan for the product below.\nKeep it under ten words and avoid exclamation marks.\nTone: \n\nProduct: \n";

    internal const string SloganConfig = """
        {
          "schema": 1,
          "description": "Writes a product slogan",
          "execution_settings": {
            "default": { "model_id": "gpt-4o-mini", "max_tokens": 60, "temperature": 0.7 }
          },
          "input_variables": [
            { "name": "input", "description": "The product", "is_required": true },
            { "name": "tone", "description": "The tone", "default": "friendly" }
          ]
        }
        """;

    // Prompty 1: an Azure deployment, parameters.max_tokens, inputs with defaults and a sample.
    internal const string SupportPrompty = """
        ---
        name: SupportReply
        description: Answers a customer's question
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_endpoint: ${env:AZURE_OPENAI_ENDPOINT}
            azure_deployment: chat-prod
          parameters:
            max_tokens: 400
        sample:
          customer: Dana
          question: Where is my order?
        inputs:
          customer:
            type: string
            default: there
          question:
            type: string
        ---
        system:
        You are a support agent for Contoso. Answer in two sentences or fewer.

        user:
        Hi, I am {{customer}}. {{question}}
        """;

    // Prompty 2: model.id and options.maxOutputTokens, inputs as a list, a loop in the system message.
    internal const string ClassifyPrompty = """
        ---
        name: Classify
        model:
          id: gpt-4.1-mini
          provider: openai
          apiType: chat
          options:
            maxOutputTokens: 20
            temperature: 0
        inputs:
          - name: ticket
            kind: string
            example: My invoice is wrong
          - name: labels
            kind: array
        ---
        system:
        Classify the ticket into one of these labels:
        {% for label in labels %}
        - {{ label }}
        {% endfor %}
        Reply with the label only.

        user:
        {{ ticket }}
        """;

    private const string SloganPath = ProjectDirectory + "/Prompts/WriterPlugin/Slogan/skprompt.txt";
    private const string SloganConfigPath = ProjectDirectory + "/Prompts/WriterPlugin/Slogan/config.json";

    [Fact]
    public async Task PromptDirectoryIsOneCallSiteWithItsConfigsModelAndMaxOutput()
    {
        var (diagnostics, records) = await RunAsync(new[] { (SloganPath, SloganPrompt), (SloganConfigPath, SloganConfig) });

        var record = Assert.Single(records);
        Assert.Equal("SemanticKernel.PromptDirectory", record.Sdk);
        Assert.Equal("WriterPlugin.Slogan", record.Member);
        Assert.Equal("Prompts/WriterPlugin/Slogan/skprompt.txt", record.File);
        Assert.Equal(1, record.Line);
        Assert.Equal("gpt-4o-mini", record.Model);
        Assert.Equal("code", record.ModelSource);
        Assert.Equal(60, record.MaxOutputTokens);
        Assert.Equal("set", record.MaxOutputSource);
        Assert.True(record.Exact);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-slogan-static", SloganStatic)), record.InputTokens);
        Assert.Equal(new[] { "tone", "input" }, record.Segments.Select(s => s.Name));
        Assert.Equal(2, record.UnboundedSegments);
        Assert.Equal("Write one short slogan for the product below. Keep it under ten words and avoid…", record.Preview);

        var cost = Assert.Single(diagnostics, d => d.Id == "PB0001");
        Assert.Equal(SloganPath, cost.Location.GetLineSpan().Path);
        Assert.Equal(0, cost.Location.GetLineSpan().StartLinePosition.Line);
        var unbounded = Assert.Single(diagnostics, d => d.Id == "PB1007");
        Assert.Contains("'tone', 'input'", unbounded.GetMessage());
        Assert.DoesNotContain(diagnostics, d => d.Id is "PB1003" or "PB2005" or "PB1009");
    }

    [Fact]
    public async Task TemplateInputsDefaultCountsTheConfigsDefaultsAndAssumedSegmentTokensBoundTheRest()
    {
        var (diagnostics, records) = await RunAsync(
            new[] { (SloganPath, SloganPrompt), (SloganConfigPath, SloganConfig) },
            folderOptions: new Dictionary<string, IDictionary<string, string>>
            {
                [ProjectDirectory + "/Prompts"] = new Dictionary<string, string>
                {
                    ["prompt_budget.template_inputs"] = "default",
                    ["prompt_budget.assumed_segment_tokens"] = "100",
                    ["prompt_budget.feature"] = "marketing",
                },
            });

        var record = Assert.Single(records);
        Assert.Equal("marketing", record.Feature);
        Assert.Equal(new[] { "input" }, record.Segments.Select(s => s.Name));
        Assert.Equal(100, record.AssumedUnboundedTokens);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-slogan-default", SloganStatic.Replace("Tone: ", "Tone: friendly"))) + 100, record.InputTokens);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB1007");
    }

    [Fact]
    public async Task PromptyOneMapsItsDeploymentAndSplitsRoleLinesIntoMessages()
    {
        var (diagnostics, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Agents/support.prompty", SupportPrompty) },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetDeploymentModels"] = "chat-prod=gpt-4o" });

        var record = Assert.Single(records);
        Assert.Equal("Prompty", record.Sdk);
        Assert.Equal("SupportReply", record.Member);
        Assert.Equal("Agents/support.prompty", record.File);
        Assert.Equal(22, record.Line); // "system:", the first line after the front matter
        Assert.Equal("gpt-4o", record.Model);
        Assert.Equal("deployment", record.ModelSource);
        Assert.Equal(400, record.MaxOutputTokens);
        Assert.Equal(
            OpenAIInput(
                O200k("prompt-file-prompty-support-system", "You are a support agent for Contoso. Answer in two sentences or fewer."),
                O200k("prompt-file-prompty-support-user-static", "Hi, I am . ")),
            record.InputTokens);
        Assert.Equal(new[] { "customer", "question" }, record.Segments.Select(s => s.Name));
        Assert.Contains(diagnostics, d => d.Id == "PB1007");
        Assert.DoesNotContain(diagnostics, d => d.Id == "PB2005");
    }

    [Fact]
    public async Task PromptyTemplateInputsSampleCountsTheSampleValues()
    {
        var (_, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Agents/support.prompty", SupportPrompty) },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetDeploymentModels"] = "chat-prod=gpt-4o", ["PromptBudgetTemplateInputs"] = "sample" });

        var record = Assert.Single(records);
        Assert.Empty(record.Segments);
        Assert.Equal(
            OpenAIInput(
                O200k("prompt-file-prompty-support-system", "You are a support agent for Contoso. Answer in two sentences or fewer."),
                O200k("prompt-file-prompty-support-user-sample", "Hi, I am Dana. Where is my order?")),
            record.InputTokens);
    }

    [Fact]
    public async Task PromptyTwoReadsModelIdAndMaxOutputTokensAndALoopIsUnboundedWhateverTheInputs()
    {
        var (_, records) = await RunAsync(
            new[] { (ProjectDirectory + "/classify.prompty", ClassifyPrompty) },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetTemplateInputs"] = "default" });

        var record = Assert.Single(records);
        Assert.Equal("Classify", record.Member);
        Assert.Equal("gpt-4.1-mini", record.Model);
        Assert.Equal(20, record.MaxOutputTokens);
        Assert.Equal(new[] { "loop over labels", "ticket" }, record.Segments.Select(s => s.Name));
        Assert.Equal(
            OpenAIInput(O200k("prompt-file-prompty-classify-system", "Classify the ticket into one of these labels:\n\nReply with the label only."), O200k("empty", "")),
            record.InputTokens);
    }

    [Fact]
    public async Task WithoutAnSdkInTheCompilationPromptFilesAreStillCountedWithTheDefaultModel()
    {
        var (diagnostics, records) = await RunAsync(
            new[] { (SloganPath, SloganPrompt) },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetDefaultModel"] = "gpt-4o" },
            withSdk: false);

        var record = Assert.Single(records);
        Assert.Equal("gpt-4o", record.Model);
        Assert.Equal("default", record.ModelSource);
        Assert.Equal("model-maximum", record.MaxOutputSource);
        var noMax = Assert.Single(diagnostics, d => d.Id == "PB1003");
        Assert.Contains("set execution_settings.default.max_tokens in config.json", noMax.GetMessage());
        Assert.Empty(noMax.Properties);
    }

    [Fact]
    public async Task NoModelAnywhereIsReportedNamingTheFilesSettings()
    {
        var (diagnostics, records) = await RunAsync(new[] { (SloganPath, SloganPrompt) });

        Assert.Null(Assert.Single(records).Model);
        var noModel = Assert.Single(diagnostics, d => d.Id == "PB1009");
        Assert.Contains("no model in config.json", noModel.GetMessage());
    }

    [Fact]
    public async Task APromptBudgetPromptFileItemIsReadAsATemplate()
    {
        const string path = ProjectDirectory + "/Templates/slogan.txt";
        var (_, records) = await RunAsync(
            new[] { (path, SloganPrompt), (ProjectDirectory + "/Templates/notes.txt", "not a prompt") },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetDefaultModel"] = "gpt-4o-mini" },
            markedPromptFiles: new[] { path });

        var record = Assert.Single(records);
        Assert.Equal("PromptTemplate", record.Sdk);
        Assert.Equal("slogan", record.Member);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-slogan-static", SloganStatic)), record.InputTokens);
    }

    [Fact]
    public async Task AProjectWithoutPromptFilesWritesOnlyItsCodeCallSites()
    {
        var (diagnostics, records) = await RunAsync(new[] { (ProjectDirectory + "/notes.txt", "Tone: {{$tone}}") });

        Assert.Empty(records);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("config.json", "{ \"execution_settings\": { \"default\": { \"max_tokens\": 60, } } }", 1, "not valid JSON")]
    [InlineData("config.json", "{\n  \"execution_settings\": {\n    \"default\": { \"model_id\": \"gpt-4o\", \"max_tokens\": \"sixty\" }\n  }\n}", 3, "execution_settings.default.max_tokens must be a whole number of tokens, not 'sixty'")]
    [InlineData("config.json", "{ \"template_format\": \"razor\" }", 1, "unknown template_format 'razor'")]
    [InlineData("skprompt.txt", "   \n", 1, "the prompt is empty")]
    public async Task AMalformedPromptDirectoryIsReportedWithFileAndLineAndStillCounted(string file, string text, int line, string problem)
    {
        var files = new List<(string, string)> { (SloganPath, SloganPrompt), (SloganConfigPath, SloganConfig) };
        files.RemoveAll(f => f.Item1.EndsWith("/" + file, System.StringComparison.Ordinal));
        files.Add((ProjectDirectory + "/Prompts/WriterPlugin/Slogan/" + file, text));

        var (diagnostics, records) = await RunAsync(files, buildProperties: new Dictionary<string, string> { ["PromptBudgetDefaultModel"] = "gpt-4o" });

        Assert.Single(records);
        var warning = Assert.Single(diagnostics, d => d.Id == "PB2005");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(ProjectDirectory + "/Prompts/WriterPlugin/Slogan/" + file, warning.Location.GetLineSpan().Path);
        Assert.Equal(line - 1, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(file + "', line " + line + ": ", warning.GetMessage());
        Assert.Contains(problem, warning.GetMessage());
    }

    [Theory]
    [InlineData("---\nname: x\nmodel: gpt-4o\nuser:\nHello\n", 1, "never closed with a '---' line")]
    [InlineData("---\nmodel:\n  id: gpt-4o\n  options:\n    maxOutputTokens: lots\n---\nuser:\nHello\n", 5, "model.options.maxOutputTokens must be a whole number of tokens, not 'lots'")]
    [InlineData("---\nmodel:\n  id: gpt-4o\n\tapi: chat\n---\nuser:\nHello\n", 4, "tab")]
    [InlineData("---\nmodel: &m gpt-4o\n---\nuser:\nHello\n", 2, "anchors")]
    [InlineData("---\nmodel: gpt-4o\n---\nsystem:\nList:\n{% for x in items %}\n- {{ x }}\n", 6, "'{% for x in items %}' is never closed")]
    [InlineData("---\nmodel: gpt-4o\n---\nuser:\nHello {{ name\n", 5, "is not closed with '}}'")]
    [InlineData("---\nmodel: gpt-4o\n---\nuser:\nHello\n{% endif %}\n", 6, "closes a block that was not opened")]
    [InlineData("---\nmodel: gpt-4o\n---\n\n", 4, "no text after the front matter")]
    public async Task AMalformedPromptyFileIsReportedWithFileAndLineAndStillCounted(string text, int line, string problem)
    {
        const string path = ProjectDirectory + "/bad.prompty";
        var (diagnostics, records) = await RunAsync(new[] { (path, text) }, buildProperties: new Dictionary<string, string> { ["PromptBudgetDefaultModel"] = "gpt-4o" });

        Assert.Single(records);
        var warning = Assert.Single(diagnostics, d => d.Id == "PB2005");
        Assert.Equal(path, warning.Location.GetLineSpan().Path);
        Assert.Equal(line - 1, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("bad.prompty', line " + line + ": ", warning.GetMessage());
        Assert.Contains(problem, warning.GetMessage());
    }
}
