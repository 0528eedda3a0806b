using System;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// The one place that calls into the tokenizer and survives a host that cannot load it. Like
/// <see cref="TokenizerLoadFailure"/>, it names no Microsoft.ML.Tokenizers type, so its own methods always
/// compile: the load failure surfaces inside its try blocks (in <see cref="TokenizerRegistry"/>'s methods,
/// which are never inlined here), not in a caller that cannot catch it.
/// </summary>
public static class TokenizerAvailability
{
    private static TokenizerLoadFailure? _failure;

    /// <summary>The first load failure this process saw, or null while every tokenizer asked for loaded.</summary>
    public static TokenizerLoadFailure? Failure => Volatile.Read(ref _failure);

    /// <summary>
    /// The exact count of <paramref name="text"/> in <paramref name="encoding"/>; when the tokenizer cannot be
    /// loaded, its UTF-8 byte count instead (an upper bound: every byte-level BPE token is at least one byte)
    /// with the failure.
    /// </summary>
    public static int Count(string text, TokenEncoding encoding, out TokenizerLoadFailure? failure) =>
        Count(text, encoding, CancellationToken.None, out failure);

    /// <inheritdoc cref="Count(string, TokenEncoding, out TokenizerLoadFailure?)"/>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static int Count(string text, TokenEncoding encoding, CancellationToken cancellationToken, out TokenizerLoadFailure? failure)
    {
        failure = null;
        if (text.Length == 0)
        {
            return 0;
        }

        try
        {
            return ExactCount(text, encoding, cancellationToken);
        }
        catch (Exception ex) when (TokenizerLoadFailure.IsLoadFailure(ex))
        {
            failure = Record(encoding, ex);
            return Encoding.UTF8.GetByteCount(text);
        }
    }

    /// <summary>Starts loading <paramref name="encoding"/> in the background; a host that cannot load it is recorded, never thrown.</summary>
    public static void Preload(TokenEncoding encoding)
    {
        try
        {
            StartPreload(encoding);
        }
        catch (Exception ex) when (TokenizerLoadFailure.IsLoadFailure(ex))
        {
            Record(encoding, ex);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ExactCount(string text, TokenEncoding encoding, CancellationToken cancellationToken) => TokenizerRegistry.Count(text, encoding, cancellationToken);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartPreload(TokenEncoding encoding) => TokenizerRegistry.Preload(encoding);

    private static TokenizerLoadFailure Record(TokenEncoding encoding, Exception exception)
    {
        var failure = TokenizerLoadFailure.From(encoding, exception);
        Interlocked.CompareExchange(ref _failure, failure, null);
        return failure;
    }
}
