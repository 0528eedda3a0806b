using System.ComponentModel;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptBudget;

namespace SupportBot.Agent;

/// <summary>
/// An agent with two tools through Microsoft.Extensions.AI's automatic function invocation, left at the library's
/// default cap: one RunAsync can make up to 40 model calls (MaximumIterationsPerRequest in Microsoft.Extensions.AI 10.x),
/// each resending the conversation and both tool definitions. PromptBudget warns (PB1012) with the worst case per
/// request, and the report's "Agent loops" section and the order-agent feature count it.
/// </summary>
public sealed class OrderAgent
{
    private const string Instructions = """
        You are the order desk of Contoso Cloud. Look up the customer's order before you answer.
        Refund only orders that arrived damaged, and never more than the order's total.
        """;

    private readonly IChatClient _client;

    public OrderAgent(string apiKey) =>
        _client = new OpenAIClient(apiKey).GetChatClient("gpt-4o-mini").AsIChatClient()
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

    public async Task<string> RunAsync([PromptBound(300)] string request)
    {
        var options = new ChatOptions
        {
            Instructions = Instructions,
            MaxOutputTokens = 400,
            Tools = [AIFunctionFactory.Create(LookUpOrder), AIFunctionFactory.Create(IssueRefund)],
        };

        ChatResponse response = await _client.GetResponseAsync(request, options);
        return response.Text;
    }

    [Description("Looks up an order by its number: status, items and total.")]
    private static string LookUpOrder([Description("The order number, e.g. CC-10422")] string orderNumber) =>
        $"{{\"order\":\"{orderNumber}\",\"status\":\"delivered\",\"total\":49.90}}";

    [Description("Refunds part or all of an order.")]
    private static string IssueRefund([Description("The order number")] string orderNumber, [Description("Amount in EUR")] decimal amount) =>
        $"{{\"order\":\"{orderNumber}\",\"refunded\":{amount}}}";
}
