namespace Sonata.Evaluation;

/// <summary>Percentiles by linear interpolation between the closest ranks (NumPy's default, "type 7").</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="fraction"/> (0–1) percentile of values sorted ascending.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("No values to take a percentile of.", nameof(sorted));
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        double rank = (sorted.Count - 1) * fraction;
        int below = (int)Math.Floor(rank), above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }

    /// <summary>The median of values in any order (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return OfSorted([.. values.Order()], 0.5);
    }
}
