namespace Sonata.Midi;

/// <summary>A MIDI file that cannot be read; the message names the file and what is wrong.</summary>
public sealed class MidiFormatException(string message) : Exception(message);
