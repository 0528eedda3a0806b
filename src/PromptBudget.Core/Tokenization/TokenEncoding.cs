namespace PromptBudget.Core.Tokenization;

/// <summary>The BPE vocabularies PromptBudget ships (the names tiktoken uses).</summary>
public enum TokenEncoding
{
    O200kBase,
    Cl100kBase,
}

public static class TokenEncodingNames
{
    public static string Name(this TokenEncoding encoding) => encoding switch
    {
        TokenEncoding.Cl100kBase => "cl100k_base",
        _ => "o200k_base",
    };
}
