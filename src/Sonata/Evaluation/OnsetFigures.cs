using Sonata.Music;
using Sonata.Tokenization;

namespace Sonata.Evaluation;

/// <summary>
/// Figures of a piece in time, from its tokens' offsets and durations (quarter notes, as music21
/// reads the MIDI file). An onset is a distinct offset: the notes and chords of both hands that
/// start together make one onset.
/// </summary>
public static class OnsetFigures
{
    /// <summary>Two times closer than this are the same (music21's offsets are multiples of 1/12 or finer, in binary fractions of 3072ths).</summary>
    private const double Tolerance = 1e-9;

    /// <summary>The distinct values, sorted.</summary>
    public static double[] Distinct(IEnumerable<double> onsets)
    {
        ArgumentNullException.ThrowIfNull(onsets);
        double[] sorted = [.. onsets];
        Array.Sort(sorted);
        int count = 0;
        foreach (double onset in sorted)
            if (count == 0 || onset - sorted[count - 1] > Tolerance)
                sorted[count++] = onset;
        return sorted[..count];
    }

    /// <summary>All pitches of the piece (a chord counts each) over its distinct onsets; 0 for no tokens.</summary>
    /// <exception cref="FormatException">A token is not a note or chord of music21 pitch names.</exception>
    public static double PitchesPerOnset(IReadOnlyList<TokenEvent> piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (piece.Count == 0) return 0;
        var pitchCount = new Dictionary<string, int>(StringComparer.Ordinal);
        long pitches = 0;
        foreach (var e in piece)
        {
            if (!pitchCount.TryGetValue(e.Token, out int count))
                pitchCount[e.Token] = count = TokenPitches.Parse(e.Token).Count;
            pitches += count;
        }
        return (double)pitches / Distinct(piece.Select(e => e.Offset)).Length;
    }

    /// <summary>
    /// The share of onsets at which a note or chord that started earlier still sounds (its offset
    /// before the onset, its end after it); 0 for no tokens. A legato line, a pedal bass or a
    /// melody over held chords raise it; a piece of detached notes has 0.
    /// </summary>
    public static double HeldOnsetShare(IReadOnlyList<TokenEvent> piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (piece.Count == 0) return 0;
        double[] offsets = [.. piece.Select(e => e.Offset)];
        double[] ends = [.. piece.Select(e => e.Offset + e.Duration)];
        Array.Sort(offsets, ends);
        int onsets = 0, held = 0;
        double latestEnd = double.NegativeInfinity;   // of the tokens that start before the onset
        for (int i = 0; i < offsets.Length; i++)
        {
            if (i > 0 && offsets[i] - offsets[i - 1] <= Tolerance) continue;   // the same onset
            onsets++;
            if (latestEnd > offsets[i] + Tolerance) held++;
            // Now every token at this onset starts before the next one.
            for (int k = i; k < offsets.Length && offsets[k] - offsets[i] <= Tolerance; k++)
                latestEnd = Math.Max(latestEnd, ends[k]);
        }
        return (double)held / onsets;
    }
}
