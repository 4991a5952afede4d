namespace Sonata.Tokenization;

/// <summary>
/// The time signatures that cut a part into measures, at their quantized offsets. As in music21,
/// a measure takes the signature in force at its first beat, and 4/4 is assumed before the first.
/// </summary>
internal sealed class Meter
{
    private readonly List<(long Offset, long BarLength)> _changes;

    private Meter(List<(long Offset, long BarLength)> changes) => _changes = changes;

    /// <summary>
    /// Builds the meter from (offset, numerator, denominator) signatures in the order music21 holds
    /// them; where none stands at offset 0, music21 puts a 4/4 there.
    /// </summary>
    public static Meter From(IEnumerable<(long Offset, int Numerator, int Denominator)> signatures)
    {
        var changes = signatures
            .Select((s, order) => (s.Offset, BarLength: BarLength(s.Numerator, s.Denominator), order))
            .OrderBy(s => s.Offset).ThenBy(s => s.order)
            .Select(s => (s.Offset, s.BarLength))
            .ToList();
        if (changes.Count == 0 || changes[0].Offset > 0)
            changes.Insert(0, (0, BarLength(4, 4)));
        return new Meter(changes);
    }

    /// <summary>The bar length of the signature standing at or before <paramref name="offset"/>.</summary>
    public long BarLengthAt(long offset)
    {
        // The last change at or before the offset (of those at one offset, the last in order);
        // before the first, the first. A binary search: a corrupt file can hold thousands.
        int low = 0, high = _changes.Count - 1;
        while (low < high)
        {
            int middle = low + (high - low + 1) / 2;
            if (_changes[middle].Offset <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return _changes[low].BarLength;
    }

    /// <summary>
    /// How many measures music21 makes to reach <paramref name="end"/> (at least one), counted up
    /// to <paramref name="stopAfter"/> + 1 so that a corrupt part is not walked to its end.
    /// </summary>
    public long MeasuresUntil(long end, long stopAfter)
    {
        long count = 0;
        for (long start = 0; ; )
        {
            count++;
            start += BarLengthAt(start);
            if (start >= end || count > stopAfter)
                return count;
        }
    }

    private static long BarLength(int numerator, int denominator)
    {
        long length = numerator * 4 * TimeUnits.PerQuarter / Math.Max(denominator, 1);
        if (length <= 0 || numerator * 4 * TimeUnits.PerQuarter % Math.Max(denominator, 1) != 0)
            throw new FormatException($"time signature {numerator}/{denominator} has no usable bar length");
        return length;
    }
}
