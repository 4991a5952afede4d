namespace Sonata.Pieces;

/// <summary>How tokens become a MIDI file.</summary>
public sealed record ComposerOptions
{
    /// <summary>Where neither the options nor a token say how hard it is struck.</summary>
    public const int DefaultVelocity = 100;

    /// <summary>Where neither the options nor the tokens say the tempo, quarter notes a minute.</summary>
    public const double DefaultTempoBpm = Tokenization.TempoMap.DefaultBpm;

    /// <summary>Key velocity of every note, 1–127; null: each token's own (<see cref="Music.PlacedToken.Velocity"/>), else <see cref="DefaultVelocity"/>.</summary>
    public int? Velocity { get; init; }

    /// <summary>One tempo for the whole piece, quarter notes a minute; null: the tokens' own (<see cref="Music.PlacedToken.Tempo"/>), else <see cref="DefaultTempoBpm"/>.</summary>
    public double? TempoBpm { get; init; }

    /// <summary>
    /// MIDI ticks per quarter note; a multiple of 12, so that every onset on music21's grid
    /// (multiples of 1/4 and 1/3 quarter) is a whole number of ticks.
    /// </summary>
    public int TicksPerQuarter { get; init; } = 480;

    /// <summary>General MIDI program (0 = Acoustic Grand Piano).</summary>
    public int Program { get; init; }

    /// <summary>MIDI channel, 1–16.</summary>
    public int Channel { get; init; } = 1;

    internal void Validate()
    {
        if (Velocity is < 1 or > 127)
            throw new ArgumentOutOfRangeException(nameof(Velocity), Velocity, "A velocity is 1–127.");
        if (TempoBpm is { } tempo && (!double.IsFinite(tempo) || tempo <= 0))
            throw new ArgumentOutOfRangeException(nameof(TempoBpm), TempoBpm, "The tempo must be positive.");
        if (TicksPerQuarter <= 0 || TicksPerQuarter % 12 != 0 || TicksPerQuarter > short.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(TicksPerQuarter), TicksPerQuarter, "Ticks per quarter must be a positive multiple of 12 below 32768.");
        ArgumentOutOfRangeException.ThrowIfNegative(Program, nameof(Program));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Program, 127, nameof(Program));
        ArgumentOutOfRangeException.ThrowIfLessThan(Channel, 1, nameof(Channel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Channel, 16, nameof(Channel));
    }
}
