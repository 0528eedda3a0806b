using System;
using System.IO;
using System.IO.Compression;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Decompresses a gzip file member after member (RFC 1952: <c>cat a.gz b.gz</c> and log appenders make
/// several) and checks each member's CRC-32 and length trailer. .NET Framework's GZipStream stops after the
/// first member, and no GZipStream notices a file cut short (it just ends), so the gzip framing is read here
/// and only the deflate data goes to <see cref="DeflateStream"/>. A damaged or truncated member throws
/// <see cref="InvalidDataException"/> before its last bytes are returned as the end of the file.
/// </summary>
internal sealed class GzipMemberStream : Stream
{
    // The inflater is handed the file in chunks of this size, so its read-ahead past a member's end is small
    // and the trailer is found by looking back at most two chunks.
    private const int Chunk = 8192;

    private readonly Stream _file;
    private readonly ChunkReader _chunks;
    private DeflateStream? _inflate;
    private uint _crc;
    private long _size;
    private int _members;

    /// <param name="file">A seekable stream positioned at the first member's header.</param>
    public GzipMemberStream(Stream file)
    {
        _file = file;
        _chunks = new ChunkReader(file);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (true)
        {
            if (_inflate is null && !StartMember())
            {
                return 0;
            }

            var read = _inflate!.Read(buffer, offset, count);
            if (read > 0)
            {
                _crc = Crc32.Update(_crc, buffer, offset, read);
                _size += read;
                return read;
            }

            FinishMember();
        }
    }

    /// <summary>Reads the next member's header; false at the end of the file (after at least one member).</summary>
    private bool StartMember()
    {
        var start = _file.Position;
        var magic = ReadByte(_file);
        if (magic < 0 && _members > 0)
        {
            return false;
        }

        if (magic != 0x1f || ReadByte(_file) != 0x8b || ReadByte(_file) != 8)
        {
            if (_members > 0 && magic == 0 && OnlyZerosFrom(start))
            {
                // Padding after the last member (tapes, some appenders): gzip itself ignores it.
                return false;
            }

            throw new InvalidDataException($"no gzip member starts at byte {start} (it is not a gzip header)");
        }

        var flags = ReadByte(_file);
        Skip(6); // modification time, extra flags, operating system
        if ((flags & 4) != 0)
        {
            var length = ReadByte(_file) | (ReadByte(_file) << 8);
            Skip(length);
        }

        if ((flags & 8) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 16) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 2) != 0)
        {
            Skip(2);
        }

        if (_file.Position > _file.Length)
        {
            throw new InvalidDataException($"the gzip header at byte {start} is cut short");
        }

        _crc = 0;
        _size = 0;
        _chunks.Restart(_file.Position);
        _inflate = new DeflateStream(_chunks, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The inflater reached the end of its data: find the trailer that matches it, or call the member damaged.</summary>
    private void FinishMember()
    {
        _inflate!.Dispose();
        _inflate = null;
        var from = Math.Max(_chunks.MemberDataStart, _chunks.PreviousChunkStart);
        var to = _chunks.HandedEnd;
        var window = new byte[(int)(to - from) + 8];
        _file.Position = from;
        var filled = 0;
        int n;
        while (filled < window.Length && (n = _file.Read(window, filled, window.Length - filled)) > 0)
        {
            filled += n;
        }

        var size = (uint)_size;
        for (var i = 0; i + 8 <= filled; i++)
        {
            if (LittleEndian(window, i) == _crc && LittleEndian(window, i + 4) == size)
            {
                _members++;
                _file.Position = from + i + 8;
                return;
            }
        }

        throw new InvalidDataException(_members == 0 && _size == 0
            ? "the gzip data ends before any content"
            : $"gzip member {_members + 1} ends early or is damaged: no trailer with its CRC-32 and length follows its data");
    }

    private bool OnlyZerosFrom(long start)
    {
        _file.Position = start;
        int b;
        while ((b = _file.ReadByte()) >= 0)
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Skip(long count) => _file.Position += count;

    private void SkipZeroTerminated()
    {
        int b;
        while ((b = _file.ReadByte()) > 0)
        {
        }

        if (b < 0)
        {
            throw new InvalidDataException("the gzip header is cut short");
        }
    }

    private static int ReadByte(Stream stream) => stream.ReadByte();

    private static uint LittleEndian(byte[] b, int i) => (uint)(b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflate?.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Hands the file to the inflater at most <see cref="Chunk"/> bytes at a time and remembers where the last two chunks began.</summary>
    private sealed class ChunkReader : Stream
    {
        private readonly Stream _file;

        public ChunkReader(Stream file) => _file = file;

        public long MemberDataStart { get; private set; }

        public long PreviousChunkStart { get; private set; }

        public long HandedEnd { get; private set; }

        private long _lastChunkStart;

        public void Restart(long position)
        {
            MemberDataStart = PreviousChunkStart = _lastChunkStart = HandedEnd = position;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            _file.Position = HandedEnd;
            var read = _file.Read(buffer, offset, Math.Min(count, Chunk));
            if (read > 0)
            {
                PreviousChunkStart = _lastChunkStart;
                _lastChunkStart = HandedEnd;
                HandedEnd += read;
            }

            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
