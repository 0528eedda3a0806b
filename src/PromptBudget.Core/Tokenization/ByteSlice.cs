using System;
using System.Collections.Generic;

namespace PromptBudget.Core.Tokenization;

/// <summary>A run of bytes inside an array, usable as a dictionary key without copying it out.</summary>
internal readonly struct ByteSlice
{
    public static readonly IEqualityComparer<ByteSlice> Comparer = new SliceComparer();

    public ByteSlice(byte[] array, int start, int length)
    {
        Array = array;
        Start = start;
        Length = length;
    }

    public byte[] Array { get; }

    public int Start { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(Array, Start, Length);

    private sealed class SliceComparer : IEqualityComparer<ByteSlice>
    {
        public bool Equals(ByteSlice x, ByteSlice y) => x.Length == y.Length && x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ByteSlice slice)
        {
            // FNV-1a.
            unchecked
            {
                var hash = (int)2166136261;
                var bytes = slice.Array;
                for (int i = slice.Start, end = slice.Start + slice.Length; i < end; i++)
                {
                    hash = (hash ^ bytes[i]) * 16777619;
                }

                return hash;
            }
        }
    }
}
