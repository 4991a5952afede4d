using Sonata.Music;

namespace Sonata.Evaluation;

/// <summary>
/// MusPy's <c>scale_consistency</c> for tokens: over all pitches of the tokens (a chord counts each
/// of its pitches), the largest share that lies in one of the 24 major or natural-minor scales.
/// </summary>
public static class ScaleConsistency
{
    /// <summary>The share (0–1) and the scale that holds it; null when the tokens have no pitch.</summary>
    /// <exception cref="FormatException">A token is not a note or chord of music21 pitch names.</exception>
    public static ScaleFit? Of(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new double[12];
        var pitchesOf = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (string token in tokens)
        {
            if (!pitchesOf.TryGetValue(token, out var pitches))
                pitchesOf[token] = pitches = TokenPitches.Parse(token);
            foreach (int pitch in pitches)
                counts[pitch % 12]++;
        }
        return ScaleFit.Best(counts);
    }
}
