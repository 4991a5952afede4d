namespace Sonata.Evaluation;

/// <summary>
/// The longest stretch of a sequence that repeats itself: the longest run of consecutive tokens
/// that occurs at least twice without the two occurrences overlapping. "A B C A B C" gives 3;
/// a piece stuck on one note for 300 tokens gives 150.
/// </summary>
public static class RepeatedStretch
{
    private const ulong Modulus = (1UL << 61) - 1;   // a Mersenne prime for the rolling hash
    private const ulong Base = 1_000_003;

    /// <summary>The length, in tokens, of the longest non-overlapping repeat (0 when none).</summary>
    public static int LongestLength<T>(IReadOnlyList<T> sequence) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(sequence);
        // Tokens → small ids, so the hash works on numbers.
        var ids = new Dictionary<T, int>();
        int[] values = [.. sequence.Select(t => ids.TryGetValue(t, out int id) ? id : ids[t] = ids.Count + 1)];

        // If length L repeats without overlap, so does L - 1 (its prefix): binary search on L.
        int low = 0, high = values.Length / 2;
        while (low < high)
        {
            int length = (low + high + 1) / 2;
            if (RepeatsWithoutOverlap(values, length)) low = length;
            else high = length - 1;
        }
        return low;
    }

    /// <summary>Whether some window of <paramref name="length"/> values occurs twice, the second starting after the first ends.</summary>
    private static bool RepeatsWithoutOverlap(int[] values, int length)
    {
        ulong power = 1;
        for (int i = 0; i < length; i++) power = MultiplyMod(power, Base);

        var firstStart = new Dictionary<ulong, int>();
        ulong hash = 0;
        for (int end = 0; end < values.Length; end++)
        {
            hash = (MultiplyMod(hash, Base) + (ulong)values[end]) % Modulus;
            int start = end - length + 1;
            if (start > 0)
                hash = (hash + Modulus - MultiplyMod((ulong)values[start - 1], power)) % Modulus;
            if (start < 0) continue;

            if (!firstStart.TryGetValue(hash, out int first))
                firstStart[hash] = start;
            else if (first + length <= start && values.AsSpan(first, length).SequenceEqual(values.AsSpan(start, length)))
                return true;
        }
        return false;
    }

    private static ulong MultiplyMod(ulong a, ulong b) => (ulong)((UInt128)a * b % Modulus);
}
