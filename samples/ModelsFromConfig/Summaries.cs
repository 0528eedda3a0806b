using System.Threading.Tasks;
using PromptBudget;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ModelsFromConfig;

/// <summary>Summarises tickets with the container's kernel (its chat service: AI:SummaryModel in appsettings).</summary>
public sealed class Summaries
{
    private readonly Kernel _kernel;

    public Summaries(Kernel kernel) => _kernel = kernel;

    public async Task<string> SummarizeAsync([PromptBound(1500)] string ticket)
    {
        var settings = new OpenAIPromptExecutionSettings { MaxTokens = 150 };
        var result = await _kernel.InvokePromptAsync("Summarize this support ticket in two sentences: {{$ticket}}", new KernelArguments(settings) { ["ticket"] = ticket });
        return result.ToString();
    }
}
