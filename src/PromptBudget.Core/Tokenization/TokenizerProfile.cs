using System;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// How one model family's tokens are counted: an encoding and, where the provider's tokenizer is
/// not public, a conservative factor applied to the o200k count. Factors are upper bounds on
/// published measurements, because budgets are checked against the worst case.
/// </summary>
public sealed class TokenizerProfile
{
    /// <summary>GPT-4o, GPT-4.1, GPT-4.5, GPT-5.x, o1/o3/o4, gpt-oss: tiktoken's o200k_base (exact).</summary>
    public static readonly TokenizerProfile OpenAIO200k = new("openai-o200k", TokenEncoding.O200kBase, 1m, exact: true,
        "tiktoken model map: gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3, o4 and gpt-oss use o200k_base");

    /// <summary>GPT-4 (not 4o/4.1/4.5), GPT-4 Turbo, GPT-3.5: tiktoken's cl100k_base (exact).</summary>
    public static readonly TokenizerProfile OpenAICl100k = new("openai-cl100k", TokenEncoding.Cl100kBase, 1m, exact: true,
        "tiktoken model map: gpt-4, gpt-4-turbo and gpt-3.5-turbo use cl100k_base");

    /// <summary>
    /// Claude 3.x to 4.6: no public tokenizer since Claude 3. Published side-by-side measurements put
    /// Claude 3.5 Sonnet at +16% tokens over GPT-4o on English, +21% on math and +30% on Python
    /// (Vatsal, "Claude's tokenizer is 16-30% more expensive than GPT-4o's", 2024). 1.30 is the top of that range.
    /// </summary>
    public static readonly TokenizerProfile Claude = new("claude", TokenEncoding.O200kBase, 1.30m, exact: false,
        "o200k × 1.30: Claude 3.5 used +16% (English) to +30% (Python) tokens vs GPT-4o in published measurements");

    /// <summary>
    /// Claude Opus 4.7 and later: Anthropic's Opus 4.7 release notes say its new tokenizer uses 1.0–1.35×
    /// the tokens of Opus 4.6 for the same text, so the Claude factor is multiplied by 1.35.
    /// </summary>
    public static readonly TokenizerProfile ClaudeNewTokenizer = new("claude-4.7+", TokenEncoding.O200kBase, 1.76m, exact: false,
        "o200k × 1.76: the Claude factor 1.30 × 1.35 (Anthropic: the Opus 4.7 tokenizer uses 1.0–1.35× the tokens of 4.6)");

    /// <summary>
    /// Gemini 2.x/3.x use the Gemma 3 SentencePiece vocabulary (262k pieces), not shipped yet. Until it is, the
    /// o200k count is scaled by the public fit of coder/ai-tokenizer (npm <c>ai-tokenizer</c>), which models Gemini
    /// as o200k_base with a content multiplier of 1.08, fitted against Google's own counts. A fit, not a bound:
    /// always labelled estimated.
    /// </summary>
    public static readonly TokenizerProfile Gemini = new("gemini", TokenEncoding.O200kBase, 1.08m, exact: false,
        "o200k × 1.08: ai-tokenizer's published fit of Gemini counts (o200k_base, content multiplier 1.08)");

    /// <summary>Any other model (Grok, Mistral, DeepSeek, a user's own): a generic, deliberately high estimate.</summary>
    public static readonly TokenizerProfile Generic = new("generic", TokenEncoding.O200kBase, 1.35m, exact: false,
        "o200k × 1.35: no published tokenizer measurement for this family; a deliberately high estimate");

    private TokenizerProfile(string family, TokenEncoding encoding, decimal factor, bool exact, string basis)
    {
        Family = family;
        Encoding = encoding;
        Factor = factor;
        Exact = exact;
        Basis = basis;
    }

    public string Family { get; }

    public TokenEncoding Encoding { get; }

    /// <summary>Multiplier on the encoding's count (1 for exact profiles).</summary>
    public decimal Factor { get; }

    public bool Exact { get; }

    /// <summary>Where the choice and the factor come from, for reports.</summary>
    public string Basis { get; }

    /// <summary>Chooses the profile for a model id (after price-table resolution, or as written).</summary>
    public static TokenizerProfile ForModel(string model)
    {
        var id = Pricing.ModelIdNormalizer.StripPrefixes(model.Trim().ToLowerInvariant());
        if (id.StartsWith("claude", StringComparison.Ordinal))
        {
            return IsNewClaudeTokenizer(id) ? ClaudeNewTokenizer : Claude;
        }

        if (id.StartsWith("gemini", StringComparison.Ordinal) || id.StartsWith("gemma", StringComparison.Ordinal))
        {
            return Gemini;
        }

        if (id.StartsWith("gpt-4o", StringComparison.Ordinal) || id.StartsWith("gpt-4.1", StringComparison.Ordinal)
            || id.StartsWith("gpt-4.5", StringComparison.Ordinal) || id.StartsWith("gpt-5", StringComparison.Ordinal)
            || id.StartsWith("chatgpt-4o", StringComparison.Ordinal) || id.StartsWith("gpt-oss", StringComparison.Ordinal)
            || id.StartsWith("codex", StringComparison.Ordinal) || IsOSeries(id))
        {
            return OpenAIO200k;
        }

        if (id.StartsWith("gpt-4", StringComparison.Ordinal) || id.StartsWith("gpt-3.5", StringComparison.Ordinal) || id.StartsWith("gpt-35", StringComparison.Ordinal))
        {
            return OpenAICl100k;
        }

        return Generic;
    }

    /// <summary>Counts <paramref name="text"/> for this profile: exact, or the o200k count scaled up and rounded up.</summary>
    public TokenCount Count(string text) => Count(text, System.Threading.CancellationToken.None);

    /// <summary>
    /// Counts <paramref name="text"/> for this profile: exact, or the o200k count scaled up and rounded up. When the
    /// host cannot load the tokenizer, the scaled UTF-8 byte count, an upper bound, marked estimated and with the failure.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public TokenCount Count(string text, System.Threading.CancellationToken cancellationToken)
    {
        var raw = TokenizerAvailability.Count(text, Encoding, cancellationToken, out var failure);
        return failure is null
            ? new TokenCount(Scale(raw), Encoding, Exact)
            : new TokenCount(Exact ? raw : Scale(raw), Encoding, exact: false) { Failure = failure };
    }

    public long Scale(long rawTokens) => Exact ? rawTokens : (long)decimal.Ceiling(rawTokens * Factor);

    private static bool IsOSeries(string id) =>
        id.Length >= 2 && id[0] == 'o' && char.IsDigit(id[1]);

    // claude-opus-4-7, claude-opus-4-8, claude-*-5, claude-fable-5: every model from Opus 4.7 on.
    private static bool IsNewClaudeTokenizer(string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(id, @"-(\d+)(?:[-.](\d+))?(?:-|$)");
        if (!match.Success)
        {
            return false;
        }

        // A version too long for an int ("claude-99999999999") is no known model: it is taken as a later one,
        // whose (higher) factor is the conservative choice, rather than parsed into an overflow.
        var major = int.TryParse(match.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
            ? m
            : int.MaxValue;
        var minor = match.Groups[2].Success && match.Groups[2].Value.Length <= 2
            ? int.Parse(match.Groups[2].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        return major > 4 || (major == 4 && minor >= 7);
    }
}
