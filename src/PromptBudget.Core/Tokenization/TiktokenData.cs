using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// What PromptBudget builds its tokenizers from: the vocabulary files the Microsoft.ML.Tokenizers data
/// packages ship, and tiktoken's pre-tokenizer patterns (tiktoken_ext/openai_public.py, in the .NET form
/// Microsoft.ML.Tokenizers 2.0.1 uses), with no special tokens, so that text such as &lt;|endoftext|&gt;
/// is split and merged like any other text, as tiktoken's encode_ordinary and the providers do with
/// message text. The legacy Claude vocabulary is PromptBudget's own resource (Tokenization/Data, converted
/// from npm <c>@anthropic-ai/tokenizer</c> 0.0.4 by tests/PromptBudget.Core.Tests/Fixtures/claude-gemini/convert-claude-vocabulary.mjs).
/// </summary>
internal static class TiktokenData
{
    internal const string O200kPattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    internal const string Cl100kPattern =
        @"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s";

    /// <summary>
    /// The pre-tokenizer of the legacy Claude vocabulary: the package's <c>pat_str</c> as written (the conversion
    /// script checks it is unchanged). Like JavaScript's, .NET's <c>\p{L}</c> and <c>\s</c> differ only on
    /// letters outside the Basic Multilingual Plane (surrogate pairs, not letters to .NET) and on U+0085/U+FEFF.
    /// </summary>
    internal const string ClaudePattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>The manifest name of the compressed Claude rank file (see PromptBudget.Core.csproj).</summary>
    internal const string ClaudeResource = "PromptBudget.Core.claude.tiktoken.deflate";

    // The data packages' classes are internal; Microsoft.ML.Tokenizers finds them by these names too.
    private const string O200kDataType = "Microsoft.ML.Tokenizers.O200kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.O200kBase, Version=1.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
    private const string Cl100kDataType = "Microsoft.ML.Tokenizers.Cl100kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.Cl100kBase, Version=1.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";

    /// <summary>The pre-tokenizer regex of <paramref name="encoding"/> (tiktoken's pattern).</summary>
    public static Regex Pattern(TokenEncoding encoding) =>
        new(encoding switch
        {
            TokenEncoding.Cl100kBase => Cl100kPattern,
            TokenEncoding.Claude => ClaudePattern,
            _ => O200kPattern,
        }, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>A tokenizer of <paramref name="encoding"/> with no special tokens: every text is plain text.</summary>
    public static PlainTextTokenizer CreateTokenizer(TokenEncoding encoding)
    {
        var preTokenizer = new RegexPreTokenizer(Pattern(encoding), null);
        using var vocabulary = OpenVocabulary(encoding);
        var tokenizer = TiktokenTokenizer.Create(vocabulary, preTokenizer, normalizer: null, specialTokens: null);
        return new PlainTextTokenizer(encoding, tokenizer);
    }

    /// <summary>The decompressed tiktoken vocabulary file of <paramref name="encoding"/>.</summary>
    public static Stream OpenVocabulary(TokenEncoding encoding)
    {
        if (encoding == TokenEncoding.Claude)
        {
            var claude = typeof(TiktokenData).Assembly.GetManifestResourceStream(ClaudeResource)
                ?? throw new InvalidOperationException($"PromptBudget.Core has no resource {ClaudeResource}.");
            return new DeflateStream(claude, CompressionMode.Decompress);
        }

        var (typeName, resource) = encoding == TokenEncoding.Cl100kBase
            ? (Cl100kDataType, "cl100k_base.tiktoken.deflate")
            : (O200kDataType, "o200k_base.tiktoken.deflate");
        var type = Type.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"The tokenizer data assembly for {encoding.Name()} could not be loaded ({typeName}).");
        var compressed = type.Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The tokenizer data assembly for {encoding.Name()} has no resource {resource}.");
        return new DeflateStream(compressed, CompressionMode.Decompress);
    }

    /// <summary>
    /// Reads a tiktoken vocabulary file: an optional "Capacity: N" line, then one base64 token a line,
    /// its rank either after a space or, without one, its line number.
    /// </summary>
    public static Dictionary<ByteSlice, int> ReadRanks(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary);
        var line = reader.ReadLine();
        var capacity = 0;
        const string capacityPrefix = "Capacity: ";
        if (line is not null && line.StartsWith(capacityPrefix, StringComparison.Ordinal))
        {
            _ = int.TryParse(line.Substring(capacityPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out capacity);
            line = reader.ReadLine();
        }

        var ranks = new Dictionary<ByteSlice, int>(capacity, ByteSlice.Comparer);
        for (var lineNumber = 0; line is not null; line = reader.ReadLine(), lineNumber++)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            var bytes = Convert.FromBase64String(space < 0 ? line : line.Substring(0, space));
            var rank = space < 0 ? lineNumber : int.Parse(line.Substring(space + 1), System.Globalization.CultureInfo.InvariantCulture);
            ranks[new ByteSlice(bytes, 0, bytes.Length)] = rank;
        }

        return ranks;
    }
}
