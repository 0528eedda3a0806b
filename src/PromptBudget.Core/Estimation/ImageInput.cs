namespace PromptBudget.Core.Estimation;

/// <summary>The detail level a call asks for an image (OpenAI's <c>detail</c>; other providers have none).</summary>
public enum ImageDetail
{
    /// <summary>Not set, or <c>auto</c>: the provider may choose high detail, so the worst case is high.</summary>
    Unspecified,

    Low,

    High,

    /// <summary>Set in code, but not to a constant: counted as high.</summary>
    NotKnown,
}

/// <summary>
/// An image part of a message. Its pixel size is rarely known at compile time (bytes read at run time, a URL):
/// then the worst case is the largest image the provider accepts.
/// </summary>
public sealed class ImageInput
{
    public ImageInput(string source, ImageDetail detail = ImageDetail.Unspecified, int? width = null, int? height = null)
    {
        Source = source;
        Detail = detail;
        Width = width;
        Height = height;
    }

    /// <summary>The code that gives the image (shortened), for reports.</summary>
    public string Source { get; }

    public ImageDetail Detail { get; }

    public int? Width { get; }

    public int? Height { get; }

    public bool SizeKnown => Width is > 0 && Height is > 0;
}
