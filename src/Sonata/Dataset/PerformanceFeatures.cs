using Sonata.Music;

namespace Sonata.Dataset;

/// <summary>
/// What the performer reads of each token, as classes: its highest and lowest pitch (MIDI numbers),
/// how many pitches it holds (up to <see cref="MaxNotes"/>), its step and duration classes, and how
/// it was played (<see cref="PerformanceClasses"/>). Its names of notes are not read, so it plays any
/// key and any token, known to the vocabulary or not.
/// </summary>
/// <param name="Top">(N) highest pitch.</param>
/// <param name="Bottom">(N) lowest pitch.</param>
/// <param name="Notes">(N) pitches, at most <see cref="MaxNotes"/>.</param>
/// <param name="Steps">(N) step class.</param>
/// <param name="Durations">(N) duration class.</param>
/// <param name="Velocities">(N) velocity class.</param>
/// <param name="Tempos">(N) tempo class.</param>
public sealed record PerformanceFeatures(long[] Top, long[] Bottom, long[] Notes, long[] Steps, long[] Durations, long[] Velocities, long[] Tempos)
{
    public const int MaxNotes = 8;

    public int Count => Top.Length;

    /// <summary>The features of a corpus's tokens, files concatenated as its ids are, or null where its performance is not known.</summary>
    public static PerformanceFeatures? OfCorpus(CorpusData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Timing is not { Velocities: not null } timing) return null;
        return Of([.. data.Ids.Select(id => data.Vocabulary.TokenOf((int)id))], timing.Steps, timing.Durations, Performed.Slice(timing, 0, data.Ids.Length));
    }

    /// <summary>The features of tokens with their timing classes and performance (null: not known).</summary>
    public static PerformanceFeatures Of(IReadOnlyList<string> tokens, IReadOnlyList<long> steps, IReadOnlyList<long> durations, IReadOnlyList<Performed>? performance)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int n = tokens.Count;
        if (steps.Count != n || durations.Count != n || (performance is not null && performance.Count != n))
            throw new ArgumentException("each token has one step, one duration and one performance");
        var top = new long[n];
        var bottom = new long[n];
        var notes = new long[n];
        var pitches = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (!pitches.TryGetValue(tokens[i], out var parsed)) pitches[tokens[i]] = parsed = TokenPitches.Parse(tokens[i]);
            top[i] = Math.Clamp(parsed[^1], 0, 127);
            bottom[i] = Math.Clamp(parsed[0], 0, 127);
            notes[i] = Math.Min(parsed.Count, MaxNotes);
        }
        return new PerformanceFeatures(top, bottom, notes, [.. steps], [.. durations],
            [.. Enumerable.Range(0, n).Select(i => (long)PerformanceClasses.Velocity(performance?[i].Velocity ?? 0))],
            [.. Enumerable.Range(0, n).Select(i => (long)PerformanceClasses.Tempo(performance?[i].Tempo ?? 0))]);
    }
}
