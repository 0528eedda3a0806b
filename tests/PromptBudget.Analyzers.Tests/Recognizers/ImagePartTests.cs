using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>Image parts of messages, against the real SDKs: worst case per image by the provider's formula.</summary>
public class ImagePartTests
{
    [Fact]
    public async Task OpenAIImagePartsCostTheLargestImageAtHighDetailUnlessTheCodeSaysLow()
    {
        const string source = """
            using System;
            using OpenAI.Chat;

            class Bot
            {
                void Ask(BinaryData photo)
                {
                    var client = new ChatClient("gpt-4o", "key");
                    client.{|#0:CompleteChat|}(
                        new ChatMessage[]
                        {
                            new UserChatMessage(
                                ChatMessageContentPart.CreateTextPart("What is in these pictures?"),
                                ChatMessageContentPart.CreateImagePart(new Uri("https://example.com/a.png")),
                                ChatMessageContentPart.CreateImagePart(photo, "image/png", ChatImageDetailLevel.Low)),
                        },
                        new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        // gpt-4o: 85 + 170 × 8 tiles for an image of unknown size (768×2048 after scaling), 85 for low detail.
        Assert.Equal(1445 + 85, site.ImageTokens);
        Assert.Equal(Expected.OpenAIInputTokens("What is in these pictures?") + 1445 + 85, site.InputTokens);
        Assert.Equal(0, site.UnboundedSegments);
        Assert.False(site.Exact);
        Assert.Contains("size unknown", site.Assumptions);
        Assert.Contains("detail low", site.Assumptions);
    }

    [Fact]
    public async Task ExtensionsAIImageContentsAreImagesAndOtherMediaAreUnbounded()
    {
        const string source = """
            using System;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class Bot
            {
                async System.Threading.Tasks.Task Ask(byte[] bytes)
                {
                    IChatClient client = new ChatClient("gpt-4o-mini", "key").AsIChatClient();
                    var message = new Microsoft.Extensions.AI.ChatMessage(ChatRole.User,
                    [
                        new TextContent("Describe the photo."),
                        new DataContent(bytes, "image/jpeg"),
                        new UriContent("https://example.com/b.webp", "image/webp"),
                    ]);
                    await client.{|#0:GetResponseAsync|}([message], new ChatOptions { MaxOutputTokens = 100 });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        // gpt-4o-mini: 2,833 + 5,667 × 8 per image of unknown size.
        Assert.Equal(2 * (2833 + (8 * 5667)), site.ImageTokens);
        Assert.Equal(Expected.OpenAIInputTokens("Describe the photo.") + site.ImageTokens, site.InputTokens);
    }

    [Fact]
    public async Task AnthropicImageBlocksCostUpToAbout1600Tokens()
    {
        const string source = """
            using Anthropic;
            using Anthropic.Models.Messages;

            class Bot
            {
                void Ask(AnthropicClient client)
                {
                    client.Messages.{|#0:Create|}(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 500,
                        Messages =
                        [
                            new UserMessageParam(new System.Collections.Generic.List<ContentBlockParam>
                            {
                                new TextBlockParam("What is this?"),
                                new ImageBlockParam(new UrlImageSource("https://example.com/c.jpg")),
                            }),
                        ],
                    });
                }
            }
            """;

        var site = await AnalyzerRun.SingleCallSiteAsync(source);

        Assert.Equal(1600, site.ImageTokens);
        Assert.Equal(Expected.ClaudeInputTokens("What is this?") + 1600, site.InputTokens);
        // The margin (2.5%) covers the estimated text and framing, not the image's formula.
        Assert.Equal(Expected.UpperBound(Expected.ClaudeInputTokens("What is this?"), 0.025m) + 1600, site.InputTokensUpperBound);
    }
}
