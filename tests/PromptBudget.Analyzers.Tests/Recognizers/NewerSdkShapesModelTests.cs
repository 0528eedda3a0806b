using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>The model of newer OpenAI Responses and Microsoft.Extensions.AI shapes.</summary>
public class NewerSdkShapesModelTests
{
    // Real OpenAI 2.15: CreateResponseOptions(model, inputItems) passed to CreateResponse[Async].
    [Fact]
    public async Task CreateResponseOptionsConstructorGivesModelAndInput()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Responses;

            class Bot
            {
                async Task Run(ResponsesClient client)
                {
                    var inputItems = new List<ResponseItem> { ResponseItem.CreateUserMessageItem("What changed in the release?") };
                    await client.CreateResponseAsync(new CreateResponseOptions("gpt-5", inputItems) { MaxOutputTokenCount = 100 });
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source })).Sites);

        Assert.Equal("gpt-5", site.Model);
        Assert.Equal(Expected.OpenAIInputTokens("What changed in the release?"), site.InputTokens);
    }

    // Stub: OpenAIClient.GetResponsesClient(model) of the SDK versions that had it (2.15's takes no model).
    [Fact]
    public async Task GetResponsesClientWithAModel()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using OpenAI;
            using OpenAI.Responses;

            class Bot
            {
                void Run(string key)
                {
                    var client = new OpenAIClient(key).GetResponsesClient("gpt-4.1-mini");
                    var options = new CreateResponseOptions();
                    options.InputItems.Add(ResponseItem.CreateUserMessageItem("Hi"));
                    client.CreateResponse(options);
                }
            }
            """;

        var site = Assert.Single((await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.OpenAIGetResponsesClientWithModel })).Sites);

        Assert.Equal("gpt-4.1-mini", site.Model);
    }

    // Real Microsoft.Extensions.AI.OpenAI 10.11: GetChatClient(model).AsIChatClient(); AsIChatClient(responsesClient, defaultModelId).
    [Fact]
    public async Task AsIChatClientOnAChatClientOrAResponsesClient()
    {
        const string source = """
            #pragma warning disable OPENAI001
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI;

            class Bot
            {
                async Task Run(string key)
                {
                    IChatClient chat = new OpenAIClient(key).GetChatClient("gpt-4o-mini").AsIChatClient();
                    await chat.GetResponseAsync("Hello");
                    IChatClient responses = new OpenAIClient(key).GetResponsesClient().AsIChatClient("gpt-5-mini");
                    await responses.GetResponseAsync("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4o-mini", "gpt-5-mini" }, sites.Select(s => s.Model));
    }

    // Stub: the older Microsoft.Extensions.AI.OpenAI 9.x AsChatClient(modelId) on an OpenAIClient and on an AzureOpenAIClient (a deployment).
    [Fact]
    public async Task AsChatClientWithAModelOnOpenAIAndAzureClients()
    {
        const string source = """
            using System;
            using System.ClientModel;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI;

            class Bot
            {
                async Task Run(string key, Uri endpoint)
                {
                    IChatClient openAI = new OpenAIClient(key).AsChatClient("gpt-4o-mini");
                    await openAI.GetResponseAsync("Hello");
                    IChatClient azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).AsChatClient(modelId: "gpt-4o");
                    await azure.GetResponseAsync("Hello");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source, SdkStubs.MicrosoftExtensionsAIOpenAI9 });

        // An unmapped deployment is tried as a model name (deployments are often named after their model).
        Assert.Equal(new[] { "gpt-4o-mini", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.Equal(new[] { "code", "deployment" }, sites.Select(s => s.ModelSource));
    }
}
