namespace Sonata.Evaluation;

/// <summary>What a piece's generated part shares verbatim with the corpus (see <see cref="VerbatimIndex.Find"/>).</summary>
/// <param name="Longest">The longest copy, and where it comes from.</param>
/// <param name="SharedRunShare">The share of generated tokens inside copies of <see cref="VerbatimIndex.SharedRunLength"/> tokens or more.</param>
public sealed record VerbatimFigures(VerbatimCopy Longest, double SharedRunShare);
