namespace PromptBudget.Analyzers.Tests.Infrastructure;

/// <summary>Test sources shared by several test classes; the call is marked <c>{|#0:…|}</c>.</summary>
public static class PromptSources
{
    /// <summary>One OpenAI chat call: a user message to <paramref name="model"/> with a max output.</summary>
    public static string OpenAIChatCall(string model, string prompt, int maxOutput) => $$"""
        using OpenAI.Chat;

        class Bot
        {
            void Ask()
            {
                var client = new ChatClient("{{model}}", "key");
                client.{|#0:CompleteChat|}(new ChatMessage[] { new UserChatMessage("{{prompt}}") }, new ChatCompletionOptions { MaxOutputTokenCount = {{maxOutput}} });
            }
        }
        """;
}
