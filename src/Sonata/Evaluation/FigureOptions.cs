namespace Sonata.Evaluation;

/// <summary>How pieces are judged against a corpus.</summary>
/// <param name="SeedTokens">Tokens at the start of every piece that are its seed, not generated (the lab's window: 100).</param>
/// <param name="ExcerptsPerPiece">Excerpts drawn from each corpus piece for the corpus's ranges (5).</param>
/// <param name="ExcerptSeed">Seeds where the excerpts start, so the ranges are the same every time.</param>
public sealed record FigureOptions(int SeedTokens = 100, int ExcerptsPerPiece = 5, int ExcerptSeed = 0);
