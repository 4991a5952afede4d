namespace Sonata.Evaluation;

/// <summary>How pieces are judged against a corpus.</summary>
/// <param name="PrimerLength">Tokens at the start of every piece that are its primer, not generated (<see cref="DefaultPrimerLength"/>).</param>
/// <param name="ExcerptsPerPiece">Excerpts drawn from each corpus piece for the corpus's ranges (5).</param>
/// <param name="ExcerptSeed">Seeds where the excerpts start, so the ranges are the same every time (0).</param>
public sealed record FigureOptions(int PrimerLength = FigureOptions.DefaultPrimerLength, int ExcerptsPerPiece = 5, int ExcerptSeed = 0)
{
    /// <summary>The lab's primer: 100 tokens.</summary>
    public const int DefaultPrimerLength = 100;
}
