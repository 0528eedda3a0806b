using System;
using System.IO;
using System.Text;

namespace PromptBudget.Core.Reporting;

/// <summary>Paths relative to the project directory, with forward slashes on every OS.</summary>
public static class ProjectPaths
{
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// <paramref name="fullPath"/> relative to <paramref name="projectDirectory"/> (<c>../</c> for files
    /// outside it); the full path, with forward slashes, when they share no root.
    /// </summary>
    public static string Relative(string fullPath, string projectDirectory)
    {
        var to = Normalize(fullPath);
        if (string.IsNullOrWhiteSpace(projectDirectory))
        {
            return to;
        }

        var fromParts = Normalize(FullPath(projectDirectory)).TrimEnd('/').Split('/');
        var toParts = to.Split('/');
        var common = 0;
        while (common < fromParts.Length && common < toParts.Length - 1 && string.Equals(fromParts[common], toParts[common], PathComparison))
        {
            common++;
        }

        // Nothing but the root in common (another drive, or '/' alone): the full path says more than '../../..'.
        if (common == 0 || (common == 1 && fromParts[0].Length == 0 && fromParts.Length > 1))
        {
            return to;
        }

        var builder = new StringBuilder();
        for (var i = common; i < fromParts.Length; i++)
        {
            builder.Append("../");
        }

        builder.Append(string.Join("/", toParts, common, toParts.Length - common));
        return builder.ToString();
    }

    /// <summary>A file URI (as the compiler writes it) or a path, as a full local path.</summary>
    public static string ToLocalPath(string uriOrPath, string projectDirectory)
    {
        string path;
        if (uriOrPath.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(uriOrPath, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            path = uri.LocalPath;
        }
        else if (uriOrPath.IndexOf("://", StringComparison.Ordinal) < 0 && uriOrPath.IndexOf('%') >= 0)
        {
            path = Uri.UnescapeDataString(uriOrPath);
        }
        else
        {
            path = uriOrPath;
        }

        try
        {
            return Path.GetFullPath(Path.IsPathRooted(path) || projectDirectory.Length == 0 ? path : Path.Combine(projectDirectory, path));
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            return path;
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            return path;
        }
    }
}
