using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.PromptFiles;
using PromptBudget.Tests.Shared;
using Xunit;
using static PromptBudget.Tests.Shared.SemanticKernelYamlSamples;

namespace PromptBudget.Core.Tests.PromptFiles;

/// <summary>
/// Semantic Kernel YAML prompt templates (KernelFunctionYaml.FromPromptYaml), shaped on Semantic Kernel's own:
/// dotnet/samples/Concepts/Resources/GenerateStory.yaml, dotnet/src/IntegrationTests/prompts/GenerateStoryHandlebars.yaml,
/// HandlebarsPrompt.yaml (ContosoChatPrompt) and MoviePluginYaml/TopMovies.yaml.
/// </summary>
public class SemanticKernelYamlTemplateTests
{
    [Fact]
    public void GenerateStoryIsOneUserMessageWithTwoHolesAndNoModel()
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/Resources/GenerateStory.yaml", GenerateStory);

        Assert.Empty(definition.Problems);
        Assert.Equal(PromptFileKinds.SemanticKernelYaml, definition.Kind);
        Assert.Equal("GenerateStory", definition.Name);
        Assert.Equal("semantic-kernel", definition.TemplateFormat);
        Assert.Null(definition.Model);
        Assert.Null(definition.MaxOutputTokens);
        Assert.Equal("execution_settings.default.max_tokens", definition.MaxOutputSetting);
        Assert.Equal(3, definition.BodyLine);
        Assert.Equal(new[] { "topic", "length" }, definition.Inputs.Keys);
        var message = Assert.Single(definition.Messages);
        Assert.Equal(MessageRole.User, message.Role);
        Assert.Equal(new[] { "topic", "length" }, message.Parts.Where(p => p.Kind == TemplatePartKind.Variable).Select(p => p.Name));
        Assert.Equal(GenerateStoryStatic, string.Concat(message.Parts.Where(p => p.Kind == TemplatePartKind.Text).Select(p => p.Text)));
    }

    [Fact]
    public void HandlebarsStoryUsesTheDefaultServiceWhichNamesNoModel()
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/prompts/GenerateStoryHandlebars.yaml", GenerateStoryHandlebars);

        Assert.Empty(definition.Problems);
        Assert.Equal("handlebars", definition.TemplateFormat);
        Assert.Null(definition.Model);
        var message = Assert.Single(definition.Messages);
        Assert.Equal(new[] { "topic", "length", "topic" }, message.Parts.Where(p => p.Kind == TemplatePartKind.Variable).Select(p => p.Name));
        Assert.Equal(GenerateStoryHandlebarsStatic, string.Concat(message.Parts.Where(p => p.Kind == TemplatePartKind.Text).Select(p => p.Text)));
    }

    [Fact]
    public void ContosoChatHasASystemMessageAndTheHistoryLoopWithTheSettingsModel()
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/Prompts/contoso.prompt.yaml", ContosoChat);

        Assert.Empty(definition.Problems);
        Assert.Equal("ContosoChatPrompt", definition.Name);
        Assert.Equal("gpt-4o", definition.Model);
        Assert.Equal(800, definition.MaxOutputTokens);
        Assert.Equal(new[] { MessageRole.System, MessageRole.User }, definition.Messages.Select(m => m.Role));
        var system = definition.Messages[0].Parts;
        Assert.Equal(new[] { "customer.firstName", "customer.membership" }, system.Where(p => p.Kind == TemplatePartKind.Variable).Select(p => p.Name));
        Assert.Equal(ContosoChatSystemStatic, string.Concat(system.Where(p => p.Kind == TemplatePartKind.Text).Select(p => p.Text)));

        // The history renders messages of its own: one loop, body included, between two line ends.
        Assert.Equal(new[] { "\n", "history", "\n" }, definition.Messages[1].Parts.Select(p => p.Kind == TemplatePartKind.Loop ? p.Name : p.Text));
        Assert.Equal(TemplatePartKind.Loop, definition.Messages[1].Parts[1].Kind);
    }

    [Fact]
    public void CoreSchemaTagsAreReadAsTheirTypes()
    {
        var root = YamlSubsetReader.Parse("a: !!bool true\nb: !!str 42\nc: !!int 7\nd: !!null null\n");

        Assert.True(root.Get("a")!.Boolean);
        Assert.Equal(PromptBudget.Core.Json.JsonKind.String, root.Get("b")!.Kind);
        Assert.Equal("42", root.Get("b")!.Text);
        Assert.Equal("7", root.Get("c")!.Text);
        Assert.Equal(PromptBudget.Core.Json.JsonKind.Null, root.Get("d")!.Kind);
        Assert.Throws<YamlParseException>(() => YamlSubsetReader.Parse("a: !!bool maybe\n"));
        Assert.Throws<YamlParseException>(() => YamlSubsetReader.Parse("a: !custom x\n"));
    }

    [Fact]
    public void LiquidTemplateAndInlineTemplateLines()
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/x.yaml", "name: Greet\ntemplate_format: liquid\ntemplate: \"Hello {{ name }}!\"\ninput_variables:\n  - name: name\n    default: Ada\n");

        Assert.Empty(definition.Problems);
        Assert.Equal("liquid", definition.TemplateFormat);
        Assert.Equal(3, definition.BodyLine);
        Assert.Equal("Ada", definition.Inputs["name"].Default);
        Assert.Equal(new[] { "Hello ", "name", "!" }, definition.Messages.Single().Parts.Select(p => p.Kind == TemplatePartKind.Text ? p.Text : p.Name));
    }

    [Theory]
    [InlineData("name: X\ntemplate: |\n  Hi\n\tthere\n", 4, "tab")]
    [InlineData("name: X\ntemplate_format: handlebars\ntemplate: |\n  List:\n  {{#each items}}\n  - {{this}}\n", 5, "never closed")]
    [InlineData("name: X\ndescription: no template here\n", 1, "no 'template:' key")]
    [InlineData("name: X\ntemplate: [a, b]\n", 2, "'template' must be text")]
    [InlineData("name: X\ntemplate_format: razor\ntemplate: Hi\n", 2, "unknown template_format 'razor'")]
    [InlineData("name: X\ntemplate: Hi\nexecution_settings:\n  default:\n    max_tokens: lots\n", 5, "execution_settings.default.max_tokens must be a whole number of tokens, not 'lots'")]
    public void AMalformedYamlTemplateNamesItsLine(string text, int line, string problem)
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/bad.prompt.yaml", text);

        var found = Assert.Single(definition.Problems);
        Assert.Equal("/p/bad.prompt.yaml", found.File);
        Assert.Equal(line, found.Line);
        Assert.Contains(problem, found.Message);
        Assert.NotEmpty(definition.Messages);
    }

    [Fact]
    public void AnUnreadableTemplateIsOneUnboundedPartNotNothing()
    {
        var definition = SemanticKernelYamlTemplate.Read("/p/bad.prompt.yaml", "name: Broken\ntemplate: \"open\n");

        var part = definition.Messages.Single().Parts.Single();
        Assert.Equal(TemplatePartKind.Call, part.Kind);
        Assert.Equal("unreadable template of bad", part.Name); // the name: key was not read: the file's name stands in
    }
}
