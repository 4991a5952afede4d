namespace Sonata.Tokenization;

/// <summary>
/// An instrument that a track's name, instrument name or program change sets at an offset.
/// <paramref name="Kind"/> is what music21 would make of it (null: its generic Instrument);
/// music21 merges tracks into parts by <paramref name="InstrumentName"/>.
/// </summary>
internal sealed record TrackInstrument(long Offset, string? Kind, string? InstrumentName, string? PartName);
