using System.IO;
using System.Text;

namespace PromptBudget.Build.Reports;

/// <summary>Writes a report as UTF-8 without a BOM, leaving the file (and its time stamp) alone when the bytes are the same.</summary>
public static class ReportFileWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string content)
    {
        var bytes = Utf8.GetBytes(content);
        if (File.Exists(path) && SameBytes(File.ReadAllBytes(path), bytes))
        {
            return;
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Deletes a report file if it is there; a file that cannot be deleted is left (the next build tries again).</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
        {
            // Left in place: deleting an old report is tidiness, not correctness.
        }
    }

    /// <summary>Whether the JSON report at <paramref name="path"/> is this project's and target framework's (never someone else's in a shared folder).</summary>
    public static bool WrittenBy(string path, string project, string targetFramework)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            var root = PromptBudget.Core.Json.JsonReader.Parse(File.ReadAllText(path));
            return root.GetString("project") == project && (root.GetString("targetFramework") ?? "") == targetFramework;
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException || ex is PromptBudget.Core.Json.JsonParseException)
        {
            return false;
        }
    }

    private static bool SameBytes(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}
