namespace Sonata.Dataset;

/// <summary>
/// The classes a token's performance is read and predicted in: its velocity exactly (1–127; 0
/// read where not known), and its tempo on a grid of <see cref="TempoCount"/> values spaced evenly
/// in log tempo from <see cref="SlowestBpm"/> to <see cref="FastestBpm"/> quarter notes a minute,
/// 1.1 % apart (the corpus's median step from one onset's tempo to the next is 2.2 %: on a grid of
/// 48, 4.7 % apart, half its changes fell inside one class, and the pieces changed tempo half as
/// often as Mozart's), one more class read where not known.
/// </summary>
public static class PerformanceClasses
{
    public const int VelocityCount = 128;
    public const int TempoCount = 192;
    public const double SlowestBpm = 30;
    public const double FastestBpm = 260;

    /// <summary>The tempo input class of a token whose tempo is not known.</summary>
    public const int UnknownTempo = TempoCount;

    public static int Velocity(int velocity) => Math.Clamp(velocity, 0, VelocityCount - 1);

    /// <summary>The class of a tempo (the nearest grid value in log tempo); <see cref="UnknownTempo"/> for 0 or less.</summary>
    public static int Tempo(double bpm)
    {
        if (!(bpm > 0)) return UnknownTempo;
        double position = Math.Log(bpm / SlowestBpm) / Math.Log(FastestBpm / SlowestBpm) * (TempoCount - 1);
        return (int)Math.Clamp(Math.Round(position), 0, TempoCount - 1);
    }

    /// <summary>The tempo of a class, in quarter notes a minute, to a hundredth.</summary>
    public static double TempoOf(int tempoClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tempoClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tempoClass, TempoCount);
        return Math.Round(SlowestBpm * Math.Pow(FastestBpm / SlowestBpm, (double)tempoClass / (TempoCount - 1)), 2);
    }
}
