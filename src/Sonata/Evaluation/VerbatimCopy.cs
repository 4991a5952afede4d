namespace Sonata.Evaluation;

/// <summary>
/// The longest run of a piece's tokens, ending inside its generated part (and counting only its
/// part after the primer), that occurs token for token in the corpus.
/// </summary>
/// <param name="Length">Its length in tokens; 0 when not one generated token occurs in the corpus.</param>
/// <param name="PieceStart">The piece's token position where it starts (≥ the primer's length); -1 when <paramref name="Length"/> is 0.</param>
/// <param name="Source">Where in the corpus the same run first occurs (its first token); null when <paramref name="Length"/> is 0.</param>
public sealed record VerbatimCopy(int Length, int PieceStart, CorpusPosition? Source)
{
    /// <summary>No copy at all.</summary>
    public static VerbatimCopy None { get; } = new(0, -1, null);
}
