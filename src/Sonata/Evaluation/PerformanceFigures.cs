using Sonata.Music;
using Sonata.Tokenization;

namespace Sonata.Evaluation;

/// <summary>
/// How a stretch of tokens is played: its loudness and tempo, from each token's velocity and the
/// tempo where it starts (<see cref="TokenEvent.Velocity"/>, <see cref="TokenEvent.Tempo"/>, as
/// read from a MIDI file). Every figure is null when the tokens carry no performance (velocity 0).
/// </summary>
public static class PerformanceFigures
{
    /// <summary>The 90th less the 10th percentile of the note-on velocities (a chord's token counts once per note).</summary>
    public static double? VelocitySpread(IReadOnlyList<TokenEvent> tokens)
    {
        if (!Performed(tokens)) return null;
        double[] velocities = [.. tokens.SelectMany(t => Enumerable.Repeat((double)t.Velocity, TokenPitches.Parse(t.Token).Count)).Order()];
        return Percentiles.OfSorted(velocities, 0.9) - Percentiles.OfSorted(velocities, 0.1);
    }

    /// <summary>How many different velocities the tokens are struck with.</summary>
    public static double? DistinctVelocities(IReadOnlyList<TokenEvent> tokens) =>
        Performed(tokens) ? tokens.Select(t => t.Velocity).Distinct().Count() : null;

    /// <summary>
    /// The tempo the stretch is mostly played at, in quarter notes a minute: the median of the tempo
    /// over its time in seconds, from its first onset to its last token's end.
    /// </summary>
    public static double? Tempo(IReadOnlyList<TokenEvent> tokens)
    {
        if (!Performed(tokens)) return null;
        var onsets = Onsets(tokens);
        double end = tokens.Max(t => t.Offset + t.Duration);
        var spans = new List<(double Bpm, double Seconds)>(onsets.Count);
        for (int i = 0; i < onsets.Count; i++)
        {
            double next = i + 1 < onsets.Count ? onsets[i + 1].Offset : Math.Max(end, onsets[i].Offset);
            spans.Add((onsets[i].Tempo, (next - onsets[i].Offset) * 60 / onsets[i].Tempo));
        }
        double total = spans.Sum(s => s.Seconds);
        if (!(total > 0)) return onsets[0].Tempo;
        double half = total / 2, run = 0;
        foreach (var (bpm, seconds) in spans.OrderBy(s => s.Bpm))
        {
            run += seconds;
            if (run >= half) return bpm;
        }
        return spans.Max(s => s.Bpm);
    }

    /// <summary>How many times the tempo changes from one onset to the next.</summary>
    public static double? TempoChanges(IReadOnlyList<TokenEvent> tokens)
    {
        if (!Performed(tokens)) return null;
        var onsets = Onsets(tokens);
        int changes = 0;
        for (int i = 1; i < onsets.Count; i++)
            if (Math.Abs(onsets[i].Tempo - onsets[i - 1].Tempo) > 1e-6) changes++;
        return changes;
    }

    private static bool Performed(IReadOnlyList<TokenEvent> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return tokens.Count > 0 && tokens.All(t => t.Velocity > 0 && t.Tempo > 0);
    }

    /// <summary>Each distinct onset with its tempo, in time order (a corpus's tokens are in music21's order, voice by voice).</summary>
    private static List<(double Offset, double Tempo)> Onsets(IReadOnlyList<TokenEvent> tokens)
    {
        var onsets = new List<(double Offset, double Tempo)>();
        foreach (var t in tokens.OrderBy(t => t.Offset))
            if (onsets.Count == 0 || t.Offset - onsets[^1].Offset > 1e-9)
                onsets.Add((t.Offset, t.Tempo));
        return onsets;
    }
}
