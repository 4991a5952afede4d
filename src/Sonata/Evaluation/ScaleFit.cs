using Sonata.Music;

namespace Sonata.Evaluation;

/// <summary>
/// The best of the 24 major and natural-minor scales for a piece, and the fraction of its
/// pitches (each pitch of a chord counted) that lie in that scale.
/// </summary>
public sealed record ScaleFit(int Tonic, ScaleMode Mode, double Fraction)
{
    private static readonly int[] MajorSteps = [0, 2, 4, 5, 7, 9, 11];
    private static readonly int[] MinorSteps = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>e.g. "C major", "B- minor" (music21's spelling of the tonic).</summary>
    public string Name => $"{PitchName.PitchClassName(Tonic)} {(Mode == ScaleMode.Major ? "major" : "minor")}";

    /// <summary>The pitch classes of a scale.</summary>
    public static IReadOnlyList<int> PitchClasses(int tonic, ScaleMode mode) =>
        [.. (mode == ScaleMode.Major ? MajorSteps : MinorSteps).Select(step => (tonic + step) % 12)];

    /// <summary>
    /// The scale holding the largest share of a 12-bin pitch-class histogram. A major scale and
    /// its relative minor hold the same pitches, so ties go to the scale whose tonic is heard
    /// more, then to major, then to the lower tonic. Null when the histogram is empty.
    /// </summary>
    public static ScaleFit? Best(IReadOnlyList<double> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.Count != 12) throw new ArgumentException("A pitch-class histogram has 12 bins.", nameof(histogram));
        double total = histogram.Sum();
        if (total <= 0) return null;

        ScaleFit? best = null;
        foreach (var mode in new[] { ScaleMode.Major, ScaleMode.Minor })
        {
            for (int tonic = 0; tonic < 12; tonic++)
            {
                double fraction = PitchClasses(tonic, mode).Sum(pc => histogram[pc]) / total;
                var fit = new ScaleFit(tonic, mode, fraction);
                if (best is null || IsBetter(fit, best, histogram)) best = fit;
            }
        }
        return best;
    }

    private static bool IsBetter(ScaleFit candidate, ScaleFit best, IReadOnlyList<double> histogram)
    {
        const double tolerance = 1e-12;
        if (Math.Abs(candidate.Fraction - best.Fraction) > tolerance) return candidate.Fraction > best.Fraction;
        double candidateTonic = histogram[candidate.Tonic], bestTonic = histogram[best.Tonic];
        if (Math.Abs(candidateTonic - bestTonic) > tolerance) return candidateTonic > bestTonic;
        return false;   // major was tried first, and lower tonics first within each mode
    }
}
