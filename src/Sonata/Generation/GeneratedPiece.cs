namespace Sonata.Generation;

/// <summary>
/// What <see cref="Generator.Generate"/> made: the seed's tokens followed by the new ones
/// (100 + 500 = 600 with the lab's settings).
/// </summary>
/// <param name="Tokens">Seed tokens, then generated tokens.</param>
/// <param name="SeedCount">How many of <paramref name="Tokens"/> are the seed.</param>
/// <param name="Context">How the model read its context.</param>
/// <param name="Seconds">Wall-clock seconds spent predicting the new tokens.</param>
public sealed record GeneratedPiece(IReadOnlyList<string> Tokens, int SeedCount, ContextMode Context, double Seconds)
{
    /// <summary>How many tokens were generated.</summary>
    public int GeneratedCount => Tokens.Count - SeedCount;

    /// <summary>New tokens a second.</summary>
    public double TokensPerSecond => Seconds > 0 ? GeneratedCount / Seconds : double.PositiveInfinity;
}
