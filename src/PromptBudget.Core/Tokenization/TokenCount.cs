namespace PromptBudget.Core.Tokenization;

/// <summary>A number of tokens, with the encoding it was counted in and whether it is the provider's exact count.</summary>
public readonly struct TokenCount
{
    public TokenCount(long tokens, TokenEncoding encoding, bool exact)
    {
        Tokens = tokens;
        Encoding = encoding;
        Exact = exact;
    }

    public long Tokens { get; }

    public TokenEncoding Encoding { get; }

    /// <summary>True when the count equals the provider's tokenizer (tiktoken); false for an estimate.</summary>
    public bool Exact { get; }

    /// <summary>Set when the tokenizer could not be loaded: <see cref="Tokens"/> is then an upper bound, never exact.</summary>
    public TokenizerLoadFailure? Failure { get; init; }

    public override string ToString() => $"{Tokens} tokens ({Encoding.Name()}, {(Exact ? "exact" : "estimated")})";
}
