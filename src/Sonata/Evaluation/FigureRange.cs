namespace Sonata.Evaluation;

/// <summary>
/// The corpus's own range of one figure over its excerpts: median, 10th and 90th percentile
/// (<see cref="Percentiles"/>), and the largest value.
/// </summary>
public sealed record FigureRange(double Median, double P10, double P90, double Max)
{
    /// <summary>The range of some values (at least one).</summary>
    public static FigureRange Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0) throw new ArgumentException("A range needs at least one value.", nameof(values));
        return new FigureRange(
            Percentiles.OfSorted(sorted, 0.5), Percentiles.OfSorted(sorted, 0.1), Percentiles.OfSorted(sorted, 0.9), sorted[^1]);
    }
}
