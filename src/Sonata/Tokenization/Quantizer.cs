namespace Sonata.Tokenization;

/// <summary>
/// Snaps offsets and durations to the nearest sixteenth or eighth-note triplet as music21 8.1.0's
/// <c>Stream.quantize</c> does, in its float arithmetic: the smaller rounding error wins (errors
/// rounded to 7 decimals, ties to the sixteenth); a duration that would leave a gap shorter than a
/// grid step before the next element is snapped to that element's grid instead; a non-grace note
/// never quantizes to zero length.
/// </summary>
internal static class Quantizer
{
    /// <summary>music21's <c>defaults.quantizationQuarterLengthDivisors</c>.</summary>
    public static readonly int[] Divisors = [4, 3];

    public static int FinestDivisor => Divisors.Max();

    /// <summary>A grid point: exact, and as the float music21 computes it.</summary>
    public readonly record struct Match(long Units, double Value, double Error, double SignedError, int Divisor);

    /// <summary>Quantizes the elements of one track, given in the order music21 inserted them.</summary>
    public static void Quantize(IReadOnlyList<ScoreElement> elements, int ticksPerQuarter)
    {
        double smallestStep = 1.0 / FinestDivisor;
        for (int i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            var offset = BestMatch((double)e.StartTick / ticksPerQuarter, Divisors);
            e.Offset = offset.Units;

            double quarterLength = (double)e.DurationTicks / ticksPerQuarter;
            var duration = BestMatch(quarterLength, Divisors);
            if (i + 1 < elements.Count)
            {
                var next = BestMatch((double)elements[i + 1].StartTick / ticksPerQuarter, Divisors);
                double gap = next.Value - (TimeUnits.ToQuarters(e.Offset) + duration.Value);
                if (gap > 0 && gap < smallestStep)
                    duration = BestMatch(quarterLength, [next.Divisor]);
            }

            if (duration.Units == 0 && !e.IsGrace)
                e.Duration = TimeUnits.PerQuarter / FinestDivisor;
            else
                e.Duration = duration.Units;
        }
    }

    /// <summary>Quantizes a single offset (time signatures, instruments) to the grid.</summary>
    public static long QuantizeOffset(long tick, int ticksPerQuarter) =>
        BestMatch((double)tick / ticksPerQuarter, Divisors).Units;

    public static Match BestMatch(double target, IReadOnlyList<int> divisors)
    {
        Match? best = null;
        foreach (int divisor in divisors)
        {
            var candidate = NearestMultiple(target, divisor);
            if (best is null || IsBetter(candidate, best.Value))
                best = candidate;
        }
        return best!.Value;
    }

    /// <summary>music21 sorts (error, step, match, signed error, divisor) tuples and takes the first.</summary>
    private static bool IsBetter(Match a, Match b)
    {
        int order = a.Error.CompareTo(b.Error);
        if (order == 0) order = (1.0 / a.Divisor).CompareTo(1.0 / b.Divisor);
        if (order == 0) order = a.Value.CompareTo(b.Value);
        if (order == 0) order = a.SignedError.CompareTo(b.SignedError);
        if (order == 0) order = a.Divisor.CompareTo(b.Divisor);
        return order < 0;
    }

    /// <summary>music21's <c>common.nearestMultiple</c>: halfway goes down.</summary>
    private static Match NearestMultiple(double n, int divisor)
    {
        double unit = 1.0 / divisor;
        double multiple = Math.Floor(n / unit);
        double low = unit * multiple;
        double high = unit * (multiple + 1);
        long unitsPerStep = TimeUnits.PerQuarter / divisor;
        if (low <= n && n <= low + unit / 2.0)
        {
            double error = Round7(n - low);
            return new Match((long)multiple * unitsPerStep, low, error, error, divisor);
        }
        return new Match((long)(multiple + 1) * unitsPerStep, high, Round7(high - n), Round7(n - high), divisor);
    }

    private static double Round7(double x) => Math.Round(x, 7, MidpointRounding.ToEven);
}
