namespace Sonata.Tokenization;

/// <summary>A note-on matched with its note-off, in ticks.</summary>
internal readonly record struct NotePair(long OnTick, long OffTick, int Pitch, int Channel);
