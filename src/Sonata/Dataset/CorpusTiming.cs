using Sonata.Tokenization;

namespace Sonata.Dataset;

/// <summary>Each token's step and duration class (<see cref="TimingClasses"/>), files concatenated as the ids are.</summary>
/// <param name="Steps">(N) the class of each token's step from the token before in its file (the first's from the file's start).</param>
/// <param name="Durations">(N) the class of each token's duration.</param>
public sealed record CorpusTiming(long[] Steps, long[] Durations)
{
    /// <summary>The timing of files of tokens with music21's offsets and durations, in order.</summary>
    public static CorpusTiming Of(IEnumerable<IReadOnlyList<TokenEvent>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var steps = new List<long>();
        var durations = new List<long>();
        foreach (var file in files)
        {
            steps.AddRange(TimingClasses.Steps([.. file.Select(e => e.Offset)]));
            durations.AddRange(TimingClasses.Durations([.. file.Select(e => e.Duration)]));
        }
        return new CorpusTiming([.. steps], [.. durations]);
    }
}
