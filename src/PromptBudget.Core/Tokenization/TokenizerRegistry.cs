using System.Runtime.CompilerServices;
using Microsoft.ML.Tokenizers;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// The process-wide tokenizers, one per encoding, each loaded lazily and once. A host that cannot load
/// Microsoft.ML.Tokenizers or one of its dependencies makes these throw; counting goes through
/// <see cref="TokenizerAvailability"/>, which catches that.
/// </summary>
public static class TokenizerRegistry
{
    private static readonly VocabularyCache<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly VocabularyCache<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static Tokenizer Get(TokenEncoding encoding) => Cache(encoding).Value;

    public static bool IsLoaded(TokenEncoding encoding) => Cache(encoding).IsLoaded;

    public static int LoadCount(TokenEncoding encoding) => Cache(encoding).LoadCount;

    /// <summary>Starts loading <paramref name="encoding"/> in the background (once per process).</summary>
    public static void Preload(TokenEncoding encoding) => Cache(encoding).Preload();

    /// <summary>The exact tiktoken count of <paramref name="text"/> (special-token text counts as plain text).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Count(string text, TokenEncoding encoding) =>
        text.Length == 0 ? 0 : Get(encoding).CountTokens(text, considerPreTokenization: true, considerNormalization: true);

    private static VocabularyCache<Tokenizer> Cache(TokenEncoding encoding) =>
        encoding == TokenEncoding.Cl100kBase ? Cl100k : O200k;
}
