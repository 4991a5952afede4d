namespace Sonata.Pieces;

/// <summary>How <see cref="PieceWriter"/> places a piece's tokens in time and writes them.</summary>
public sealed record PieceOptions
{
    /// <summary>
    /// Quarter notes between consecutive tokens, each lasting until the next onset. Lab: 0.5
    /// (eighth notes). Null: the piece's own steps and durations (a rhythm-aware model's).
    /// </summary>
    public OffsetPolicy? Offsets { get; init; } = OffsetPolicy.Fixed(0.5);

    /// <summary>Seeds the steps drawn by <see cref="OffsetPolicy.Corpus"/>.</summary>
    public int Seed { get; init; }

    public ComposerOptions Midi { get; init; } = new();

    public WavRendererOptions Sound { get; init; } = new();

    /// <summary>
    /// The default for a model that predicts its own timing (<paramref name="timedModel"/>): that
    /// timing; else, and always the lab's way (<paramref name="lab"/>), the fixed step of 0.5.
    /// </summary>
    public static PieceOptions For(bool timedModel, bool lab = false) => timedModel && !lab ? new PieceOptions { Offsets = null } : new PieceOptions();
}
