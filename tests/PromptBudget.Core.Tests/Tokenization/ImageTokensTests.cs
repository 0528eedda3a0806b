using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

/// <summary>Image tokens by the providers' published formulas and their worked examples.</summary>
public class ImageTokensTests
{
    [Theory]
    // OpenAI vision guide: "a 1024 x 1024 square image in detail: high mode costs 765 tokens" (4 tiles).
    [InlineData("gpt-4o", 1024, 1024, 765)]
    // "a 2048 x 4096 image in detail: high mode costs 1105 tokens" (scaled to 1024×2048, then 768×1536: 6 tiles).
    [InlineData("gpt-4o", 2048, 4096, 1105)]
    [InlineData("gpt-4.1", 512, 512, 255)]
    [InlineData("gpt-4o-mini", 1024, 1024, 2833 + (4 * 5667))]
    [InlineData("o3", 1024, 1024, 75 + (4 * 150))]
    [InlineData("gpt-5", 1024, 1024, 70 + (4 * 140))]
    public void OpenAITileFormulaForAKnownSize(string model, int width, int height, long tokens) =>
        Assert.Equal(tokens, ImageTokens.WorstCase(new ImageInput("img", ImageDetail.High, width, height), model)!.Tokens);

    [Theory]
    [InlineData("gpt-4o", 85 + (8 * 170))]
    [InlineData("gpt-4o-2024-08-06", 85 + (8 * 170))]
    [InlineData("gpt-4o-mini", 2833 + (8 * 5667))]
    [InlineData("o1", 75 + (8 * 150))]
    [InlineData("gpt-5.1", 70 + (8 * 140))]
    public void AnUnknownSizeIsTheLargestImageAtHighDetail(string model, long tokens)
    {
        var estimate = ImageTokens.WorstCase(new ImageInput("imageBytes"), model)!;

        Assert.Equal(tokens, estimate.Tokens);
        Assert.Contains("size unknown", estimate.Assumption);
        Assert.Equal(8, ImageTokens.OpenAITiles(768, 2048));
        Assert.Equal(8, ImageTokens.OpenAITiles(4000, 12000));
    }

    [Theory]
    [InlineData("gpt-4o", 85)]
    [InlineData("gpt-4o-mini", 2833)]
    [InlineData("o3", 75)]
    public void LowDetailIsTheBaseOnly(string model, long tokens) =>
        Assert.Equal(tokens, ImageTokens.WorstCase(new ImageInput("img", ImageDetail.Low), model)!.Tokens);

    [Theory]
    [InlineData("gpt-4.1-mini", 2489)] // ceil(1536 × 1.62)
    [InlineData("gpt-4.1-nano", 3779)] // ceil(1536 × 2.46)
    [InlineData("o4-mini", 2642)]      // ceil(1536 × 1.72)
    public void PatchModelsCostAtMost1536PatchesTimesTheirMultiplier(string model, long tokens) =>
        Assert.Equal(tokens, ImageTokens.WorstCase(new ImageInput("img", ImageDetail.Low), model)!.Tokens);

    [Fact]
    public void ClaudeIsWidthTimesHeightOver750UpToAbout1600Tokens()
    {
        // Anthropic vision guide: 1092×1092 (1:1, the largest unresized square) ≈ 1,590 tokens; 200×200 ≈ 54.
        Assert.Equal(1590, ImageTokens.WorstCase(new ImageInput("img", ImageDetail.Unspecified, 1092, 1092), "claude-sonnet-4-5")!.Tokens);
        Assert.Equal(54, ImageTokens.WorstCase(new ImageInput("img", ImageDetail.Unspecified, 200, 200), "claude-sonnet-4-5")!.Tokens);
        Assert.True(ImageTokens.WorstCase(new ImageInput("img", ImageDetail.Unspecified, 8000, 8000), "claude-sonnet-4-5")!.Tokens <= 1600);
        Assert.Equal(1600, ImageTokens.WorstCase(new ImageInput("img"), "claude-opus-4-1")!.Tokens);
    }

    [Fact]
    public void AModelWithNoFormulaCountsTheImageAsAnUnboundedPart()
    {
        Assert.Null(ImageTokens.WorstCase(new ImageInput("img"), "gemini-2.5-pro"));

        var shape = new PromptShape("gemini-2.5-pro", new[] { new PromptMessage(MessageRole.User, "What is this?") { Images = new[] { new ImageInput("photo") } } });
        var e = new CostEstimator(PriceTable.Default).Estimate(shape);

        Assert.Equal(1, e.UnboundedSegments);
        Assert.Contains(e.Assumptions, a => a.Contains("no image token formula"));
    }

    [Fact]
    public void ImagesAddToTheInputAndMakeTheCountAnEstimate()
    {
        var shape = new PromptShape("gpt-4o", new[] { new PromptMessage(MessageRole.User, "Describe it.") { Images = new[] { new ImageInput("photo", ImageDetail.High, 1024, 1024) } } });
        var e = new CostEstimator(PriceTable.Default).Estimate(shape);

        Assert.Equal(765, e.ImageTokens);
        Assert.Equal(TokenizerRegistry.Count("Describe it.", TokenEncoding.O200kBase) + 4 + 3 + 765, e.InputTokens);
        Assert.False(e.Exact);
    }
}
