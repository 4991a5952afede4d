using Sonata.Generation;
using Sonata.Pieces;

namespace Sonata.Runs;

/// <summary>What <see cref="PieceComposer"/> writes: how many pieces, from which seeds, how, and where.</summary>
public sealed record CompositionRequest
{
    /// <summary>The first piece's seed; the others take the next ones.</summary>
    public int Seed { get; init; }

    /// <summary>Pieces to write, each with its own seed.</summary>
    public int Count { get; init; } = 1;

    /// <summary>How each piece is generated; its seed is the piece's.</summary>
    public GenerationOptions Generation { get; init; } = new();

    /// <summary>How each piece is placed in time and written; its seed is the piece's.</summary>
    public PieceOptions Piece { get; init; } = new();

    /// <summary>Where the (first) piece is written; with several, each file name gains its seed: mozart-7.mid.</summary>
    public PieceFiles Files { get; init; } = new("mozart.mid");

    /// <summary>Prime every piece with a stretch of this MIDI file (<see cref="PrimerSpan"/>) instead of a test window chosen by its seed.</summary>
    public string? PrimerFile { get; init; }

    /// <summary>Which stretch of <see cref="PrimerFile"/>: by default its last tokens, as many as the model's context.</summary>
    public PrimerSpan PrimerSpan { get; init; } = new();
}
