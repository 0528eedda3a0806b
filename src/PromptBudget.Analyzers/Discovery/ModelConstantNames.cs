using System.Text;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// Turns an SDK's model enum member into the model id it stands for: <c>ClaudeSonnet4_5</c> →
/// <c>claude-sonnet-4-5</c>, <c>Claude3_7SonnetLatest</c> → <c>claude-3-7-sonnet-latest</c>,
/// <c>ClaudeSonnet4_5_20250929</c> → <c>claude-sonnet-4-5-20250929</c>.
/// </summary>
internal static class ModelConstantNames
{
    public static string FromEnumMember(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                builder.Append('-');
                continue;
            }

            var previous = i > 0 ? name[i - 1] : '\0';
            var boundary = i > 0 && previous != '_' &&
                ((char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))) ||
                 (char.IsDigit(c) && char.IsLetter(previous)));
            if (boundary)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
