using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PromptBudget.Build.Model;

/// <summary>
/// The stable id of a call site: the first 12 hex digits of SHA-256 over
/// <c>relative file (forward slashes) | member | ordinal</c>. The line is not part of it, so an id
/// survives edits above the call and reports can be diffed.
/// </summary>
public static class CallSiteId
{
    public const int Length = 12;

    public static string Compute(string relativeFile, string member, int ordinal)
    {
        var key = relativeFile.Replace('\\', '/') + "|" + member + "|" + ordinal.ToString(CultureInfo.InvariantCulture);
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
        }

        var builder = new StringBuilder(Length);
        for (var i = 0; i < Length / 2; i++)
        {
            builder.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
