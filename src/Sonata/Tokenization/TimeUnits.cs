namespace Sonata.Tokenization;

/// <summary>
/// Musical time as whole numbers: 3072 units a quarter note, so that the quantization grid
/// (sixteenths and eighth-note triplets, 1/12 quarter) and every bar length of a time signature
/// whose denominator is at most 1024 are exact.
/// </summary>
internal static class TimeUnits
{
    public const long PerQuarter = 3072;

    public static double ToQuarters(long units) => (double)units / PerQuarter;
}
