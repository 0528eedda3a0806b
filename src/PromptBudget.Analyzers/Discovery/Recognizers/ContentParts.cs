using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Messages made of content parts, for the chat recognizers: text parts are the message's text, image parts are
/// images (counted by the provider's image formula), anything else a dynamic part. OpenAI
/// <c>ChatMessageContentPart.CreateTextPart/CreateImagePart(uri|bytes, …, detail)</c>; Microsoft.Extensions.AI
/// <c>TextContent</c>, <c>DataContent</c>/<c>UriContent</c> with an <c>image/…</c> media type; Anthropic
/// <c>TextBlockParam</c> and <c>ImageBlockParam</c>.
/// </summary>
internal static class ContentParts
{
    public static MessageValue OpenAI(MessageRole role, IOperation parts, IOperation site, RecognitionContext context)
    {
        var text = new JsonParts();
        var message = new System.Collections.Generic.List<ImageValue>();
        foreach (var part in ElementsOrSelf(parts, site, context))
        {
            switch (context.Tracker.Definition(part, context.CancellationToken))
            {
                case IInvocationOperation { TargetMethod.Name: "CreateTextPart", Arguments.Length: > 0 } textPart:
                    text.Append(context.Text(textPart.Arguments[0].Value));
                    break;
                case IInvocationOperation { TargetMethod.Name: "CreateImagePart", Arguments.Length: > 0 } image:
                    message.Add(new ImageValue(image.Arguments[0].Value.Syntax.ToString(), OpenAIDetail(image, context)));
                    break;
                default:
                    text.Dynamic(SegmentName.Shorten(part.Syntax.ToString()));
                    break;
            }
        }

        return With(new MessageValue(role, text.ToValue()), message);
    }

    public static MessageValue ExtensionsAI(MessageRole role, IOperation contents, IOperation site, RecognitionContext context)
    {
        var text = new JsonParts();
        var images = new System.Collections.Generic.List<ImageValue>();
        foreach (var part in ElementsOrSelf(contents, site, context))
        {
            var definition = context.Tracker.Definition(part, context.CancellationToken);
            switch (definition)
            {
                case IObjectCreationOperation { Type.Name: "TextContent", Arguments.Length: > 0 } textContent:
                    text.Append(context.Text(textContent.Arguments[0].Value));
                    break;
                case IObjectCreationOperation { Type.Name: "DataContent" or "UriContent" } data
                    when RecognitionContext.Argument(data, "mediaType") is { } mediaType && context.Text(mediaType) is { IsConstant: true } media
                         && media.StaticText.StartsWith("image/", System.StringComparison.OrdinalIgnoreCase):
                    images.Add(new ImageValue(data.Arguments[0].Value.Syntax.ToString(), ImageDetail.Unspecified));
                    break;
                default:
                    text.Dynamic(SegmentName.Shorten(part.Syntax.ToString()));
                    break;
            }
        }

        return With(new MessageValue(role, text.ToValue()), images);
    }

    /// <summary>True when an Anthropic content value is a list of blocks rather than a string.</summary>
    public static bool IsBlockList(IOperation content, IOperation site, RecognitionContext context) =>
        ValueTracker.Unwrap(content).Type?.SpecialType != SpecialType.System_String && context.Elements(content, site).Count > 0;

    public static MessageValue Anthropic(MessageRole role, IOperation content, IOperation site, RecognitionContext context)
    {
        var text = new JsonParts();
        var images = new System.Collections.Generic.List<ImageValue>();
        foreach (var block in context.Elements(content, site))
        {
            switch (context.Tracker.Definition(block, context.CancellationToken))
            {
                case IObjectCreationOperation { Type.Name: "TextBlockParam" } textBlock
                    when (RecognitionContext.Argument(textBlock, "text") ?? context.PropertyValue(textBlock, "Text", site)) is { } value:
                    text.Append(context.Text(value));
                    break;
                case IObjectCreationOperation { Type.Name: "ImageBlockParam" } image:
                    var source = (image.Arguments.Length > 0 ? image.Arguments[0].Value : null) ?? context.PropertyValue(image, "Source", site);
                    images.Add(new ImageValue(source?.Syntax.ToString() ?? image.Syntax.ToString(), ImageDetail.Unspecified));
                    break;
                default:
                    text.Dynamic(SegmentName.Shorten(block.Syntax.ToString()));
                    break;
            }
        }

        return With(new MessageValue(role, text.ToValue()), images);
    }

    private static MessageValue With(MessageValue message, System.Collections.Generic.List<ImageValue> images)
    {
        message.Images.AddRange(images);
        return message;
    }

    private static System.Collections.Generic.IEnumerable<IOperation> ElementsOrSelf(IOperation parts, IOperation site, RecognitionContext context)
    {
        var elements = context.Elements(parts, site);
        return elements.Count > 0 ? elements : new[] { parts };
    }

    // ChatImageDetailLevel.Low/High/Auto (static properties of a struct), or a value not known at compile time.
    private static ImageDetail OpenAIDetail(IInvocationOperation image, RecognitionContext context)
    {
        foreach (var argument in image.Arguments)
        {
            if (argument.Parameter?.Name == "imageDetailLevel" && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                var value = context.Tracker.Definition(argument.Value, context.CancellationToken);
                return value switch
                {
                    IPropertyReferenceOperation { Property.Name: "Low" } => ImageDetail.Low,
                    IPropertyReferenceOperation { Property.Name: "High" } => ImageDetail.High,
                    IPropertyReferenceOperation { Property.Name: "Auto" } => ImageDetail.Unspecified,
                    ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } => ImageDetail.Unspecified,
                    IDefaultValueOperation => ImageDetail.Unspecified,
                    _ => ImageDetail.NotKnown,
                };
            }
        }

        return ImageDetail.Unspecified;
    }
}
