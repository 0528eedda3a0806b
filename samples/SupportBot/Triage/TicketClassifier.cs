using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace SupportBot.Triage;

/// <summary>Classifies a ticket with a Semantic Kernel prompt function.</summary>
public sealed class TicketClassifier
{
    private const string Template = """
        Classify the support ticket into exactly one of: billing, outage, account, how-to, other.
        Reply with the label only.

        Ticket: {{$ticket}}
        """;

    private readonly Kernel _kernel;

    public TicketClassifier(string apiKey) =>
        _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-mini", apiKey).Build();

    public async Task<string> ClassifyAsync(string ticket)
    {
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 5, ModelId = "gpt-4.1-mini" };
        var result = await _kernel.InvokePromptAsync(Template, new KernelArguments(settings) { ["ticket"] = ticket });
        return result.ToString();
    }
}
