namespace Sonata.Evaluation;

/// <summary>
/// A histogram of inter-onset intervals: the steps between consecutive distinct onset times, in
/// quarter notes, rounded to 1/12. Bin k (0–47) counts the steps that round to k/12 of a quarter;
/// the last bin, <see cref="LongBin"/>, every step of 4 quarters or more.
/// </summary>
/// <param name="Counts">How many steps fall in each of the <see cref="Bins"/> bins.</param>
public sealed record IntervalHistogram(IReadOnlyList<int> Counts)
{
    /// <summary>Bins a twelfth of a quarter apart from 0 to 47/12, and one for 4 quarters and longer.</summary>
    public const int Bins = LongBin + 1;

    /// <summary>The bin of steps of 4 quarters or more.</summary>
    public const int LongBin = 48;

    /// <summary>The bins' width: a twelfth of a quarter (music21's grid holds sixteenths and triplets).</summary>
    public const int BinsPerQuarter = 12;

    /// <summary>How many steps the histogram counts.</summary>
    public int Steps => Counts.Sum();

    /// <summary>The bin of a step (quarters): its nearest twelfth, or <see cref="LongBin"/> from 4 on.</summary>
    public static int BinOf(double step) =>
        (int)Math.Min(LongBin, Math.Round(Math.Max(0, step) * BinsPerQuarter, MidpointRounding.AwayFromZero));

    /// <summary>The histogram of the steps between the distinct values of <paramref name="onsets"/>, sorted.</summary>
    public static IntervalHistogram Of(IEnumerable<double> onsets)
    {
        ArgumentNullException.ThrowIfNull(onsets);
        var counts = new int[Bins];
        double[] sorted = OnsetFigures.Distinct(onsets);
        for (int i = 1; i < sorted.Length; i++)
            counts[BinOf(sorted[i] - sorted[i - 1])]++;
        return new IntervalHistogram(counts);
    }

    /// <summary>The bin-by-bin sum of several histograms (a corpus's: one per file, so no step spans two files).</summary>
    public static IntervalHistogram Sum(IEnumerable<IntervalHistogram> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var counts = new int[Bins];
        foreach (var histogram in histograms)
            for (int bin = 0; bin < Bins; bin++)
                counts[bin] += histogram.Counts[bin];
        return new IntervalHistogram(counts);
    }

    /// <summary>
    /// The Jensen–Shannon distance to another histogram: the square root of the base-2 divergence of
    /// the two normalized histograms, 0 for the same distribution, 1 for disjoint ones; null when
    /// either counts no step.
    /// </summary>
    public double? DistanceTo(IntervalHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double? divergence = HistogramDistance.JensenShannon(
            Counts.Select(c => (double)c).ToArray(), other.Counts.Select(c => (double)c).ToArray());
        return divergence is double d ? Math.Sqrt(d) : null;
    }
}
