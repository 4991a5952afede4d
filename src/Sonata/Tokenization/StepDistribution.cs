namespace Sonata.Tokenization;

/// <summary>
/// The corpus's distribution of steps between consecutive tokens, for the piece writer's corpus offsets (<c>--offsets corpus</c>).
/// </summary>
public static class StepDistribution
{
    /// <summary>
    /// Counts the steps between consecutive onsets (quarter notes) within each piece. music21's
    /// onsets are multiples of 1/4 or 1/3, so every step is a multiple of 1/12: each is rounded to
    /// one, which merges float noise such as 0.33333333333337 and 0.3333333333332 into 1/3.
    /// The step 0.0 (chords split over tokens) is kept here; the corpus policy leaves it out.
    /// </summary>
    public static IReadOnlyDictionary<double, double> FromOnsets(IEnumerable<IReadOnlyList<double>> onsetsPerPiece)
    {
        ArgumentNullException.ThrowIfNull(onsetsPerPiece);
        var twelfths = new SortedDictionary<long, double>();
        foreach (var onsets in onsetsPerPiece)
        {
            for (int i = 1; i < onsets.Count; i++)
            {
                long step = (long)Math.Round((onsets[i] - onsets[i - 1]) * 12);
                twelfths[step] = twelfths.GetValueOrDefault(step) + 1;
            }
        }
        return twelfths.ToDictionary(p => p.Key / 12.0, p => p.Value);
    }
}
