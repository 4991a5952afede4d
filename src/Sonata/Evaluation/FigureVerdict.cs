namespace Sonata.Evaluation;

/// <summary>One figure of a piece beside the corpus's range, and whether it lies outside.</summary>
/// <param name="Figure">Which figure.</param>
/// <param name="Value">The piece's value (<see cref="PieceFigures.Value"/>); null where it has none.</param>
/// <param name="Range">The corpus's range for pieces of this length; null where the corpus has none (a performance figure of a corpus read without its performance).</param>
/// <param name="Outside">See <see cref="IsOutside"/>.</param>
public sealed record FigureVerdict(Figure Figure, double? Value, FigureRange? Range, bool Outside)
{
    /// <summary>Values closer than this to a bound are on it (figures are ratios of small counts).</summary>
    private const double Tolerance = 1e-9;

    /// <summary>The verdict on a value.</summary>
    public static FigureVerdict Of(Figure figure, double? value, FigureRange? range) =>
        new(figure, value, range, value is double v && range is not null && IsOutside(figure, v, range));

    /// <summary>
    /// The one rule for "outside the corpus's range": the longest verbatim copy when it is longer
    /// than the longest the corpus's excerpts copy from the other pieces (its maximum): copying
    /// less is no fault, and the corpus's p90 is one excerpt in ten; every other figure when it
    /// lies below the corpus's 10th or above its 90th percentile.
    /// </summary>
    public static bool IsOutside(Figure figure, double value, FigureRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return figure == Figure.LongestVerbatimCopy
            ? value > range.Max + Tolerance
            : value < range.P10 - Tolerance || value > range.P90 + Tolerance;
    }
}
