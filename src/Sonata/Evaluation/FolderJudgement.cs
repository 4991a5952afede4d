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

/// <summary>The median over several pieces of each figure, judged like a piece's.</summary>
/// <param name="Pieces">How many pieces.</param>
/// <param name="ExcerptTokens">The length whose corpus ranges the medians are judged against: the pieces' most common length (the longest of a tie).</param>
/// <param name="Verdicts">One per <see cref="Figure"/>: the median of the pieces' values (those that have one).</param>
public sealed record SummaryJudgement(int Pieces, int ExcerptTokens, IReadOnlyList<FigureVerdict> Verdicts);
