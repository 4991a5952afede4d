namespace Sonata.Tokenization;

/// <summary>
/// A music21 Note or Chord of one track: its pitches in the order music21 holds them, where it
/// starts and how long it lasts, first in ticks, then, once quantized, in <see cref="TimeUnits"/>.
/// </summary>
internal sealed class ScoreElement
{
    public required int[] Pitches { get; init; }
    public bool IsChord { get; init; }

    /// <summary>False for percussion on channel 10, which music21 reads as Unpitched: not a token.</summary>
    public bool IsPitched { get; init; } = true;

    /// <summary>How hard it is struck: its note's velocity, a chord's its notes' mean (not something music21 tokenizes).</summary>
    public int Velocity { get; init; }

    public long StartTick { get; init; }
    public long DurationTicks { get; init; }

    /// <summary>Zero ticks long: music21 makes it a grace note, which sorts before others at its offset.</summary>
    public bool IsGrace => DurationTicks == 0;

    public long Offset { get; set; }
    public long Duration { get; set; }

    /// <summary>Shortens this element to <paramref name="length"/> and returns the tied rest of it.</summary>
    public ScoreElement SplitAt(long length)
    {
        var rest = new ScoreElement
        {
            Pitches = Pitches, IsChord = IsChord, IsPitched = IsPitched, Velocity = Velocity,
            StartTick = StartTick, DurationTicks = DurationTicks,
            Offset = Offset + length, Duration = Duration - length,
        };
        Duration = length;
        return rest;
    }
}
