using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Json;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

/// <summary>
/// Tool definitions: the OpenAI cookbook's function-definition formula against the counts the fixture generator
/// computed on js-tiktoken (Fixtures/tool-counts.json), and Anthropic's documented hidden tool-use prompt.
/// </summary>
public class ToolDefinitionTokensTests
{
    private static readonly JsonValue Fixtures = JsonReader.Parse(File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "tool-counts.json")));
    private readonly CostEstimator _estimator = new(PriceTable.Default);

    public static IEnumerable<object[]> Cases() =>
        Fixtures.Get("cases")!.Items.Select(c => new object[] { c.GetString("name")!, c.GetString("model")! });

    private static PromptShape ShapeOf(JsonValue c) =>
        new(c.GetString("model")!, c.Get("messages")!.Items
            .Select(m => new PromptMessage(m.GetString("role") == "system" ? MessageRole.System : MessageRole.User, m.GetString("content")!))
            .ToList())
        {
            Tools = c.Get("tools")!.Items.Select(t => t.Get("function")!)
                .Select(f => new ToolDefinition(f.GetString("name")!, f.GetString("description") ?? "", ToolDefinitionTokens.Compact(f.Get("parameters")!)))
                .ToList(),
            MaxOutputTokens = 1,
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheCookbookFormulaOnJsTiktoken(string name, string model)
    {
        var c = Fixtures.Get("cases")!.Items.Single(x => x.GetString("name") == name && x.GetString("model") == model);

        var e = _estimator.Estimate(ShapeOf(c));

        Assert.Equal(long.Parse(c.Get("toolTokens")!.Text!), e.ToolTokens);
        Assert.Equal(long.Parse(c.Get("promptTokens")!.Text!), e.InputTokens);
        Assert.False(e.Exact);
    }

    [Theory]
    [InlineData("gpt-4o", 101)]
    [InlineData("gpt-4o-mini", 101)]
    [InlineData("gpt-3.5-turbo", 105)]
    [InlineData("gpt-4", 105)]
    public void TheCookbookWorkedExampleGivesThePromptTokensTheApiReported(string model, long apiPromptTokens)
    {
        // OpenAI cookbook "How to count tokens with tiktoken", section 7: the weather tool with two messages.
        var shape = new PromptShape(model, new[]
        {
            new PromptMessage(MessageRole.System, "You are a helpful assistant that can answer to questions about the weather."),
            new PromptMessage(MessageRole.User, "What's the weather like in San Francisco?"),
        })
        {
            Tools = new[]
            {
                new ToolDefinition("get_current_weather", "Get the current weather in a given location", """
                    {
                      "type": "object",
                      "properties": {
                        "location": { "type": "string", "description": "The city and state, e.g. San Francisco, CA" },
                        "unit": { "type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"] }
                      },
                      "required": ["location"]
                    }
                    """),
            },
        };

        Assert.Equal(apiPromptTokens, _estimator.Estimate(shape).InputTokens);
    }

    [Fact]
    public void AToolListThatCannotBeFollowedIsAnUnboundedSegmentNeverZero()
    {
        var shape = new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "Hi") })
        {
            Tools = new[] { ToolDefinition.Unknown(new DynamicSegment("LoadTools()")) },
        };

        var e = _estimator.Estimate(shape);

        Assert.Equal(1, e.UnboundedSegments);
        Assert.Equal(0, e.ToolTokens);

        var bounded = new PromptShape("gpt-4o", shape.Messages) { Tools = new[] { ToolDefinition.Unknown(new DynamicSegment("LoadTools()", 800)) } };
        Assert.Equal(800, _estimator.Estimate(bounded).BoundedDynamicTokens);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", ToolChoiceMode.Unspecified, 346)]
    [InlineData("claude-sonnet-4-5", ToolChoiceMode.Auto, 346)]
    [InlineData("claude-opus-4-1", ToolChoiceMode.None, 346)]
    [InlineData("claude-haiku-4-5", ToolChoiceMode.Any, 313)]
    [InlineData("claude-sonnet-4-5", ToolChoiceMode.Tool, 313)]
    [InlineData("claude-sonnet-4-5", ToolChoiceMode.NotKnown, 346)]
    [InlineData("claude-3-7-sonnet-20250219", ToolChoiceMode.Auto, 346)]
    [InlineData("claude-3-5-haiku-20241022", ToolChoiceMode.Auto, 264)]
    [InlineData("claude-3-5-haiku-20241022", ToolChoiceMode.Any, 340)]
    [InlineData("claude-3-opus-20240229", ToolChoiceMode.Auto, 530)]
    [InlineData("claude-3-opus-20240229", ToolChoiceMode.Tool, 281)]
    [InlineData("anthropic/claude-3-haiku-20240307", ToolChoiceMode.NotKnown, 340)]
    public void AnthropicsHiddenToolUseSystemPromptByModelAndChoice(string model, ToolChoiceMode choice, long tokens) =>
        Assert.Equal(tokens, ToolDefinitionTokens.AnthropicToolUseSystemPromptTokens(model, choice));

    [Fact]
    public void ClaudeToolsAreTheHiddenPromptPlusEachDefinitionsJsonInTheClaudeCount()
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]}""";
        var shape = new PromptShape("claude-sonnet-4-5", new[] { new PromptMessage(MessageRole.User, "Weather?") })
        {
            Tools = new[] { new ToolDefinition("get_weather", "Gets the weather.", schema) },
            ToolChoice = ToolChoiceMode.Any,
        };

        var e = _estimator.Estimate(shape);

        const string json = """{"name":"get_weather","description":"Gets the weather.","input_schema":{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]}}""";
        var definition = (long)System.Math.Round(TokenizerRegistry.Count(json, TokenEncoding.Claude) * 1.1m, System.MidpointRounding.AwayFromZero);
        Assert.Equal(313 + definition, e.ToolTokens);
        Assert.False(e.Exact);
        Assert.Contains(e.Assumptions, a => a.Contains("hidden tool-use system prompt"));
    }

    [Fact]
    public void AnInvalidSchemaIsCountedAsItsText()
    {
        var shape = new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "Hi") })
        {
            Tools = new[] { new ToolDefinition("f", "", "{ not json") },
        };

        var expected = 7 + TokenizerRegistry.Count("f:", TokenEncoding.O200kBase) + TokenizerRegistry.Count("{ not json", TokenEncoding.O200kBase) + 12;
        Assert.Equal(expected, _estimator.Estimate(shape).ToolTokens);
    }
}
