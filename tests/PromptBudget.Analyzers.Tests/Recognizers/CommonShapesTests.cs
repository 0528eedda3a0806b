using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// The shapes most applications write, against the real SDKs: clients from a factory, pipelines,
/// injected clients with the model in the options, Azure clients held as OpenAIClient, chat histories.
/// Each must give the model, the exact count of its messages and the max output.
/// </summary>
public class CommonShapesTests
{
    [Theory]
    [InlineData("""
        using OpenAI; using OpenAI.Chat; using System.Threading.Tasks;
        class Bot { async Task Ask() { var openAI = new OpenAIClient("key"); ChatClient chat = openAI.GetChatClient("gpt-4o");
          await foreach (var u in chat.CompleteChatStreamingAsync(new ChatMessage[] { ChatMessage.CreateSystemMessage("Be brief."), ChatMessage.CreateUserMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 50 })) { } } }
        """, "gpt-4o")]
    [InlineData("""
        using Microsoft.Extensions.AI; using OpenAI; using System.Collections.Generic; using System.Threading.Tasks;
        class Bot { async Task Ask() { IChatClient client = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
          List<ChatMessage> messages = new() { new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi") };
          await client.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 50 }); } }
        """, "gpt-4o")]
    [InlineData("""
        using Microsoft.Extensions.AI; using OpenAI; using System.Threading.Tasks;
        class Bot { async Task Ask() { IChatClient client = new ChatClientBuilder(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient()).UseFunctionInvocation().Build();
          await client.GetResponseAsync(new ChatMessage[] { new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi") }, new ChatOptions { MaxOutputTokens = 50 }); } }
        """, "gpt-4o")]
    [InlineData("""
        using Microsoft.Extensions.AI; using OpenAI; using System.Threading.Tasks;
        class Bot { private readonly IChatClient _client;
          Bot() { var inner = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient(); _client = inner.AsBuilder().UseFunctionInvocation().Build(); }
          async Task Ask() => await _client.GetResponseAsync(new ChatMessage[] { new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi") }, new ChatOptions { MaxOutputTokens = 50 }); }
        """, "gpt-4o-mini")]
    [InlineData("""
        using Microsoft.Extensions.AI; using System.Threading.Tasks;
        class Bot { private readonly IChatClient _chat; public Bot(IChatClient chat) => _chat = chat;
          async Task Ask() => await _chat.GetResponseAsync(new ChatMessage[] { new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi") }, new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 50 }); }
        """, "gpt-4o")]
    [InlineData("""
        using System; using System.ClientModel; using Azure.AI.OpenAI; using OpenAI; using OpenAI.Chat;
        class Bot { void Ask() { OpenAIClient client = new AzureOpenAIClient(new Uri("https://x.openai.azure.com"), new ApiKeyCredential("k"));
          client.GetChatClient("gpt-4o-mini").CompleteChat(new ChatMessage[] { new SystemChatMessage("Be brief."), new UserChatMessage("Hi") }, new ChatCompletionOptions { MaxOutputTokenCount = 50 }); } }
        """, "gpt-4o-mini")]
    [InlineData("""
        using Microsoft.SemanticKernel; using Microsoft.SemanticKernel.ChatCompletion; using Microsoft.SemanticKernel.Connectors.OpenAI; using System.Threading.Tasks;
        class Bot { async Task Ask(Kernel kernel) { var chat = kernel.GetRequiredService<IChatCompletionService>(); var history = new ChatHistory("Be brief."); history.AddUserMessage("Hi");
          await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { ModelId = "gpt-4o", MaxTokens = 50 }); } }
        """, "gpt-4o")]
    public async Task TheModelTheMessagesAndTheMaxOutputAreFound(string source, string model)
    {
        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(model, site.Model);
        Assert.True(site.Exact);
        Assert.Equal(Expected.OpenAIInputTokens("Be brief.", "Hi"), site.InputTokens);
        Assert.Equal(50, site.MaxOutputTokens);
        Assert.Equal(0, site.UnboundedSegments);
    }
}
