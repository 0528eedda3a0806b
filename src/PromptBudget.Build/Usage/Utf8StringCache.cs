using System.Collections.Generic;
using System.Text;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Strings of a usage file (models, file paths, features) repeat on every span: each distinct byte sequence
/// is decoded once and the same string returned after. Bounded, so a file of a million distinct values costs
/// a million decodes and no more memory than <see cref="MaxEntries"/> entries.
/// </summary>
internal sealed class Utf8StringCache
{
    public const int MaxEntries = 4096;
    public const int MaxCachedLength = 512;

    private readonly Dictionary<ulong, (byte[] Bytes, string Text)> _entries = new();

    /// <summary>The text of the JSON string whose raw bytes (between the quotes) are <paramref name="b"/>[start, end).</summary>
    public string Get(byte[] b, int start, int end, bool escaped)
    {
        var length = end - start;
        if (length > MaxCachedLength)
        {
            return Decode(b, start, end, escaped);
        }

        var hash = 14695981039346656037UL;
        for (var i = start; i < end; i++)
        {
            hash = (hash ^ b[i]) * 1099511628211UL;
        }

        if (_entries.TryGetValue(hash, out var entry) && Same(entry.Bytes, b, start, length))
        {
            return entry.Text;
        }

        var text = Decode(b, start, end, escaped);
        if (_entries.Count < MaxEntries && entry.Bytes is null)
        {
            var copy = new byte[length];
            System.Buffer.BlockCopy(b, start, copy, 0, length);
            _entries[hash] = (copy, text);
        }

        return text;
    }

    private static bool Same(byte[] kept, byte[] b, int start, int length)
    {
        if (kept.Length != length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (kept[i] != b[start + i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes a JSON string's raw bytes (escapes already checked by the scanner).</summary>
    public static string Decode(byte[] b, int start, int end, bool escaped)
    {
        if (!escaped)
        {
            return Encoding.UTF8.GetString(b, start, end - start);
        }

        var text = new StringBuilder(end - start);
        var run = start;
        for (var i = start; i < end; i++)
        {
            if (b[i] != (byte)'\\')
            {
                continue;
            }

            text.Append(Encoding.UTF8.GetString(b, run, i - run));
            var c = (char)b[++i];
            switch (c)
            {
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u':
                    text.Append((char)System.Convert.ToInt32(Encoding.ASCII.GetString(b, i + 1, 4), 16));
                    i += 4;
                    break;
                default: text.Append(c); break;
            }

            run = i + 1;
        }

        text.Append(Encoding.UTF8.GetString(b, run, end - run));
        return text.ToString();
    }
}
