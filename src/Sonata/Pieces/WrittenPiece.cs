using Sonata.Music;

namespace Sonata.Pieces;

/// <summary>What <see cref="PieceWriter"/> wrote.</summary>
/// <param name="Files">The files asked for (the WAV only when <paramref name="SoundProblem"/> is null).</param>
/// <param name="Placed">Each token in time, as written to the MIDI file.</param>
/// <param name="ReadBack">The tokens the MIDI file reads back as, through the tokenizer (as music21 would read it).</param>
/// <param name="SoundProblem">Why no WAV was written (FluidSynth missing or failing), or null.</param>
/// <param name="RenderSeconds">Seconds FluidSynth took to render the WAV (0 without one).</param>
public sealed record WrittenPiece(
    PieceFiles Files, IReadOnlyList<PlacedToken> Placed, IReadOnlyList<string> ReadBack, string? SoundProblem, double RenderSeconds = 0)
{
    /// <summary>Length of the piece in quarter notes.</summary>
    public double Quarters => Placed.Count == 0 ? 0 : Placed[^1].End;

    /// <summary>Whether the MIDI file reads back as exactly the tokens written.</summary>
    public bool ReadsBackTheSame => ReadBack.SequenceEqual(Placed.Select(p => p.Token), StringComparer.Ordinal);
}
