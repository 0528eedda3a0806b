namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>
/// Declarations with the public shapes of SDKs that do not restore on the build machines
/// (Anthropic.SDK 5.x, Google.GenAI 0.x, Mscc.GenerativeAI 2.x) or that the restored SDK no longer has (OpenAIResponseClient): same namespaces, type and member
/// names, parameter names and model constants as the packages, without bodies that do anything.
/// </summary>
public static class SdkStubs
{
    public const string AnthropicSdk = """
        namespace Anthropic.SDK
        {
            public class AnthropicClient
            {
                public AnthropicClient(string apiKey = null) { }
                public Messaging.MessagesEndpoint Messages { get; } = new Messaging.MessagesEndpoint();
            }
        }

        namespace Anthropic.SDK.Constants
        {
            public static class AnthropicModels
            {
                public const string Claude45Sonnet = "claude-sonnet-4-5-20250929";
                public const string Claude35Haiku = "claude-3-5-haiku-20241022";
            }
        }

        namespace Anthropic.SDK.Messaging
        {
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public enum RoleType { User, Assistant }

            public class Message
            {
                public Message() { }
                public Message(RoleType role, string text) { }
                public RoleType Role { get; set; }
            }

            public class SystemMessage
            {
                public SystemMessage(string text) { }
            }

            public class MessageParameters
            {
                public List<Message> Messages { get; set; }
                public int MaxTokens { get; set; }
                public string Model { get; set; }
                public List<SystemMessage> System { get; set; }
            }

            public class MessageResponse { }

            public class MessagesEndpoint
            {
                public Task<MessageResponse> GetClaudeMessageAsync(MessageParameters parameters, CancellationToken ctx = default) => Task.FromResult(new MessageResponse());
                public Task<MessageResponse> CountMessageTokensAsync(MessageParameters parameters, CancellationToken ctx = default) => Task.FromResult(new MessageResponse());
            }
        }
        """;

    public const string GoogleGenAI = """
        namespace Google.GenAI
        {
            using System.Threading.Tasks;
            using Google.GenAI.Types;

            public class Client
            {
                public Client(string apiKey = null) { }
                public Models Models { get; } = new Models();
            }

            public class Models
            {
                public Task<GenerateContentResponse> GenerateContentAsync(string model, string contents, GenerateContentConfig config = null) => Task.FromResult(new GenerateContentResponse());
                public Task<GenerateContentResponse> GenerateContentAsync(string model, System.Collections.Generic.List<Content> contents, GenerateContentConfig config = null) => Task.FromResult(new GenerateContentResponse());
                public Task<CountTokensResponse> CountTokensAsync(string model, string contents) => Task.FromResult(new CountTokensResponse());
            }
        }

        namespace Google.GenAI.Types
        {
            public class GenerateContentResponse { }
            public class CountTokensResponse { }
            public class ThinkingConfig { public int? ThinkingBudget { get; set; } }
            public class Part { public string Text { get; set; } }
            public class Content
            {
                public System.Collections.Generic.List<Part> Parts { get; set; }
                public string Role { get; set; }
            }

            public class GenerateContentConfig
            {
                public int? MaxOutputTokens { get; set; }
                public Content SystemInstruction { get; set; }
                public ThinkingConfig ThinkingConfig { get; set; }
            }
        }
        """;

    public const string MsccGenerativeAI = """
        namespace Mscc.GenerativeAI
        {
            using System.Threading.Tasks;

            public static class Model
            {
                public const string Gemini25Flash = "gemini-2.5-flash";
            }

            public class GenerationConfig { public int? MaxOutputTokens { get; set; } }
            public class GenerateContentResponse { }

            public class GoogleAI
            {
                public GoogleAI(string apiKey = null) { }
                public GenerativeModel GenerativeModel(string model = Model.Gemini25Flash, GenerationConfig generationConfig = null) => new GenerativeModel();
            }

            public class GenerativeModel
            {
                public Task<GenerateContentResponse> GenerateContent(string prompt, GenerationConfig generationConfig = null) => Task.FromResult(new GenerateContentResponse());
                public Task<int> CountTokens(string prompt) => Task.FromResult(0);
            }
        }
        """;

    /// <summary>The Responses client of OpenAI 2.2–2.5, renamed ResponsesClient later (tests with it do not reference the real SDK).</summary>
    public const string OpenAIResponseClientLegacy = """
        namespace OpenAI.Responses
        {
            using System.ClientModel;
            using System.Collections.Generic;

            public class OpenAIResponse { }
            public class ResponseCreationOptions
            {
                public string Instructions { get; set; }
                public int? MaxOutputTokenCount { get; set; }
            }

            public class OpenAIResponseClient
            {
                public OpenAIResponseClient(string model, string apiKey) { }
                public ClientResult<OpenAIResponse> CreateResponse(string userInputText, ResponseCreationOptions options = null) => null;
                public ClientResult<OpenAIResponse> GetResponse(string responseId) => null;
            }
        }
        """;

    /// <summary>
    /// The model-taking adapters of Microsoft.Extensions.AI.OpenAI 9.x (<c>openAIClient.AsChatClient(modelId)</c>, also on an
    /// <c>AzureOpenAIClient</c>), which 10.x removed; declared under another class name so they sit beside the real 10.11 package.
    /// </summary>
    public const string MicrosoftExtensionsAIOpenAI9 = """
        namespace Microsoft.Extensions.AI
        {
            public static class OpenAIClientExtensions9
            {
                public static IChatClient AsChatClient(this OpenAI.OpenAIClient openAIClient, string modelId) => null;
            }
        }
        """;

    /// <summary><c>OpenAIClient.GetResponsesClient(model)</c> of the OpenAI 2.x versions whose Responses client took the model (2.15 takes none).</summary>
    public const string OpenAIGetResponsesClientWithModel = """
        #pragma warning disable OPENAI001
        namespace OpenAI
        {
            public static class OpenAIClientResponsesExtensions
            {
                public static OpenAI.Responses.ResponsesClient GetResponsesClient(this OpenAIClient client, string model) => null;
            }
        }
        """;

    /// <summary>.NET Aspire's client integrations (Aspire.OpenAI / Aspire.Azure.AI.OpenAI 9.x), not on this feed: <c>builder.AddOpenAIClient(name).AddChatClient(model)</c>.</summary>
    public const string AspireOpenAI = """
        namespace Microsoft.Extensions.Hosting
        {
            public static class AspireOpenAIExtensions
            {
                public static Aspire.OpenAI.AspireOpenAIClientBuilder AddOpenAIClient(this IHostApplicationBuilder builder, string connectionName) => null;
                public static Aspire.Azure.AI.OpenAI.AspireAzureOpenAIClientBuilder AddAzureOpenAIClient(this IHostApplicationBuilder builder, string connectionName) => null;
                public static Microsoft.Extensions.AI.ChatClientBuilder AddChatClient(this Aspire.OpenAI.AspireOpenAIClientBuilder builder, string deploymentName = null) => null;
                public static Microsoft.Extensions.AI.ChatClientBuilder AddKeyedChatClient(this Aspire.OpenAI.AspireOpenAIClientBuilder builder, string serviceKey, string deploymentName = null) => null;
            }
        }

        namespace Aspire.OpenAI
        {
            public class AspireOpenAIClientBuilder { }
        }

        namespace Aspire.Azure.AI.OpenAI
        {
            public class AspireAzureOpenAIClientBuilder : Aspire.OpenAI.AspireOpenAIClientBuilder { }
        }
        """;

    /// <summary>Microsoft.Extensions.Configuration.Binder's <c>GetValue</c>, <c>Get&lt;T&gt;</c> and <c>Bind</c> (the package is not among the test's references; same signatures).</summary>
    public const string ConfigurationBinder = """
        namespace Microsoft.Extensions.Configuration
        {
            public static class ConfigurationBinder
            {
                public static T GetValue<T>(this IConfiguration configuration, string key) => default;
                public static T GetValue<T>(this IConfiguration configuration, string key, T defaultValue) => defaultValue;
                public static T Get<T>(this IConfiguration configuration) => default;
                public static void Bind(this IConfiguration configuration, object instance) { }
                public static void Bind(this IConfiguration configuration, string key, object instance) { }
            }
        }
        """;

    /// <summary>Microsoft.SemanticKernel.Connectors.AzureOpenAI's kernel-builder registration (the package is not on this feed).</summary>
    public const string SemanticKernelAzureOpenAI = """
        namespace Microsoft.SemanticKernel
        {
            public static class AzureOpenAIKernelBuilderExtensions
            {
                public static IKernelBuilder AddAzureOpenAIChatCompletion(this IKernelBuilder builder, string deploymentName, string endpoint, string apiKey, string serviceId = null, string modelId = null) => builder;
            }
        }
        """;

    /// <summary>Microsoft.Extensions.Options.ConfigurationExtensions' binding calls (the package is not among the test's references).</summary>
    public const string OptionsConfigurationExtensions = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class OptionsConfigurationServiceCollectionExtensions
            {
                public static IServiceCollection Configure<TOptions>(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration config) where TOptions : class => services;
                public static IServiceCollection Configure<TOptions>(this IServiceCollection services, string name, Microsoft.Extensions.Configuration.IConfiguration config) where TOptions : class => services;
            }

            public static class OptionsBuilderConfigurationExtensions
            {
                public static Microsoft.Extensions.Options.OptionsBuilder<TOptions> Bind<TOptions>(this Microsoft.Extensions.Options.OptionsBuilder<TOptions> optionsBuilder, Microsoft.Extensions.Configuration.IConfiguration config) where TOptions : class => optionsBuilder;
                public static Microsoft.Extensions.Options.OptionsBuilder<TOptions> BindConfiguration<TOptions>(this Microsoft.Extensions.Options.OptionsBuilder<TOptions> optionsBuilder, string configSectionPath) where TOptions : class => optionsBuilder;
            }
        }
        """;

    /// <summary>
    /// Microsoft.SemanticKernel.Agents.Abstractions / .Core (not served by this machine's feed): the public members of
    /// <c>Agent</c>, <c>ChatHistoryAgent</c>, <c>ChatCompletionAgent</c>, <c>AgentInvokeOptions</c>, <c>AgentThread</c>,
    /// <c>ChatHistoryAgentThread</c> and <c>AgentResponseItem</c> as semantic-kernel's dotnet/src/Agents declares them (1.80 source;
    /// <c>KernelAgent</c> was folded into <c>Agent</c> in 1.45), over the real Semantic Kernel 1.82 types. The
    /// <c>[Experimental]</c> attributes are left out (they would make the test code a compiler error).
    /// </summary>
    public const string SemanticKernelAgents = """
        #nullable enable
        namespace Microsoft.SemanticKernel.Agents
        {
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using Microsoft.SemanticKernel.ChatCompletion;

            public abstract class AgentThread
            {
                public virtual string? Id { get; protected set; }
                public virtual bool IsDeleted { get; protected set; }
                public virtual Task DeleteAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
            }

            public sealed class ChatHistoryAgentThread : AgentThread
            {
                public ChatHistoryAgentThread() { }
                public ChatHistoryAgentThread(ChatHistory chatHistory, string? id = null) { }
                public ChatHistory ChatHistory => new();
            }

            public class AgentResponseItem<TMessage>
            {
                public AgentResponseItem(TMessage message, AgentThread thread) { Message = message; Thread = thread; }
                public TMessage Message { get; }
                public AgentThread Thread { get; }
                public static implicit operator TMessage(AgentResponseItem<TMessage> responseItem) => responseItem.Message;
            }

            public class AgentInvokeOptions
            {
                public AgentInvokeOptions() { }
                public AgentInvokeOptions(AgentInvokeOptions options) { }
                public KernelArguments? KernelArguments { get; init; } = null;
                public Kernel? Kernel { get; init; } = null;
                public string AdditionalInstructions { get; init; } = string.Empty;
                public Func<ChatMessageContent, Task>? OnIntermediateMessage { get; init; } = null;
            }

            public abstract class Agent
            {
                public string? Description { get; init; }
                public string Id { get; init; } = Guid.NewGuid().ToString();
                public string? Name { get; init; }
                public ILoggerFactory? LoggerFactory { get; init; }
                public KernelArguments? Arguments { get; init; }
                public string? Instructions { get; init; }
                public Kernel Kernel { get; init; } = new();
                public bool UseImmutableKernel { get; set; } = false;
                public IPromptTemplate? Template { get; set; }

                public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeAsync((ICollection<ChatMessageContent>)[], thread, options, cancellationToken);
                public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeAsync(new ChatMessageContent(AuthorRole.User, message), thread, options, cancellationToken);
                public virtual IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ChatMessageContent message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeAsync([message], thread, options, cancellationToken);
                public abstract IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default);

                public virtual IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeStreamingAsync((ICollection<ChatMessageContent>)[], thread, options, cancellationToken);
                public virtual IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeStreamingAsync(new ChatMessageContent(AuthorRole.User, message), thread, options, cancellationToken);
                public virtual IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(ChatMessageContent message, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    this.InvokeStreamingAsync([message], thread, options, cancellationToken);
                public abstract IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default);
            }

            public abstract class ChatHistoryAgent : Agent
            {
                public IChatHistoryReducer? HistoryReducer { get; init; }
            }

            public sealed class ChatCompletionAgent : ChatHistoryAgent
            {
                public ChatCompletionAgent() { }

                public ChatCompletionAgent(PromptTemplateConfig templateConfig, IPromptTemplateFactory templateFactory)
                {
                    this.Name = templateConfig.Name;
                    this.Description = templateConfig.Description;
                    this.Instructions = templateConfig.Template;
                    this.Template = templateFactory.Create(templateConfig);
                }

                public AuthorRole InstructionsRole { get; init; } = AuthorRole.System;

                public override IAsyncEnumerable<AgentResponseItem<ChatMessageContent>> InvokeAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new NotSupportedException();
                public override IAsyncEnumerable<AgentResponseItem<StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new NotSupportedException();
            }
        }
        """;
}
