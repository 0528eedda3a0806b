using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace SupportBot.Review;

/// <summary>Has Claude review a drafted reply before it is sent (Anthropic's official SDK).</summary>
public sealed class ReplyReviewer
{
    private readonly AnthropicClient _client = new();

    public async Task<Message> ReviewAsync(string draft)
    {
        var parameters = new MessageCreateParams
        {
            Model = Model.ClaudeSonnet4_6,
            MaxTokens = 2048,
            System = "You review customer-support replies for tone, accuracy and policy. List concrete fixes.",
            Messages = [new UserMessageParam(draft)],
            Thinking = new ThinkingConfigEnabled(1024),
        };
        return await _client.Messages.Create(parameters);
    }
}
