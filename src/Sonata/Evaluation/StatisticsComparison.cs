namespace Sonata.Evaluation;

/// <summary>
/// A piece's statistics beside the corpus's (when known), with the Jensen-Shannon divergence
/// (base 2, 0–1) between their pitch-class histograms.
/// </summary>
public sealed record StatisticsComparison(PieceStatistics Piece, PieceStatistics? Corpus, double? PitchClassDistance)
{
    /// <summary>Puts the two columns side by side and measures the histogram distance.</summary>
    public static StatisticsComparison Compare(PieceStatistics piece, PieceStatistics? corpus)
    {
        ArgumentNullException.ThrowIfNull(piece);
        double? distance = corpus is null ? null : HistogramDistance.JensenShannon(piece.PitchClassHistogram, corpus.PitchClassHistogram);
        return new StatisticsComparison(piece, corpus, distance);
    }
}
