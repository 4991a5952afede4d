namespace Sonata.Dataset;

/// <summary>
/// The classes a token's timing is read and predicted in, from music21's offsets and durations: a
/// step (quarter notes since the previous token's onset) and a duration, each one of the corpus's
/// usual values 0, 1/12, 1/6, 1/4, 1/3, 1/2, 2/3, 3/4, 1, 3/2, 2, or longer (written as 3). A
/// value between two classes takes the nearer, the shorter on a tie (1.25 → 1, 1.75 → 3/2); 99.8 %
/// of the Mozart corpus's steps and 97 % of its durations are one of the values exactly.
/// </summary>
public static class TimingClasses
{
    /// <summary>Each class's value in quarter notes; the last, "longer", stands for anything past 2.</summary>
    public static readonly IReadOnlyList<double> Values = [0, 1.0 / 12, 1.0 / 6, 0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 1, 1.5, 2, 3];

    /// <summary>How many classes there are (S = D = 12).</summary>
    public static int Count => Values.Count;

    /// <summary>The class of <paramref name="quarters"/> (a negative step, where a part starts again, is 0).</summary>
    public static int Of(double quarters)
    {
        if (!(quarters > 0)) return 0;
        int best = 0;
        for (int k = 1; k < Values.Count; k++)
            if (Math.Abs(Values[k] - quarters) < Math.Abs(Values[best] - quarters) - 1e-9) best = k;
        return best;
    }

    /// <summary>The steps' classes of onsets in a row: the first from 0, each next from the one before.</summary>
    public static long[] Steps(IReadOnlyList<double> onsets)
    {
        ArgumentNullException.ThrowIfNull(onsets);
        var classes = new long[onsets.Count];
        for (int i = 0; i < onsets.Count; i++) classes[i] = Of(onsets[i] - (i == 0 ? 0 : onsets[i - 1]));
        return classes;
    }

    /// <summary>The durations' classes; a duration of 0 (a grace note) is the shortest class above 0.</summary>
    public static long[] Durations(IReadOnlyList<double> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        return [.. durations.Select(d => (long)Math.Max(1, Of(d)))];
    }
}
