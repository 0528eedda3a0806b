using System;
using System.Threading;
using Microsoft.ML.Tokenizers;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Counts one encoding's tokens of plain text, exactly as tiktoken's encode_ordinary: no special
/// tokens, and near-linear in the text's length. Pieces of at most <see cref="MaxPieceChars"/>
/// characters are counted by Microsoft.ML.Tokenizers; a longer piece (a long word, a CJK run, a run
/// of punctuation or whitespace), whose plain byte-pair merge is quadratic, by <see cref="LongPieceEncoder"/>,
/// which makes the same merges. Its ranks are loaded once per process, at the first long piece.
/// </summary>
internal sealed class PlainTextTokenizer
{
    /// <summary>The longest piece left to Microsoft.ML.Tokenizers' own (quadratic) merge.</summary>
    internal const int MaxPieceChars = 256;

    /// <summary>Texts longer than this are counted piece by piece, so that a count can be cancelled.</summary>
    internal const int MaxSingleCallChars = 64 * 1024;

    private const int CharsBetweenCancellationChecks = 16 * 1024;

    private readonly TokenEncoding _encoding;
    private readonly VocabularyCache<LongPieceEncoder> _longPieces;

    public PlainTextTokenizer(TokenEncoding encoding, TiktokenTokenizer tokenizer)
    {
        _encoding = encoding;
        Tokenizer = tokenizer;
        _longPieces = new VocabularyCache<LongPieceEncoder>(() => LongPieceEncoder.Load(encoding));
    }

    /// <summary>The Microsoft.ML.Tokenizers tokenizer, with no special tokens (its own merge stays quadratic on long pieces).</summary>
    public TiktokenTokenizer Tokenizer { get; }

    /// <summary>Whether the long-piece ranks were loaded (observable for tests).</summary>
    internal bool LongPieceRanksLoaded => _longPieces.IsLoaded;

    public int Count(string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (text.Length == 0)
        {
            return 0;
        }

        // The common case: one call, as fast as Microsoft.ML.Tokenizers itself.
        if (text.Length <= MaxSingleCallChars && !MayHaveLongPiece(text))
        {
            return Tokenizer.CountTokens(text, considerPreTokenization: true, considerNormalization: false);
        }

        return CountByPiece(text, cancellationToken);
    }

    /// <summary>Counts piece by piece (the pieces of tiktoken's pattern), checking for cancellation between them.</summary>
    internal int CountByPiece(string text, CancellationToken cancellationToken)
    {
        long tokens = 0;
        var charsSinceCheck = 0;
        foreach (var (offset, length) in Tokenizer.PreTokenizer!.PreTokenize(text))
        {
            if (length > MaxPieceChars)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tokens += _longPieces.Value.Count(text, offset, length, cancellationToken);
                continue;
            }

            tokens += Tokenizer.CountTokens(text.AsSpan(offset, length), considerPreTokenization: false, considerNormalization: false);
            charsSinceCheck += length;
            if (charsSinceCheck >= CharsBetweenCancellationChecks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                charsSinceCheck = 0;
            }
        }

        return checked((int)tokens);
    }

    /// <summary>
    /// False only if no piece of tiktoken's pattern (o200k or cl100k) can be longer than
    /// <see cref="MaxPieceChars"/>. A piece is either all whitespace or has no U+0020 after its first
    /// character, so a longer piece needs <see cref="MaxPieceChars"/> characters in a row without a
    /// space, or that many whitespace characters in a row. Probes one character in every window, so
    /// it costs a small fraction of the text's length.
    /// </summary>
    internal static bool MayHaveLongPiece(string text) =>
        text.Length > MaxPieceChars && (HasRun(text, MaxPieceChars, whitespace: false) || HasRun(text, MaxPieceChars, whitespace: true));

    // A run of `run` characters that are all whitespace (whitespace: true) or all other than U+0020.
    private static bool HasRun(string text, int run, bool whitespace)
    {
        for (var i = run - 1; i < text.Length;)
        {
            var j = i;
            while (j > i - run && (whitespace ? char.IsWhiteSpace(text[j]) : text[j] != ' '))
            {
                j--;
            }

            if (j == i - run)
            {
                return true;
            }

            // text[j] breaks the run: the next window that can hold one starts after it.
            i = j + run;
        }

        return false;
    }

    public override string ToString() => $"{_encoding.Name()} (plain text)";
}
