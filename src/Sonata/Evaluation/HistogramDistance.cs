namespace Sonata.Evaluation;

/// <summary>Distances between pitch-class histograms.</summary>
public static class HistogramDistance
{
    /// <summary>
    /// Jensen-Shannon divergence with base-2 logarithms, of the two histograms each normalized
    /// to sum 1: 0 for the same distribution, 1 for distributions with no pitch class in common.
    /// Null when either histogram is all zeros.
    /// </summary>
    public static double? JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count) throw new ArgumentException("The histograms must have the same number of bins.", nameof(q));
        double pTotal = p.Sum(), qTotal = q.Sum();
        if (pTotal <= 0 || qTotal <= 0) return null;

        double divergence = 0;
        for (int i = 0; i < p.Count; i++)
        {
            double a = p[i] / pTotal, b = q[i] / qTotal, m = (a + b) / 2;
            if (a > 0) divergence += 0.5 * a * Math.Log2(a / m);
            if (b > 0) divergence += 0.5 * b * Math.Log2(b / m);
        }
        return Math.Clamp(divergence, 0, 1);
    }
}
