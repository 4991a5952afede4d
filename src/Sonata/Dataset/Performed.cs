namespace Sonata.Dataset;

/// <summary>How one token is played: its velocity (1–127, 0 where not known) and the tempo where it starts (quarter notes a minute, 0 where not known).</summary>
public readonly record struct Performed(int Velocity, double Tempo)
{
    /// <summary>Whether both are known.</summary>
    public bool IsKnown => Velocity > 0 && Tempo > 0;

    /// <summary>The performance of <paramref name="count"/> tokens of a corpus from <paramref name="start"/>, or null where the corpus has none.</summary>
    public static IReadOnlyList<Performed>? Slice(CorpusTiming timing, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(timing);
        if (timing.Velocities is not { } velocities || timing.Tempos is not { } tempos) return null;
        return [.. Enumerable.Range(start, count).Select(i => new Performed(velocities[i], tempos[i]))];
    }
}
