namespace Sonata.Pieces;

/// <summary>How tokens become a MIDI file.</summary>
public sealed record ComposerOptions
{
    /// <summary>Key velocity of every note, 1–127.</summary>
    public int Velocity { get; init; } = 100;

    /// <summary>Tempo in quarter notes a minute.</summary>
    public double TempoBpm { get; init; } = 120;

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
        ArgumentOutOfRangeException.ThrowIfLessThan(Velocity, 1, nameof(Velocity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Velocity, 127, nameof(Velocity));
        if (!double.IsFinite(TempoBpm) || TempoBpm <= 0)
            throw new ArgumentOutOfRangeException(nameof(TempoBpm), TempoBpm, "The tempo must be positive.");
        if (TicksPerQuarter <= 0 || TicksPerQuarter % 12 != 0 || TicksPerQuarter > short.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(TicksPerQuarter), TicksPerQuarter, "Ticks per quarter must be a positive multiple of 12 below 32768.");
        ArgumentOutOfRangeException.ThrowIfNegative(Program, nameof(Program));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Program, 127, nameof(Program));
        ArgumentOutOfRangeException.ThrowIfLessThan(Channel, 1, nameof(Channel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Channel, 16, nameof(Channel));
    }
}
