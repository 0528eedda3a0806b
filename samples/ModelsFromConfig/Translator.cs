using System;
using PromptBudget;
using OpenAI.Chat;

namespace ModelsFromConfig;

/// <summary>Translates replies; the model can be changed with an environment variable, and falls back to a literal.</summary>
public sealed class Translator
{
    private static readonly string Model = Environment.GetEnvironmentVariable("TRANSLATION_MODEL") ?? "gpt-4.1-nano";

    private readonly ChatClient _client = new(Model, Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "not-set");

    public string Translate([PromptBound(500)] string reply, [PromptBound(5)] string language)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 600 };
        ChatCompletion completion = _client.CompleteChat([new SystemChatMessage($"Translate the user's text into {language}."), new UserChatMessage(reply)], options);
        return completion.Content[0].Text;
    }
}
