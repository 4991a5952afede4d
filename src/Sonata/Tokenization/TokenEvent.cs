namespace Sonata.Tokenization;

/// <summary>A token ("E-5", "B2.B3") with music21's offset and length of its Note or Chord, in quarters.</summary>
public sealed record TokenEvent(string Token, double Offset, double Duration)
{
    /// <summary>How hard the performance struck it (1–127; a chord's notes' mean), or 0 where not known.</summary>
    public int Velocity { get; init; }

    /// <summary>The performance's tempo where it starts, in quarter notes a minute, or 0 where not known.</summary>
    public double Tempo { get; init; }
}
