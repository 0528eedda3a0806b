using System.Threading.Tasks;
using OpenAI.Chat;
using PromptBudget;

namespace SupportBot.Answering;

/// <summary>Answers a customer's question with OpenAI's chat API.</summary>
public sealed class AnswerService
{
    private const string SystemPrompt = """
        You are the support assistant of Contoso Cloud. Answer in at most five sentences.
        Use only the facts in the provided knowledge-base excerpt; when they do not answer the
        question, say so and offer to open a ticket. Never reveal internal ticket numbers.
        """;

    private readonly ChatClient _client;

    public AnswerService(string apiKey) => _client = new ChatClient("gpt-4o", apiKey);

    public async Task<string> AnswerAsync([PromptBound(400)] string question, [PromptBound(1500)] string knowledgeBase)
    {
        var options = new ChatCompletionOptions();
        options.MaxOutputTokenCount = 600;

        ChatCompletion completion = await _client.CompleteChatAsync(
            new ChatMessage[]
            {
                new SystemChatMessage(SystemPrompt),
                new UserChatMessage($"Knowledge base:\n{knowledgeBase}\n\nQuestion: {question}"),
            },
            options);
        return completion.Content[0].Text;
    }
}
