namespace PromptBudget.Build.Usage;

/// <summary>
/// CRC-32 (IEEE 802.3, the one gzip trailers carry), slicing by 4: netstandard2.0 has no
/// System.IO.Hashing, and a usage file of hundreds of megabytes must be checked in well under a second.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = Build();

    public static uint Update(uint crc, byte[] buffer, int offset, int count)
    {
        var t = Table;
        crc = ~crc;
        var i = offset;
        var end = offset + count;
        for (; i + 4 <= end; i += 4)
        {
            crc ^= (uint)(buffer[i] | (buffer[i + 1] << 8) | (buffer[i + 2] << 16) | (buffer[i + 3] << 24));
            crc = t[768 + (crc & 0xFF)] ^ t[512 + ((crc >> 8) & 0xFF)] ^ t[256 + ((crc >> 16) & 0xFF)] ^ t[crc >> 24];
        }

        for (; i < end; i++)
        {
            crc = t[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] Build()
    {
        var table = new uint[1024];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (var n = 0; n < 256; n++)
        {
            for (var s = 1; s < 4; s++)
            {
                var previous = table[((s - 1) * 256) + n];
                table[(s * 256) + n] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return table;
    }
}
