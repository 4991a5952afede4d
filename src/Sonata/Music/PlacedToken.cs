namespace Sonata.Music;

/// <summary>
/// A token placed in time: its pitches (MIDI numbers, lowest first) sound together from
/// <see cref="Start"/> to <see cref="End"/>, in quarter notes from the beginning of the piece.
/// </summary>
public sealed record PlacedToken(string Token, IReadOnlyList<int> Pitches, double Start, double End)
{
    /// <summary>How long the token sounds, in quarter notes.</summary>
    public double Duration => End - Start;
}
