using System.Collections.Generic;
using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Json;
using PromptBudget.Core.PromptFiles;
using Xunit;

namespace PromptBudget.Core.Tests.PromptFiles;

/// <summary>The YAML subset of front matter, the template languages, and the two prompt-file formats.</summary>
public class PromptFileReadingTests
{
    [Fact]
    public void YamlReadsMappingsSequencesScalarsBlockScalarsFlowCollectionsAndComments()
    {
        var root = YamlSubsetReader.Parse("""
            name: "Quoted: value" # a comment
            count: 42
            ratio: -0.5
            on: true
            nothing: ~
            url: https://example.com/a#b
            tags: [a, 'b c', {k: 1}]
            model:
              id: gpt-4o
              options: { maxOutputTokens: 100 }
            inputs:
              - name: first
                default: Jane
              - name: second
            items:
            - one
            - two
            literal: |
              line one
                indented
              line three
            folded: >-
              one
              two
            single: 'it''s'
            """);

        Assert.Equal("Quoted: value", root.GetString("name"));
        Assert.Equal(JsonKind.Number, root.Get("count")!.Kind);
        Assert.Equal("-0.5", root.Get("ratio")!.Text);
        Assert.True(root.Get("on")!.Boolean);
        Assert.Equal(JsonKind.Null, root.Get("nothing")!.Kind);
        Assert.Equal("https://example.com/a#b", root.GetString("url"));
        Assert.Equal(new[] { "a", "b c" }, root.Get("tags")!.Items.Take(2).Select(i => i.Text));
        Assert.Equal("1", root.Get("tags")!.Items[2].Get("k")!.Text);
        Assert.Equal("gpt-4o", root.Get("model")!.GetString("id"));
        Assert.Equal("100", root.Get("model")!.Get("options")!.Get("maxOutputTokens")!.Text);
        Assert.Equal(new[] { "first", "second" }, root.Get("inputs")!.Items.Select(i => i.GetString("name")));
        Assert.Equal("Jane", root.Get("inputs")!.Items[0].GetString("default"));
        Assert.Equal(new[] { "one", "two" }, root.Get("items")!.Items.Select(i => i.Text));
        Assert.Equal("line one\n  indented\nline three\n", root.GetString("literal"));
        Assert.Equal("one two", root.GetString("folded"));
        Assert.Equal("it's", root.GetString("single"));
        Assert.Equal(9, root.Get("model")!.Get("id")!.Line);
    }

    [Theory]
    [InlineData("a: 1\n  b: 2\n", 2, "unexpected indentation")]
    [InlineData("a: [1, 2\n", 1, "expected ',' or ']'")]
    [InlineData("a: \"open\n", 1, "not closed")]
    [InlineData("just text\n", 1, "expected 'key: value'")]
    [InlineData("a: 1\n---\nb: 2\n", 2, "more than one YAML document")]
    [InlineData("a: *alias\n", 1, "anchors, aliases and tags")]
    public void YamlOutsideTheSubsetIsReportedWithItsLine(string text, int line, string problem)
    {
        var ex = Assert.Throws<YamlParseException>(() => YamlSubsetReader.Parse(text, firstLine: 1));

        Assert.Equal(line, ex.Line);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void SemanticKernelTemplateHasVariablesCallsAndQuotedText()
    {
        var parts = Parse("Hi {{$name}}, today is {{time.today}}.{{'!'}} {{ $topic }}", TemplateSyntax.SemanticKernel);

        Assert.Equal("Hi |$name|, today is |()time.today|.! |$topic", Describe(parts));
    }

    [Fact]
    public void HandlebarsTemplateHasVariablesLoopsConditionalsCommentsAndMessages()
    {
        var parts = Parse("""
            {{!-- a comment --}}{{#message role="system"}}Be brief.{{#if formal}} Be formal.{{else}} Be casual.{{/if}}{{/message}}
            {{#each history}}{{#message role=Role}}{{~Content~}}{{/message}}{{/each}}
            {{#message role="user"}}{{{question}}} {{json context}}{{/message}}
            """, TemplateSyntax.Handlebars);

        Assert.Equal("<system>|Be brief. Be formal. Be casual.|</>|\n|*history|\n|<user>|$question| |()json|</>", Describe(parts));
    }

    [Fact]
    public void LiquidTemplateHasFilteredVariablesLoopsRawTextCommentsAndWhitespaceControl()
    {
        var parts = Parse("Hello {{ user.name | upcase }}!{# note #}\n{%- if vip -%}\n  VIP\n{%- endif %}\n{% raw %}{{ literal }}{% endraw %}{% for x in items %}- {{ x }}\n{% endfor %}{% comment %}hidden{% endcomment %}end", TemplateSyntax.Liquid);

        Assert.Equal("Hello |$user.name|!VIP\n{{ literal }}|*items|end", Describe(parts));
    }

    [Fact]
    public void SemanticKernelMessageTagsSplitTheRenderedPromptIntoMessages()
    {
        var definition = SemanticKernelPromptDirectory.Read("/p/Chat/Answer/skprompt.txt", "<message role=\"system\">You answer.</message>\n<message role=\"user\">{{$question}}</message>\n", null, null);

        Assert.Equal("Chat.Answer", definition.Name);
        Assert.Equal(new[] { MessageRole.System, MessageRole.User }, definition.Messages.Select(m => m.Role));
        Assert.Equal("You answer.", definition.Messages[0].Parts.Single().Text);
        Assert.Equal("question", definition.Messages[1].Parts.Single().Name);
        Assert.Empty(definition.Problems);
    }

    [Fact]
    public void PromptDirectoryConfigChoosesTheDefaultServiceThenTheFirst()
    {
        var config = """
            {
              "template_format": "handlebars",
              "execution_settings": {
                "cheap": { "model_id": "gpt-4o-mini", "max_tokens": 10 },
                "default": { "model_id": "gpt-4o", "max_completion_tokens": 300 }
              },
              "input_variables": [ { "name": "x", "default": 3 } ]
            }
            """;

        var definition = SemanticKernelPromptDirectory.Read("/p/P/F/skprompt.txt", "Say {{x}}", "/p/P/F/config.json", config);

        Assert.Equal("gpt-4o", definition.Model);
        Assert.Equal(300, definition.MaxOutputTokens);
        Assert.Equal("execution_settings.default.max_completion_tokens in config.json", definition.MaxOutputSetting);
        Assert.Equal("3", definition.Inputs["x"].Default);
        Assert.Equal("x", definition.Messages.Single().Parts[1].Name);
    }

    [Fact]
    public void PromptyRoleLinesAndModelShapes()
    {
        var definition = PromptyFile.Read("/p/chat.prompty", "---\nmodel:\n  configuration:\n    type: openai\n    name: gpt-4o\n  parameters:\n    max_tokens: 50\ntemplate: mustache\n---\nsystem:\nBe kind.\n\nuser:\n{{question}}\n\nassistant:\nSure.\n# user:\nThanks {{name}}\n");

        Assert.Equal("gpt-4o", definition.Model);
        Assert.False(definition.ModelIsDeployment);
        Assert.Equal(50, definition.MaxOutputTokens);
        Assert.Equal(new[] { MessageRole.System, MessageRole.User, MessageRole.Assistant, MessageRole.User }, definition.Messages.Select(m => m.Role));
        Assert.Equal("Be kind.", definition.Messages[0].Parts.Single().Text);
        Assert.Equal("Sure.", definition.Messages[2].Parts.Single().Text);
        Assert.Equal(10, definition.BodyLine);
        Assert.Empty(definition.Problems);
    }

    [Fact]
    public void PromptyModelFromTheEnvironmentIsNotAName()
    {
        var definition = PromptyFile.Read("/p/x.prompty", "---\nmodel:\n  configuration:\n    azure_deployment: ${env:DEPLOYMENT}\n---\nuser:\nHi\n");

        Assert.Null(definition.Model);
        Assert.Equal("${env:DEPLOYMENT}", definition.ModelExpression);
    }

    private static List<TemplatePart> Parse(string text, TemplateSyntax syntax)
    {
        var problems = new List<TemplateProblem>();
        var parts = TemplateParser.Parse(text, syntax, problems);
        Assert.Empty(problems.Select(p => p.Line + ": " + p.Message));
        return parts;
    }

    private static string Describe(IEnumerable<TemplatePart> parts) => string.Join("|", parts.Select(p => p.Kind switch
    {
        TemplatePartKind.Text => p.Text,
        TemplatePartKind.Variable => "$" + p.Name,
        TemplatePartKind.Call => "()" + p.Name,
        TemplatePartKind.Loop => "*" + p.Name,
        TemplatePartKind.MessageStart => "<" + p.Role + ">",
        _ => "</>",
    }));
}
