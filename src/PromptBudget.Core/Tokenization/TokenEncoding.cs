namespace PromptBudget.Core.Tokenization;

/// <summary>The BPE vocabularies PromptBudget ships (the names tiktoken and ai-tokenizer use).</summary>
public enum TokenEncoding
{
    O200kBase,
    Cl100kBase,

    /// <summary>
    /// Anthropic's legacy Claude vocabulary (npm <c>@anthropic-ai/tokenizer</c> 0.0.4; see
    /// Tokenization/Data/NOTICE-claude-tokenizer.txt), the base of ai-tokenizer's fitted Claude 3.x–4.x counts.
    /// </summary>
    Claude,
}

public static class TokenEncodingNames
{
    public static string Name(this TokenEncoding encoding) => encoding switch
    {
        TokenEncoding.Cl100kBase => "cl100k_base",
        TokenEncoding.Claude => "claude",
        _ => "o200k_base",
    };
}
