namespace Sonata.Pieces;

/// <summary>
/// music21's grid when it reads MIDI (quantize with quarterLengthDivisors (4, 3)): every onset
/// and every duration snaps to the nearest multiple of 1/4 or of 1/3 quarter. Positions here
/// count twelfths of a quarter note; those on the grid are the multiples of 3 or of 4
/// (0, 3, 4, 6, 8, 9, 12, …).
/// </summary>
internal static class OnsetGrid
{
    public const int UnitsPerQuarter = 12;

    /// <summary>
    /// The shortest step between onsets: a sixteenth (3 units). The shortest duration on the grid
    /// is a sixteenth, so onsets closer than that would make a note overlap the next token, and
    /// music21 would merge the two.
    /// </summary>
    public const int MinimumStep = 3;

    public static bool IsOnGrid(long units) => units % 3 == 0 || units % 4 == 0;

    /// <summary>
    /// The grid point nearest <paramref name="quarters"/> (the earlier one on a tie) that lies at
    /// least <see cref="MinimumStep"/> after <paramref name="previous"/>; when the nearest is
    /// earlier, the first grid point that is not.
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

        if (best >= previous + MinimumStep) return best;
        long next = previous + MinimumStep;
        while (!IsOnGrid(next)) next++;
        return next;
    }

    /// <summary>The grid point nearest <paramref name="units"/> (the earlier on a tie) that is not before <paramref name="previous"/> (a grid point).</summary>
    public static long SnapNotBefore(double units, long previous)
    {
        long best = previous;
        double bestError = Math.Abs(units - previous);
        for (long candidate = previous + 1; candidate <= (long)Math.Ceiling(units) + 3; candidate++)
        {
            double error = Math.Abs(candidate - units);
            if (IsOnGrid(candidate) && error < bestError - 1e-9) (best, bestError) = (candidate, error);
        }
        return best;
    }

    /// <summary>
    /// The longest duration on the grid that fits in <paramref name="span"/> units (at least
    /// <see cref="MinimumStep"/>): music21 keeps it as it is, so the note ends where it was written.
    /// </summary>
    public static long LongestDurationWithin(long span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, MinimumStep);
        while (!IsOnGrid(span)) span--;
        return span;
    }
}
