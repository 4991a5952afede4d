namespace Sonata.Evaluation;

/// <summary>
/// Pieces judged against a corpus (<see cref="JudgingCorpus.JudgeAll"/>): each piece, the median
/// over them, and the corpus ranges used (one per length of piece).
/// </summary>
/// <param name="PrimerLength">How many tokens of each piece are its primer.</param>
/// <param name="CorpusPieces">How many pieces the corpus has.</param>
/// <param name="Pieces">Each piece, in the order given.</param>
/// <param name="Median">The median of each figure over the pieces.</param>
/// <param name="Ranges">The corpus's ranges, one per length of the pieces, shortest first.</param>
/// <param name="CorpusIntervals">The corpus's inter-onset-interval histogram, which <see cref="Figure.IntervalDistance"/> compares with.</param>
public sealed record FolderJudgement(
    int PrimerLength,
    int CorpusPieces,
    IReadOnlyList<PieceJudgement> Pieces,
    SummaryJudgement Median,
    IReadOnlyList<CorpusRanges> Ranges,
    IntervalHistogram CorpusIntervals);
