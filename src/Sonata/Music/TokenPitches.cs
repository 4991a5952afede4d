namespace Sonata.Music;

/// <summary>
/// The pitches of a token: a note ("E-5") or a chord of pitch names joined by '.' ("B2.B3").
/// </summary>
public static class TokenPitches
{
    /// <summary>The token's distinct MIDI pitches, lowest first; throws <see cref="FormatException"/> on a bad name.</summary>
    public static IReadOnlyList<int> Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var pitches = new SortedSet<int>();
        foreach (string name in token.Split('.'))
            pitches.Add(PitchName.ToMidi(name));
        return [.. pitches];
    }
}
