using System;
using System.Collections.Generic;

namespace PromptBudget.Build.Usage;

/// <summary>
/// Token counts of one call site's spans in bounded memory. The first <see cref="ExactLimit"/> values
/// are kept, and percentiles over them are exact (nearest rank). Past that the values move into a
/// log-linear histogram of 128 buckets per power of two (at most a few thousand buckets whatever the
/// count): a percentile is then the upper edge of its bucket, at most 0.8 % above the true value, never
/// below it. Count, minimum and maximum stay exact. Either way the result does not depend on the order
/// the spans came in.
/// </summary>
public sealed class TokenDistribution
{
    public const int ExactLimit = 4096;
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;

    private List<long>? _exact = new();
    private Dictionary<int, long>? _buckets;

    public long Count { get; private set; }

    public long Max { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    /// <summary>True while every value is kept (the percentiles are exact).</summary>
    public bool IsExact => _buckets is null;

    public void Add(long value)
    {
        if (value < 0)
        {
            value = 0;
        }

        Count++;
        Max = Math.Max(Max, value);
        Min = Math.Min(Min, value);
        if (_exact is not null)
        {
            _exact.Add(value);
            if (_exact.Count <= ExactLimit)
            {
                return;
            }

            _buckets = new Dictionary<int, long>();
            foreach (var kept in _exact)
            {
                AddToBucket(kept);
            }

            _exact = null;
            return;
        }

        AddToBucket(value);
    }

    /// <summary>Nearest-rank percentile (<paramref name="percent"/> 0–100); 0 when there are no values.</summary>
    public long Percentile(double percent)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percent / 100.0 * Count);
        rank = Math.Max(1, Math.Min(Count, rank));
        if (_exact is not null)
        {
            var sorted = _exact.ToArray();
            Array.Sort(sorted);
            return sorted[rank - 1];
        }

        var keys = new List<int>(_buckets!.Keys);
        keys.Sort();
        long seen = 0;
        foreach (var key in keys)
        {
            seen += _buckets[key];
            if (seen >= rank)
            {
                return Math.Min(Max, UpperEdge(key));
            }
        }

        return Max;
    }

    private void AddToBucket(long value)
    {
        var index = Index(value);
        _buckets!.TryGetValue(index, out var count);
        _buckets[index] = count + 1;
    }

    private static int Index(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - LeadingZeros(value);
        var shift = exponent - SubBucketBits;
        var mantissa = (int)(value >> shift);
        return SubBuckets + (shift * SubBuckets) + (mantissa - SubBuckets);
    }

    private static long UpperEdge(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var shift = (index - SubBuckets) / SubBuckets;
        var mantissa = ((index - SubBuckets) % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }

    private static int LeadingZeros(long value)
    {
        var n = 0;
        for (var bit = 63; bit >= 0 && ((value >> bit) & 1) == 0; bit--)
        {
            n++;
        }

        return n;
    }
}
