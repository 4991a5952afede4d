namespace Sonata.Evaluation;

/// <summary>
/// The figures of one piece (or one corpus excerpt), measured by <see cref="JudgingCorpus.Measure"/>
/// as ../shared/MUSIC-FIGURES.md defines them. "Generated" figures look at the tokens after the
/// primer; the others at the whole piece, primer included, as its MIDI file sounds.
/// </summary>
/// <param name="Tokens">Tokens of the whole piece.</param>
/// <param name="PrimerLength">How many of them are the primer.</param>
/// <param name="FinalLoopShare">Generated: <see cref="FinalLoop.Share"/>.</param>
/// <param name="LongestTokenRun">Generated: <see cref="TokenFigures.LongestRun"/>.</param>
/// <param name="DistinctTokens">Generated: <see cref="TokenFigures.Distinct"/>.</param>
/// <param name="Scale">Generated: the scale holding most pitches and that share (<see cref="ScaleConsistency"/>).</param>
/// <param name="LongestCopy">Generated: the longest verbatim copy from the corpus, and where it comes from.</param>
/// <param name="SharedRunShare">Generated: the share of its tokens inside verbatim copies of 16 tokens or more.</param>
/// <param name="Intervals">Whole piece: the histogram of its inter-onset intervals.</param>
/// <param name="IntervalDistance">Whole piece: <see cref="IntervalHistogram.DistanceTo"/> the corpus's; null with fewer than two onsets.</param>
/// <param name="PitchesPerOnset">Whole piece: <see cref="OnsetFigures.PitchesPerOnset"/>.</param>
/// <param name="HeldOnsetShare">Whole piece: <see cref="OnsetFigures.HeldOnsetShare"/>.</param>
/// <param name="Performance">Generated: its loudness and tempo (<see cref="PerformanceFigures"/>); each null where the tokens carry no performance.</param>
public sealed record PieceFigures(
    int Tokens,
    int PrimerLength,
    double FinalLoopShare,
    int LongestTokenRun,
    int DistinctTokens,
    ScaleFit Scale,
    VerbatimCopy LongestCopy,
    double SharedRunShare,
    IntervalHistogram Intervals,
    double? IntervalDistance,
    double PitchesPerOnset,
    double HeldOnsetShare,
    PerformedFigures Performance)
{
    /// <summary>The value of one figure, as a number (the verbatim copy: its length); null where it has none.</summary>
    public double? Value(Figure figure) => figure switch
    {
        Figure.FinalLoopShare => FinalLoopShare,
        Figure.LongestTokenRun => LongestTokenRun,
        Figure.DistinctTokens => DistinctTokens,
        Figure.ScaleConsistency => Scale.Fraction,
        Figure.LongestVerbatimCopy => LongestCopy.Length,
        Figure.SharedRunShare => SharedRunShare,
        Figure.IntervalDistance => IntervalDistance,
        Figure.PitchesPerOnset => PitchesPerOnset,
        Figure.HeldOnsetShare => HeldOnsetShare,
        Figure.VelocitySpread => Performance.VelocitySpread,
        Figure.DistinctVelocities => Performance.DistinctVelocities,
        Figure.Tempo => Performance.Tempo,
        Figure.TempoChanges => Performance.TempoChanges,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };
}

/// <summary>The generated part's <see cref="PerformanceFigures"/>.</summary>
public sealed record PerformedFigures(double? VelocitySpread, double? DistinctVelocities, double? Tempo, double? TempoChanges)
{
    public static PerformedFigures Of(IReadOnlyList<Tokenization.TokenEvent> tokens) => new(
        PerformanceFigures.VelocitySpread(tokens), PerformanceFigures.DistinctVelocities(tokens),
        PerformanceFigures.Tempo(tokens), PerformanceFigures.TempoChanges(tokens));
}
