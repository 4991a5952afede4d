namespace Sonata.Dataset;

/// <summary>A fixed, seeded choice among a split's windows, for scoring a long run cheaply and alike each time.</summary>
public static class WindowSubset
{
    /// <summary><paramref name="count"/> of <paramref name="windows"/> drawn with <paramref name="seed"/> (all of them when there are no more).</summary>
    public static long[] Of(long[] windows, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (windows.Length <= count) return windows;
        long[] shuffled = (long[])windows.Clone();
        new Random(unchecked((int)seed)).Shuffle(shuffled);
        return shuffled[..count];
    }
}
