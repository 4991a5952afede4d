using Sonata.Generation;
using Sonata.Pieces;

namespace Sonata.Runs;

/// <summary>One piece <see cref="PieceComposer"/> wrote: its seed, where it started, what was generated and what was written.</summary>
public sealed record ComposedPiece(int Seed, Primer Primer, GeneratedPiece Generated, WrittenPiece Written);
