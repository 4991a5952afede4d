namespace Sonata.Composing;

/// <summary>
/// music21's grid when it reads MIDI (quantize with quarterLengthDivisors (4, 3)): every onset
/// snaps to the nearest multiple of 1/4 or of 1/3 quarter. Positions here count twelfths of a
/// quarter note; those on the grid are the multiples of 3 or of 4 (0, 3, 4, 6, 8, 9, 12, …).
/// </summary>
internal static class OnsetGrid
{
    public const int UnitsPerQuarter = 12;

    public static bool IsOnGrid(long units) => units % 3 == 0 || units % 4 == 0;

    /// <summary>
    /// The grid point nearest <paramref name="quarters"/> (the earlier one on a tie) that lies
    /// after <paramref name="previous"/>; when the nearest is not after it, the next one that is.
    /// </summary>
    public static long SnapAfter(double quarters, long previous)
    {
        double units = quarters * UnitsPerQuarter;
        long best = long.MinValue;
        double bestError = double.PositiveInfinity;
        for (long candidate = (long)Math.Floor(units) - 3; candidate <= (long)Math.Ceiling(units) + 3; candidate++)
        {
            double error = Math.Abs(candidate - units);
            if (IsOnGrid(candidate) && error < bestError - 1e-9)
                (best, bestError) = (candidate, error);
        }

        if (best > previous) return best;
        long next = previous + 1;
        while (!IsOnGrid(next)) next++;
        return next;
    }
}
