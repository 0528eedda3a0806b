using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace SupportBot.Answering;

/// <summary>Summarises a closed conversation for the ticket history (Microsoft.Extensions.AI).</summary>
public sealed class Summarizer
{
    private readonly IChatClient _chat;

    public Summarizer(string apiKey) => _chat = new ChatClient("gpt-4o-mini", apiKey).AsIChatClient();

    public async Task<string> SummarizeAsync(string transcript)
    {
        var messages = new List<AIChatMessage>
        {
            new(ChatRole.System, "Summarise the support conversation in three bullet points: problem, steps taken, outcome."),
        };
        messages.Add(new AIChatMessage(ChatRole.User, transcript));

        // No MaxOutputTokens: PromptBudget prices the model's maximum output and suggests a limit.
        ChatResponse response = await _chat.GetResponseAsync(messages);
        return response.Text;
    }
}
