using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>Every message a conversation sends is counted or, when it cannot be read, a dynamic segment: none vanishes.</summary>
public class ConversationHistoryTests
{
    [Fact]
    public async Task AChatHistoryCollectionInitializerIsRead()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                async Task Run(IChatCompletionService chat)
                {
                    var history = new ChatHistory
                    {
                        new ChatMessageContent(AuthorRole.System, "You are terse."),
                        new ChatMessageContent(AuthorRole.User, "Where is my order?"),
                    };
                    await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", MaxTokens = 10 });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(Expected.OpenAIInputTokens("You are terse.", "Where is my order?"), site.InputTokens);
        Assert.Equal(0, site.UnboundedSegments);
    }

    [Fact]
    public async Task AReplyAddedToAChatHistoryIsADynamicSegment()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class Bot
            {
                async Task Run(IChatCompletionService chat)
                {
                    var settings = new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", MaxTokens = 10 };
                    var history = new ChatHistory("You are terse.");
                    history.AddUserMessage("Where is my order?");
                    var reply = await chat.GetChatMessageContentAsync(history, settings);
                    history.Add(reply);
                    history.AddUserMessage("And the invoice?");
                    await chat.GetChatMessageContentAsync(history, settings);
                }
            }
            """;

        var (diagnostics, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(source), System.Array.Empty<(string, string)>());

        var second = payload!.Records.OrderBy(r => r.Line).Last();
        Assert.Equal("reply", Assert.Single(second.Segments).Name);
        Assert.Equal(Expected.OpenAIInputTokens("You are terse.", "Where is my order?", "", "And the invoice?"), second.InputTokens);
        Assert.Contains(diagnostics, d => d.Id == "PB1007" && d.GetMessage().Contains("'reply'"));
    }

    [Fact]
    public async Task EarlierTurnsAddedWithAddMessagesAreADynamicSegment()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Bot
            {
                async Task Run(IChatClient chat)
                {
                    var options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 10 };
                    var messages = new List<ChatMessage> { new(ChatRole.User, "Where is my order?") };
                    var response = await chat.GetResponseAsync(messages, options);
                    messages.AddMessages(response);
                    messages.Add(new ChatMessage(ChatRole.User, "And the invoice?"));
                    await chat.GetResponseAsync(messages, options);
                }
            }
            """;

        var (_, payload) = await AnalyzerRun.WithPayloadAsync(await AnalyzerRun.CompileAsync(source), System.Array.Empty<(string, string)>());

        var second = payload!.Records.OrderBy(r => r.Line).Last();
        Assert.Equal("response", Assert.Single(second.Segments).Name);
        Assert.Equal(1, second.UnboundedSegments);
    }
}
