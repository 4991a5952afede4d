namespace Sonata.Training;

/// <summary>How far an accuracy measured on a sample of windows may lie from the whole split's.</summary>
public static class Binomial
{
    /// <summary>
    /// Half the width of the 95 % interval of a share <paramref name="p"/> measured on
    /// <paramref name="n"/> windows drawn at random (normal approximation): 1.5 points at 47 % of 4,096.
    /// </summary>
    public static double HalfWidth95(double p, long n) => n <= 0 ? double.NaN : 1.96 * Math.Sqrt(p * (1 - p) / n);
}
