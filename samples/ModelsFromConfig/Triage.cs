using Microsoft.Extensions.Options;
using OpenAI.Chat;
using PromptBudget;

namespace ModelsFromConfig;

/// <summary>The options of the ticket triage, bound to the section "Triage" in Program.cs.</summary>
public sealed class TriageOptions
{
    public TriageModel Chat { get; set; } = new();

    public int MaxTokens { get; set; }
}

/// <summary>A nested section: Triage:Chat:Model in appsettings.</summary>
public sealed class TriageModel
{
    public string Model { get; set; } = "";
}

/// <summary>Sorts tickets into queues; its model and max output tokens both come from bound options.</summary>
public sealed class Triage(IOptions<TriageOptions> options, ApiKey key)
{
    private readonly TriageOptions _options = options.Value;

    public string Classify([PromptBound(800)] string ticket)
    {
        var client = new ChatClient(_options.Chat.Model, key.Value);
        var settings = new ChatCompletionOptions { MaxOutputTokenCount = _options.MaxTokens };
        ChatCompletion completion = client.CompleteChat([new SystemChatMessage("Answer with one word: billing, shipping or other."), new UserChatMessage(ticket)], settings);
        return completion.Content[0].Text;
    }
}

/// <summary>The OpenAI key, from the environment.</summary>
public sealed record ApiKey(string Value);
