using System;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// How one model family's tokens are counted: an encoding, and where the provider's tokenizer is not public, the
/// fitted content factor of a reference (ai-tokenizer 1.0.6, npm, MIT: coder/ai-tokenizer src/models.json) applied to
/// that encoding's count, the chat framing, and the family's error margin. An estimated count is the fit's value
/// (rounded as the reference rounds); its upper bound, which budgets and the worst-case cost use, adds the margin.
/// </summary>
public sealed class TokenizerProfile
{
    /// <summary>GPT-4o, GPT-4.1, GPT-4.5, GPT-5.x, o1/o3/o4, gpt-oss: tiktoken's o200k_base (exact).</summary>
    public static readonly TokenizerProfile OpenAIO200k = new("openai-o200k", TokenEncoding.O200kBase, 1m, 0m, ChatFraming.OpenAI, exact: true,
        "tiktoken model map: gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1, o3, o4 and gpt-oss use o200k_base");

    /// <summary>GPT-4 (not 4o/4.1/4.5), GPT-4 Turbo, GPT-3.5: tiktoken's cl100k_base (exact).</summary>
    public static readonly TokenizerProfile OpenAICl100k = new("openai-cl100k", TokenEncoding.Cl100kBase, 1m, 0m, ChatFraming.OpenAI, exact: true,
        "tiktoken model map: gpt-4, gpt-4-turbo and gpt-3.5-turbo use cl100k_base");

    /// <summary>
    /// Claude 3.x to 4.6: no public tokenizer since Claude 3. Counted with Anthropic's legacy Claude vocabulary
    /// (npm <c>@anthropic-ai/tokenizer</c>) × 1.1, the <c>contentMultiplier</c> ai-tokenizer 1.0.6 fits for every
    /// anthropic/* model (Claude 3 Haiku to Opus 4.5) against the API's counts. Its published accuracy (accuracy.json of
    /// v1.0.6, ~500/5k/50k-token requests) is 97.61–99.98%, always under the API's count: at worst 612 predicted for 627
    /// actual (Claude 3 Haiku), 2.45% more than predicted, so the upper bound adds 2.5%.
    /// </summary>
    public static readonly TokenizerProfile Claude = new("claude", TokenEncoding.Claude, 1.1m, 0.025m, ChatFraming.Claude, exact: false,
        "legacy Claude vocabulary × 1.1 (ai-tokenizer 1.0.6 fit of Claude 3.x–4.5; published accuracy 97.6–100%, margin +2.5%)");

    /// <summary>
    /// Claude Opus 4.7 and later: Anthropic's Opus 4.7 migration guide says its new tokenizer uses "roughly 1.0 to 1.35x
    /// as many tokens" as 4.6, so the Claude count is multiplied by 1.35 (1.1 × 1.35 = 1.485). Independent measurements
    /// with Anthropic's count_tokens endpoint found up to 1.47× on English technical text (claudecodecamp.com, "I measured
    /// Claude 4.7's new tokenizer", 2026): the margin, 12%, covers 1.47 / 1.35 × the Claude margin 1.025 = 1.116.
    /// </summary>
    public static readonly TokenizerProfile ClaudeNewTokenizer = new("claude-4.7+", TokenEncoding.Claude, 1.485m, 0.12m, ChatFraming.Claude, exact: false,
        "legacy Claude vocabulary × 1.1 × 1.35 (Anthropic: the Opus 4.7 tokenizer uses 1.0–1.35× the tokens of 4.6; up to 1.47× measured, margin +12%)");

    /// <summary>
    /// Gemini 2.x/3.x use the Gemma 3 SentencePiece vocabulary (262k pieces), not shipped. ai-tokenizer 1.0.6 models
    /// Gemini 2.0 Flash(-Lite), 2.5 Flash(-Lite), 2.5 Pro and 3 Pro (preview) as o200k_base × 1.08 (<c>contentMultiplier</c>),
    /// fitted against Google's counts. Its published accuracy for them is 97.97–99.95%, in both directions: at worst 2.0%
    /// off the prediction (Gemini 2.0 Flash, 503 for 493; Gemini 3 Pro 455 for 461), so the upper bound adds 2%.
    /// </summary>
    public static readonly TokenizerProfile Gemini = new("gemini", TokenEncoding.O200kBase, 1.08m, 0.02m, ChatFraming.Gemini, exact: false,
        "o200k × 1.08 (ai-tokenizer 1.0.6 fit of Gemini 2.x/3; published accuracy 98.0–99.95%, margin +2%)");

    /// <summary>
    /// Gemini 2.5 Flash and Flash-Lite previews of 09-2025: ai-tokenizer 1.0.6 fits them separately (o200k × 1.11,
    /// no framing overhead) with a published accuracy of 92.53% at ~500 tokens (458 predicted for 495): margin 8.5%.
    /// </summary>
    public static readonly TokenizerProfile GeminiPreview092025 = new("gemini-2.5-preview-09-2025", TokenEncoding.O200kBase, 1.11m, 0.085m, ChatFraming.GeminiPreview092025, exact: false,
        "o200k × 1.11 (ai-tokenizer 1.0.6 fit of the Gemini 2.5 previews of 09-2025; published accuracy 92.5–99.7%, margin +8.5%)");

    /// <summary>
    /// Any other model (Grok, Mistral, DeepSeek, a user's own): o200k × 1.35, a deliberately high factor with no
    /// reference to measure it against, so no margin is added to it.
    /// </summary>
    public static readonly TokenizerProfile Generic = new("generic", TokenEncoding.O200kBase, 1.35m, 0m, ChatFraming.OpenAIAsEstimate, exact: false,
        "o200k × 1.35: no published tokenizer measurement for this family; a deliberately high estimate");

    private TokenizerProfile(string family, TokenEncoding encoding, decimal factor, decimal margin, ChatFraming framing, bool exact, string basis)
    {
        Family = family;
        Encoding = encoding;
        Factor = factor;
        Margin = margin;
        Framing = framing;
        Exact = exact;
        Basis = basis;
    }

    public string Family { get; }

    public TokenEncoding Encoding { get; }

    /// <summary>Multiplier on the encoding's count of message text (1 for exact profiles): the reference's content factor.</summary>
    public decimal Factor { get; }

    /// <summary>
    /// The family's error margin as a fraction (0.025 = 2.5%): the upper bound of an estimated count is the count plus
    /// this share of its estimated part. 0 for exact counts and for the deliberately high generic factor.
    /// </summary>
    public decimal Margin { get; }

    /// <summary>The tokens the provider adds around the messages.</summary>
    public ChatFraming Framing { get; }

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

        if (id.StartsWith("gemini-2.5-flash", StringComparison.Ordinal) && id.IndexOf("preview-09-2025", StringComparison.Ordinal) >= 0)
        {
            return GeminiPreview092025;
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

    /// <summary>Counts <paramref name="text"/> for this profile: exact, or the encoding's count scaled by the fitted factor.</summary>
    public TokenCount Count(string text) => Count(text, System.Threading.CancellationToken.None);

    /// <summary>
    /// Counts <paramref name="text"/> for this profile: exact, or the encoding's count scaled by the fitted factor. When the
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

    /// <summary>
    /// The estimate of a text whose encoding count is <paramref name="rawTokens"/>: rounded half up, as ai-tokenizer's
    /// <c>Math.round(tokens * contentMultiplier)</c> rounds each content part (the margin is added to the total later).
    /// </summary>
    public long Scale(long rawTokens) =>
        Exact ? rawTokens : (long)decimal.Round(rawTokens * Factor, MidpointRounding.AwayFromZero);

    /// <summary>The upper bound of an estimated part of <paramref name="tokens"/> tokens: the part plus the margin, rounded up.</summary>
    public long MarginTokens(long tokens) =>
        Margin == 0m || tokens <= 0 ? 0 : (long)decimal.Ceiling(tokens * Margin);

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
