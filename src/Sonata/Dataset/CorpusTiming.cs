using Sonata.Tokenization;

namespace Sonata.Dataset;

/// <summary>Each token's step and duration class (<see cref="TimingClasses"/>), files concatenated as the ids are.</summary>
/// <param name="Steps">(N) the class of each token's step from the token before in its file (the first's from the file's start).</param>
/// <param name="Durations">(N) the class of each token's duration.</param>
public sealed record CorpusTiming(long[] Steps, long[] Durations)
{
    /// <summary>(N) how hard each token was played (0 where not known); null when no token's performance is known.</summary>
    public int[]? Velocities { get; init; }

    /// <summary>(N) the tempo where each token starts, quarter notes a minute (0 where not known); null with <see cref="Velocities"/>.</summary>
    public double[]? Tempos { get; init; }

    /// <summary>The timing of files of tokens with music21's offsets and durations, in order, with their performance where known.</summary>
    public static CorpusTiming Of(IEnumerable<IReadOnlyList<TokenEvent>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var steps = new List<long>();
        var durations = new List<long>();
        var velocities = new List<int>();
        var tempos = new List<double>();
        foreach (var file in files)
        {
            steps.AddRange(TimingClasses.Steps([.. file.Select(e => e.Offset)]));
            durations.AddRange(TimingClasses.Durations([.. file.Select(e => e.Duration)]));
            velocities.AddRange(file.Select(e => e.Velocity));
            tempos.AddRange(file.Select(e => e.Tempo));
        }
        bool performed = velocities.Any(v => v > 0);
        return new CorpusTiming([.. steps], [.. durations])
        {
            Velocities = performed ? [.. velocities] : null,
            Tempos = performed ? [.. tempos] : null,
        };
    }
}
