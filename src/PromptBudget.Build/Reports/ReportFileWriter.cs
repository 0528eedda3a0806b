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
