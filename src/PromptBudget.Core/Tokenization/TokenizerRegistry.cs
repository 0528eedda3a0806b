using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.ML.Tokenizers;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// The process-wide tokenizers, one per encoding, each loaded lazily and once. Every text is counted
/// as plain text: a special-token string such as &lt;|endoftext|&gt; inside a prompt is ordinary text
/// to the providers (tiktoken's encode_ordinary), so it is split and merged like any other text.
/// A host that cannot load Microsoft.ML.Tokenizers or one of its dependencies makes these throw;
/// counting goes through <see cref="TokenizerAvailability"/>, which catches that.
/// </summary>
public static class TokenizerRegistry
{
    private static readonly VocabularyCache<PlainTextTokenizer> O200k = new(() => TiktokenData.CreateTokenizer(TokenEncoding.O200kBase));
    private static readonly VocabularyCache<PlainTextTokenizer> Cl100k = new(() => TiktokenData.CreateTokenizer(TokenEncoding.Cl100kBase));

    // Only a compilation that calls a Claude model loads it: nothing preloads it (the analyzer preloads o200k only).
    private static readonly VocabularyCache<PlainTextTokenizer> Claude = new(() => TiktokenData.CreateTokenizer(TokenEncoding.Claude));

    /// <summary>
    /// The Microsoft.ML.Tokenizers tokenizer of <paramref name="encoding"/>, built with no special tokens.
    /// Its own counting is quadratic on very long pieces: count with <see cref="Count(string, TokenEncoding, CancellationToken)"/>.
    /// </summary>
    public static Tokenizer Get(TokenEncoding encoding) => Cache(encoding).Value.Tokenizer;

    public static bool IsLoaded(TokenEncoding encoding) => Cache(encoding).IsLoaded;

    public static int LoadCount(TokenEncoding encoding) => Cache(encoding).LoadCount;

    /// <summary>Starts loading <paramref name="encoding"/> in the background (once per process).</summary>
    public static void Preload(TokenEncoding encoding) => Cache(encoding).Preload();

    /// <summary>The exact tiktoken count of <paramref name="text"/> as plain text (special-token text counts as plain text).</summary>
    public static int Count(string text, TokenEncoding encoding) => Count(text, encoding, CancellationToken.None);

    /// <summary>
    /// The exact tiktoken count of <paramref name="text"/> as plain text, near-linear in its length;
    /// <paramref name="cancellationToken"/> is checked between pieces of a long text and during a long piece's merge.
    /// </summary>
    /// <exception cref="System.OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Count(string text, TokenEncoding encoding, CancellationToken cancellationToken) =>
        text.Length == 0 ? 0 : Tokenizer(encoding).Count(text, cancellationToken);

    internal static PlainTextTokenizer Tokenizer(TokenEncoding encoding) => Cache(encoding).Value;

    private static VocabularyCache<PlainTextTokenizer> Cache(TokenEncoding encoding) => encoding switch
    {
        TokenEncoding.Cl100kBase => Cl100k,
        TokenEncoding.Claude => Claude,
        _ => O200k,
    };
}
