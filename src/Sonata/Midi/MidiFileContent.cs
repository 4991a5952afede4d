namespace Sonata.Midi;

/// <summary>A parsed Standard MIDI File: its timing and the events of each track in file order.</summary>
public sealed record MidiFileContent(int Format, int TicksPerQuarter, IReadOnlyList<IReadOnlyList<MidiEvent>> Tracks);
