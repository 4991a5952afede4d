namespace Sonata.Music;

/// <summary>
/// A token placed in time: its pitches (MIDI numbers, lowest first) sound together from
/// <see cref="Start"/> to <see cref="End"/>, in quarter notes from the beginning of the piece.
/// </summary>
public sealed record PlacedToken(string Token, IReadOnlyList<int> Pitches, double Start, double End)
{
    /// <summary>The piano track it is written on (0 or 1, like a pianist's two hands; both are the one piano part music21 reads).</summary>
    public int Track { get; init; }

    /// <summary>How hard it is struck (1–127), or null: as the writer's options say.</summary>
    public int? Velocity { get; init; }

    /// <summary>The tempo from its start on, quarter notes a minute, or null: as the writer's options say.</summary>
    public double? Tempo { get; init; }

    /// <summary>How long the token sounds, in quarter notes.</summary>
    public double Duration => End - Start;
}
