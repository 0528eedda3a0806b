using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;

namespace SupportBot.Review;

/// <summary>
/// Semantic Kernel prompts kept in files and loaded from C#: PromptBudget links each loader call to its files and
/// reports each prompt once, in its file, with the model of the kernel that runs it when the file names none.
/// </summary>
public sealed class FollowUpWriter
{
    private readonly Kernel _kernel;

    public FollowUpWriter(string apiKey) => _kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-mini", apiKey).Build();

    /// <summary>The reply-polishing plugin: Prompts/ReplyPlugin/Polish/skprompt.txt (its config.json names its own model).</summary>
    public async Task<string> PolishAsync(string draft)
    {
        var plugin = _kernel.ImportPluginFromPromptDirectory(Path.Combine(AppContext.BaseDirectory, "Prompts", "ReplyPlugin"));
        var result = await _kernel.InvokeAsync(plugin["Polish"], new KernelArguments { ["draft"] = draft });
        return result.ToString();
    }
}
