namespace Sonata.Evaluation;

/// <summary>The median over several pieces of each figure, judged like a piece's.</summary>
/// <param name="Pieces">How many pieces.</param>
/// <param name="ExcerptTokens">The length whose corpus ranges the medians are judged against: the pieces' most common length (the longest of a tie).</param>
/// <param name="Verdicts">One per <see cref="Figure"/>: the median of the pieces' values (those that have one).</param>
public sealed record SummaryJudgement(int Pieces, int ExcerptTokens, IReadOnlyList<FigureVerdict> Verdicts);
