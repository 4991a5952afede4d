namespace Sonata.Evaluation;

/// <summary>
/// The corpus's own range of every figure, for pieces of one length: measured on excerpts of the
/// corpus of that length, each measured exactly as a piece (its first <paramref name="PrimerLength"/>
/// tokens playing the primer; its verbatim copies looked up in the other pieces only). See
/// <see cref="JudgingCorpus.Ranges"/>.
/// </summary>
/// <param name="ExcerptTokens">The excerpts' length: primer and generated part.</param>
/// <param name="PrimerLength">The primer's length.</param>
/// <param name="Excerpts">How many excerpts were measured.</param>
public sealed record CorpusRanges(
    int ExcerptTokens,
    int PrimerLength,
    int Excerpts,
    FigureRange FinalLoopShare,
    FigureRange LongestTokenRun,
    FigureRange DistinctTokens,
    FigureRange ScaleConsistency,
    FigureRange LongestVerbatimCopy,
    FigureRange SharedRunShare,
    FigureRange IntervalDistance,
    FigureRange PitchesPerOnset,
    FigureRange HeldOnsetShare,
    FigureRange? VelocitySpread = null,
    FigureRange? DistinctVelocities = null,
    FigureRange? Tempo = null,
    FigureRange? TempoChanges = null)
{
    /// <summary>The range of one figure; null for a performance figure where the corpus carries no performance.</summary>
    public FigureRange? Of(Figure figure) => figure switch
    {
        Figure.FinalLoopShare => FinalLoopShare,
        Figure.LongestTokenRun => LongestTokenRun,
        Figure.DistinctTokens => DistinctTokens,
        Figure.ScaleConsistency => ScaleConsistency,
        Figure.LongestVerbatimCopy => LongestVerbatimCopy,
        Figure.SharedRunShare => SharedRunShare,
        Figure.IntervalDistance => IntervalDistance,
        Figure.PitchesPerOnset => PitchesPerOnset,
        Figure.HeldOnsetShare => HeldOnsetShare,
        Figure.VelocitySpread => VelocitySpread,
        Figure.DistinctVelocities => DistinctVelocities,
        Figure.Tempo => Tempo,
        Figure.TempoChanges => TempoChanges,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>The ranges of the figures measured on some excerpts (at least one; a figure no excerpt has gets the range of 0, a performance figure none).</summary>
    public static CorpusRanges Of(int excerptTokens, int primerLength, IReadOnlyList<PieceFigures> excerpts)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        FigureRange? Measured(Figure figure)
        {
            var values = excerpts.Select(e => e.Value(figure)).OfType<double>().ToList();
            return values.Count > 0 ? FigureRange.Of(values) : null;
        }
        FigureRange Range(Figure figure) => Measured(figure) ?? FigureRange.Of([0]);
        return new CorpusRanges(excerptTokens, primerLength, excerpts.Count,
            Range(Figure.FinalLoopShare), Range(Figure.LongestTokenRun), Range(Figure.DistinctTokens),
            Range(Figure.ScaleConsistency), Range(Figure.LongestVerbatimCopy), Range(Figure.SharedRunShare),
            Range(Figure.IntervalDistance), Range(Figure.PitchesPerOnset), Range(Figure.HeldOnsetShare),
            Measured(Figure.VelocitySpread), Measured(Figure.DistinctVelocities), Measured(Figure.Tempo), Measured(Figure.TempoChanges));
    }
}
