namespace Sonata.Generation;

/// <summary>
/// What <see cref="Generator.Generate"/> made: the primer's tokens followed by the new ones
/// (100 + 500 = 600 with the lab's settings), and their timing when the model predicts it.
/// </summary>
/// <param name="Tokens">Primer tokens, then generated tokens.</param>
/// <param name="PrimerLength">How many of <paramref name="Tokens"/> are the primer.</param>
/// <param name="Context">How the model read its context.</param>
/// <param name="Seconds">Wall-clock seconds spent predicting the new tokens.</param>
public sealed record GeneratedPiece(IReadOnlyList<string> Tokens, int PrimerLength, ContextMode Context, double Seconds)
{
    /// <summary>Each token's step from the one before, in quarter notes (a timing class's value), or null when the model does not predict timing.</summary>
    public IReadOnlyList<double>? Steps { get; init; }

    /// <summary>Each token's duration in quarter notes, or null.</summary>
    public IReadOnlyList<double>? Durations { get; init; }

    /// <summary>How many draws <see cref="GenerationOptions.MaxCopy"/> turned away.</summary>
    public int CopiesRefused { get; init; }

    /// <summary>How many tokens were generated.</summary>
    public int GeneratedCount => Tokens.Count - PrimerLength;

    /// <summary>New tokens a second.</summary>
    public double TokensPerSecond => Seconds > 0 ? GeneratedCount / Seconds : double.PositiveInfinity;
}
