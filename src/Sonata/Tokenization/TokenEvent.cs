namespace Sonata.Tokenization;

/// <summary>A token ("E-5", "B2.B3") with music21's offset and length of its Note or Chord, in quarters.</summary>
public sealed record TokenEvent(string Token, double Offset, double Duration);
