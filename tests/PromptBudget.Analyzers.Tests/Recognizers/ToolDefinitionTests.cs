using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>Tool definitions declared in code, against the real SDKs (OpenAI 2.15, Microsoft.Extensions.AI 10.11, Anthropic 13.12).</summary>
public class ToolDefinitionTests
{
    [Theory]
    [InlineData("gpt-4o", 101, 68)]
    [InlineData("gpt-4o-mini", 101, 68)]
    [InlineData("gpt-4", 105, 71)]
    [InlineData("gpt-3.5-turbo", 105, 71)]
    public async Task OpenAIToolsInTheOptionsInitializerGiveTheCookbooksWorkedExample(string model, long promptTokens, long toolTokens)
    {
        var source = """""
            using System;
            using OpenAI.Chat;

            class Bot
            {
                const string Schema = """"
                    {
                      "type": "object",
                      "properties": {
                        "location": { "type": "string", "description": "The city and state, e.g. San Francisco, CA" },
                        "unit": { "type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"] }
                      },
                      "required": ["location"]
                    }
                    """";

                void Ask()
                {
                    var client = new ChatClient("MODEL", "key");
                    var options = new ChatCompletionOptions
                    {
                        MaxOutputTokenCount = 100,
                        Tools = { ChatTool.CreateFunctionTool("get_current_weather", "Get the current weather in a given location", BinaryData.FromString(Schema)) },
                    };
                    client.{|#0:CompleteChat|}(
                        new ChatMessage[]
                        {
                            new SystemChatMessage("You are a helpful assistant that can answer to questions about the weather."),
                            new UserChatMessage("What's the weather like in San Francisco?"),
                        },
                        options);
                }
            }
            """"".Replace("MODEL", model);

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(promptTokens, site.InputTokens);
        Assert.Equal(toolTokens, site.ToolTokens);
        Assert.False(site.Exact);
        Assert.Contains("OpenAI cookbook function-definition formula", site.Assumptions);
    }

    [Fact]
    public async Task OpenAIToolsAddedLaterFromUtf8BytesAndAnonymousObjectsAreCounted()
    {
        const string source = """""
            using System;
            using OpenAI.Chat;

            class Bot
            {
                void Ask()
                {
                    var client = new ChatClient("gpt-4o", "key");
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                    options.Tools.Add(ChatTool.CreateFunctionTool("get_current_weather", "Get the current weather in a given location",
                        BinaryData.FromBytes(""""
                            {"type":"object","properties":{"location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},"unit":{"type":"string","description":"The unit of temperature to return","enum":["celsius","fahrenheit"]}},"required":["location"]}
                            """"u8.ToArray())));
                    options.Tools.Add(ChatTool.CreateFunctionTool("list_orders", "Lists the customer's open orders.",
                        BinaryData.FromObjectAsJson(new { type = "object", properties = new { } })));
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, options);
                }
            }
            """"";

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        // The weather tool as in the cookbook (68 with the end-of-list 12), plus the second function: 7 + its line, no properties.
        var second = 7 + TokenizerRegistry.Count("list_orders:Lists the customer's open orders", TokenEncoding.O200kBase);
        Assert.Equal(68 + second, site.ToolTokens);
        Assert.Equal(Expected.OpenAIInputTokens("Hi") + 68 + second, site.InputTokens);
    }

    [Fact]
    public async Task AToolThatCannotBeFollowedIsAnUnboundedSegment()
    {
        const string source = """
            using OpenAI.Chat;

            class Bot
            {
                ChatTool LoadTool() => null!;

                void Ask()
                {
                    var client = new ChatClient("gpt-4o", "key");
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                    options.Tools.Add(LoadTool());
                    client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("Hi") }, options);
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(1, site.UnboundedSegments);
        Assert.Contains(site.Segments, s => s.Name == "tools: LoadTool()" && s.BoundTokens is null);
        Assert.Contains(site.Violations, v => v.Kind == "unbounded-segment");
    }

    [Fact]
    public async Task ExtensionsAIFunctionsGetTheSchemaTheFactoryWouldWriteFromTheMethod()
    {
        const string source = """
            using System.ComponentModel;
            using System.Threading;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            enum Unit { Celsius, Fahrenheit }

            class Bot
            {
                [Description("Gets the weather for a city.")]
                static string GetWeather([Description("The city name")] string city, Unit unit = Unit.Celsius, CancellationToken cancellationToken = default) => "";

                async System.Threading.Tasks.Task Ask()
                {
                    IChatClient client = new ChatClient("gpt-4o", "key").AsIChatClient();
                    var options = new ChatOptions
                    {
                        MaxOutputTokens = 100,
                        Tools = [AIFunctionFactory.Create(GetWeather), AIFunctionFactory.Create((int days) => "", "forecast", "Forecast for some days")],
                    };
                    await client.{|#0:GetResponseAsync|}("Weather in Paris?", options);
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        // The schemas written out by hand as AIFunctionFactory would make them (description first, enums as strings).
        var tools = new[]
        {
            new ToolDefinition("GetWeather", "Gets the weather for a city.",
                """{"type":"object","properties":{"city":{"description":"The city name","type":"string"},"unit":{"type":"string","enum":["Celsius","Fahrenheit"]}},"required":["city"]}"""),
            new ToolDefinition("forecast", "Forecast for some days", """{"type":"object","properties":{"days":{"type":"integer"}},"required":["days"]}"""),
        };
        var expected = ToolDefinitionTokens.Count(tools, ToolChoiceMode.Unspecified, TokenizerProfile.OpenAIO200k, "gpt-4o", t => TokenizerRegistry.Count(t, TokenEncoding.O200kBase));
        Assert.Equal(expected, site.ToolTokens);
        Assert.Equal(Expected.OpenAIInputTokens("Weather in Paris?") + expected, site.InputTokens);
    }

    [Fact]
    public async Task AnthropicToolsAddTheHiddenToolPromptForTheirChoiceAndTheirDefinitions()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Text.Json;
            using Anthropic;
            using Anthropic.Models.Messages;

            class Bot
            {
                void Ask(AnthropicClient client)
                {
                    client.Messages.{|#0:Create|}(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 500,
                        Messages = [new UserMessageParam("Weather in Paris?")],
                        Tools =
                        [
                            new Tool
                            {
                                Name = "get_weather",
                                Description = "Gets the weather.",
                                InputSchema = new InputSchema
                                {
                                    Properties = new Dictionary<string, JsonElement>
                                    {
                                        ["city"] = JsonSerializer.SerializeToElement(new { type = "string", description = "City name" }),
                                    },
                                    Required = ["city"],
                                },
                            },
                        ],
                        ToolChoice = new ToolChoiceAny(),
                    });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        const string json = """{"name":"get_weather","description":"Gets the weather.","input_schema":{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]}}""";
        var definition = (long)System.Math.Round(TokenizerRegistry.Count(json, TokenEncoding.Claude) * 1.1m, System.MidpointRounding.AwayFromZero);
        Assert.Equal(313 + definition, site.ToolTokens);
        Assert.Equal(Expected.ClaudeInputTokens("Weather in Paris?") + 313 + definition, site.InputTokens);
        // The margin covers the tools too (their text is counted with the same estimate).
        Assert.Equal(Expected.UpperBound(site.InputTokens, 0.025m), site.InputTokensUpperBound);
        Assert.Contains("hidden tool-use system prompt", site.Assumptions);
    }
}
