using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Counts the tokens of one long pre-tokenised piece in O(n log n). tiktoken (and Microsoft.ML.Tokenizers
/// 2.0.1) merge a piece by scanning every adjacent pair for the lowest rank on each merge, which is
/// quadratic in the piece's length. This makes the same merges in the same order: each merge takes
/// the adjacent pair of lowest rank, the leftmost of equal ranks, and the pairs are kept in a heap
/// ordered by (rank, start) instead of being rescanned. The result is therefore exactly tiktoken's.
/// </summary>
internal sealed class LongPieceEncoder
{
    private const int NoRank = int.MaxValue;
    private const int MergesBetweenCancellationChecks = 4096;

    private readonly Dictionary<ByteSlice, int> _ranks;

    public LongPieceEncoder(Dictionary<ByteSlice, int> ranks) => _ranks = ranks;

    public static LongPieceEncoder Load(TokenEncoding encoding)
    {
        using var vocabulary = TiktokenData.OpenVocabulary(encoding);
        return new LongPieceEncoder(TiktokenData.ReadRanks(vocabulary));
    }

    /// <summary>The number of tokens of <paramref name="text"/>[<paramref name="offset"/>..+<paramref name="length"/>], one piece.</summary>
    public int Count(string text, int offset, int length, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Substring(offset, length));
        return CountBytes(bytes, cancellationToken);
    }

    internal int CountBytes(byte[] bytes, CancellationToken cancellationToken)
    {
        var n = bytes.Length;
        if (n <= 1 || _ranks.ContainsKey(new ByteSlice(bytes, 0, n)))
        {
            return n == 0 ? 0 : 1;
        }

        // Parts are identified by their first byte; end[s] is where part s ends, previous[s] the part
        // before it, and pairRank[s] the rank of part s joined with the next part (NoRank: not a token).
        var end = new int[n];
        var previous = new int[n];
        var pairRank = new int[n];
        var heap = new MinHeap(n);
        for (var i = 0; i < n; i++)
        {
            end[i] = i + 1;
            previous[i] = i - 1;
            pairRank[i] = i + 2 <= n ? Rank(bytes, i, i + 2) : NoRank;
            if (pairRank[i] != NoRank)
            {
                heap.Push(pairRank[i], i);
            }
        }

        var parts = n;
        var merges = 0;
        while (heap.TryPop(out var rank, out var start))
        {
            // Entries go stale when their part is merged into its left neighbour or grows: a part's
            // pair only ever gets longer, so a different rank means a different pair.
            if (pairRank[start] != rank)
            {
                continue;
            }

            if (++merges % MergesBetweenCancellationChecks == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var right = end[start];
            var rightEnd = end[right];
            end[start] = rightEnd;
            pairRank[right] = NoRank;
            parts--;
            if (rightEnd < n)
            {
                previous[rightEnd] = start;
                pairRank[start] = Rank(bytes, start, end[rightEnd]);
                if (pairRank[start] != NoRank)
                {
                    heap.Push(pairRank[start], start);
                }
            }
            else
            {
                pairRank[start] = NoRank;
            }

            if (start > 0)
            {
                var left = previous[start];
                pairRank[left] = Rank(bytes, left, rightEnd);
                if (pairRank[left] != NoRank)
                {
                    heap.Push(pairRank[left], left);
                }
            }
        }

        return parts;
    }

    private int Rank(byte[] bytes, int start, int end) =>
        _ranks.TryGetValue(new ByteSlice(bytes, start, end - start), out var rank) ? rank : NoRank;

    /// <summary>A binary min-heap of (rank, start), ordered by rank, then start (netstandard2.0 has no PriorityQueue).</summary>
    private sealed class MinHeap
    {
        private long[] _items;
        private int _count;

        public MinHeap(int capacity) => _items = new long[Math.Max(4, capacity)];

        public void Push(int rank, int start)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            var item = ((long)rank << 32) | (uint)start;
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_items[parent] <= item)
                {
                    break;
                }

                _items[i] = _items[parent];
                i = parent;
            }

            _items[i] = item;
        }

        public bool TryPop(out int rank, out int start)
        {
            if (_count == 0)
            {
                rank = start = 0;
                return false;
            }

            var top = _items[0];
            var last = _items[--_count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _items[child + 1] < _items[child])
                {
                    child++;
                }

                if (last <= _items[child])
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
            rank = (int)(top >> 32);
            start = (int)(top & 0xFFFFFFFF);
            return true;
        }
    }
}
