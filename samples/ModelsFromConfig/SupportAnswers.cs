using System.Threading.Tasks;
using PromptBudget;
using Microsoft.Extensions.AI;

namespace ModelsFromConfig;

/// <summary>Answers support questions with the injected IChatClient (its model: AI:ChatModel in appsettings).</summary>
public sealed class SupportAnswers(IChatClient chat)
{
    private const string Instructions = "You answer questions about orders, shipping and refunds. Be brief and cite the policy section.";

    public async Task<string> AnswerAsync([PromptBound(300)] string question)
    {
        var response = await chat.GetResponseAsync(question, new ChatOptions { Instructions = Instructions, MaxOutputTokens = 400 });
        return response.Text;
    }
}
