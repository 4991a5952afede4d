namespace Sonata.Pieces;

/// <summary>Where <see cref="PieceWriter"/> writes a piece: always the MIDI file, the rest when named.</summary>
public sealed record PieceFiles(string Midi)
{
    /// <summary>The tokens (primer and generated) as a JSON array.</summary>
    public string? Tokens { get; init; }

    /// <summary>The piano roll as a PNG.</summary>
    public string? PianoRoll { get; init; }

    /// <summary>The sound as a WAV file (needs FluidSynth and a General MIDI soundfont).</summary>
    public string? Wav { get; init; }
}
