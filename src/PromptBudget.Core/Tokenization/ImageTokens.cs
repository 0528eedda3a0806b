using System;
using System.Globalization;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Core.Tokenization;

/// <summary>What one image costs at worst for a model, and the assumption behind the number.</summary>
public sealed class ImageTokenEstimate
{
    public ImageTokenEstimate(long tokens, string assumption)
    {
        Tokens = tokens;
        Assumption = assumption;
    }

    public long Tokens { get; }

    /// <summary>What was assumed (size, detail, formula), for reports.</summary>
    public string Assumption { get; }
}

/// <summary>
/// Input tokens of one image by the providers' published formulas. Sizes are rarely known at compile time, so the
/// worst case is the largest image the provider accepts, at high detail unless the code asks for low.
/// <para>
/// OpenAI (Images and vision guide, "Calculating costs"). Tile models: scale to fit 2048×2048, then so that the
/// shortest side is 768 px, count 512-px tiles; tokens = base + per-tile × tiles, and <c>low</c> detail = base only.
/// The largest image (768×2048 after scaling) has 2×4 = 8 tiles. Base/per tile: gpt-4o, gpt-4.1, gpt-4.5,
/// gpt-4-turbo 85/170 (1024×1024 high = 765); gpt-4o-mini 2,833/5,667; o1, o3 75/150; gpt-5 family (not mini/nano)
/// 70/140; computer-use-preview 65/129. Patch models (32-px patches, at most 1,536, times a multiplier; no detail
/// levels): gpt-4.1-mini and gpt-5-mini ×1.62, gpt-4.1-nano and gpt-5-nano ×2.46, o4-mini ×1.72.
/// </para>
/// <para>
/// Claude (Anthropic vision guide): tokens ≈ width × height / 750; an image over 1,568 px on its long edge or
/// over about 1,600 tokens (1.2 megapixels) is scaled down first, so no image costs more than about 1,600 tokens
/// (the guide's largest unresized sizes, e.g. 1092×1092, are about 1,590).
/// </para>
/// Any other model: no published formula here; the caller counts the image as a dynamic segment (never zero).
/// </summary>
public static class ImageTokens
{
    public const long ClaudeMaxImageTokens = 1600;
    public const int ClaudeMaxLongEdge = 1568;
    public const long ClaudeMaxPixels = ClaudeMaxImageTokens * 750;
    public const int OpenAIMaxTilesHighDetail = 8;
    public const int OpenAIMaxPatches = 1536;

    /// <summary>The worst case of <paramref name="image"/> for <paramref name="model"/>; null when no formula is known.</summary>
    public static ImageTokenEstimate? WorstCase(ImageInput image, string model)
    {
        var id = Pricing.ModelIdNormalizer.StripPrefixes(model.Trim().ToLowerInvariant());
        if (id.StartsWith("claude", StringComparison.Ordinal))
        {
            return Claude(image);
        }

        if (PatchMultiplier(id) is { } multiplier)
        {
            var patches = image.SizeKnown ? Math.Min(OpenAIMaxPatches, Patches(image.Width!.Value, image.Height!.Value)) : OpenAIMaxPatches;
            var tokens = (long)decimal.Ceiling(patches * multiplier);
            return new ImageTokenEstimate(tokens, image.SizeKnown
                ? Text($"{image.Width}×{image.Height} px: {patches} patches × {multiplier} (OpenAI patch formula)")
                : Text($"size unknown: the maximum of {OpenAIMaxPatches} 32-px patches × {multiplier} = {tokens} tokens (OpenAI patch formula)"));
        }

        if (Tiles(id) is { } tile)
        {
            if (image.Detail == ImageDetail.Low)
            {
                return new ImageTokenEstimate(tile.Base, Text($"detail low: {tile.Base} tokens (OpenAI tile formula)"));
            }

            var detail = image.Detail == ImageDetail.High ? "detail high" : "detail not low (auto may choose high)";
            if (image.SizeKnown)
            {
                var tiles = OpenAITiles(image.Width!.Value, image.Height!.Value);
                var known = tile.Base + (tile.PerTile * tiles);
                return new ImageTokenEstimate(known, Text($"{image.Width}×{image.Height} px, {detail}: {tile.Base} + {tile.PerTile} × {tiles} tiles (OpenAI tile formula)"));
            }

            var worst = tile.Base + (tile.PerTile * OpenAIMaxTilesHighDetail);
            return new ImageTokenEstimate(worst, Text($"size unknown, {detail}: the largest image (768×2048 after scaling, 8 tiles) = {tile.Base} + {tile.PerTile} × 8 = {worst} tokens (OpenAI tile formula)"));
        }

        return null;
    }

    /// <summary>OpenAI's high-detail tile count: fit in 2048×2048, shortest side to 768 px, then 512-px tiles.</summary>
    public static int OpenAITiles(int width, int height)
    {
        double w = width, h = height;
        if (w > 2048 || h > 2048)
        {
            var scale = 2048 / Math.Max(w, h);
            w = Math.Floor(w * scale);
            h = Math.Floor(h * scale);
        }

        if (Math.Min(w, h) > 768)
        {
            var scale = 768 / Math.Min(w, h);
            w = Math.Floor(w * scale);
            h = Math.Floor(h * scale);
        }

        return (int)(Math.Ceiling(w / 512) * Math.Ceiling(h / 512));
    }

    private static ImageTokenEstimate Claude(ImageInput image)
    {
        if (!image.SizeKnown)
        {
            return new ImageTokenEstimate(ClaudeMaxImageTokens, Text($"size unknown: Anthropic's largest image before resizing, about {ClaudeMaxImageTokens} tokens (width × height / 750)"));
        }

        double w = image.Width!.Value, h = image.Height!.Value;
        var scale = Math.Min(1, Math.Min(ClaudeMaxLongEdge / Math.Max(w, h), Math.Sqrt(ClaudeMaxPixels / (w * h))));
        w = Math.Floor(w * scale);
        h = Math.Floor(h * scale);
        var tokens = Math.Min(ClaudeMaxImageTokens, (long)Math.Ceiling(w * h / 750));
        return new ImageTokenEstimate(tokens, Text($"{image.Width}×{image.Height} px: width × height / 750 (Anthropic vision guide)"));
    }

    private static long Patches(int width, int height) => (long)Math.Ceiling(width / 32.0) * (long)Math.Ceiling(height / 32.0);

    private static decimal? PatchMultiplier(string id)
    {
        if (id.StartsWith("gpt-4.1-mini", StringComparison.Ordinal) || id.StartsWith("gpt-5-mini", StringComparison.Ordinal))
        {
            return 1.62m;
        }

        if (id.StartsWith("gpt-4.1-nano", StringComparison.Ordinal) || id.StartsWith("gpt-5-nano", StringComparison.Ordinal))
        {
            return 2.46m;
        }

        return id.StartsWith("o4-mini", StringComparison.Ordinal) ? 1.72m : null;
    }

    private static (long Base, long PerTile)? Tiles(string id)
    {
        if (id.StartsWith("gpt-4o-mini", StringComparison.Ordinal))
        {
            return (2833, 5667);
        }

        if (id.StartsWith("gpt-4o", StringComparison.Ordinal) || id.StartsWith("chatgpt-4o", StringComparison.Ordinal) || id.StartsWith("gpt-4.1", StringComparison.Ordinal)
            || id.StartsWith("gpt-4.5", StringComparison.Ordinal) || id.StartsWith("gpt-4-turbo", StringComparison.Ordinal))
        {
            return (85, 170);
        }

        if (id.StartsWith("o1", StringComparison.Ordinal) || id.StartsWith("o3", StringComparison.Ordinal))
        {
            return (75, 150);
        }

        if (id.StartsWith("gpt-5", StringComparison.Ordinal))
        {
            return (70, 140);
        }

        return id.StartsWith("computer-use-preview", StringComparison.Ordinal) ? (65, 129) : null;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
