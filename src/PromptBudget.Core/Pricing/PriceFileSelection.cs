using System;
using System.IO;

namespace PromptBudget.Core.Pricing;

/// <summary>
/// Which of a project's AdditionalFiles are price files: any named <see cref="FileName"/>, and the one that
/// <c>PromptBudgetPriceFile</c> names. The analyzer prices the estimates with them and the build task prices
/// the usage files' spans with them, so both ask here: observed costs and estimates can never use different prices.
/// </summary>
public static class PriceFileSelection
{
    /// <summary>An AdditionalFiles item with this file name (any case) is read as a price file.</summary>
    public const string FileName = "promptbudget.prices.json";

    /// <summary>Whether <paramref name="path"/> is read as a price file, given <c>PromptBudgetPriceFile</c> (or null).</summary>
    public static bool IsPriceFile(string path, string? configured) =>
        IsConfigured(path, configured) || string.Equals(SafeFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="path"/> is the file <c>PromptBudgetPriceFile</c> names (full paths compared,
    /// ignoring case). A path that cannot be made full is not the configured file; nothing here throws.
    /// </summary>
    public static bool IsConfigured(string path, string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured) || string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        try
        {
            return string.Equals(Path.GetFullPath(path), Path.GetFullPath(configured!.Trim()), StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            return false;
        }
    }

    private static string SafeFileName(string path)
    {
        try
        {
            return Path.GetFileName(path);
        }
        catch (ArgumentException)
        {
            // .NET Framework refuses some characters in a path; such a file is not ours by name.
            return "";
        }
    }
}
