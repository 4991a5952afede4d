namespace Sonata.Midi;

/// <summary>The kinds of MIDI event that music21's reader distinguishes.</summary>
public enum MidiEventKind
{
    NoteOff,
    NoteOn,
    PolyphonicPressure,
    ControllerChange,
    ChannelMode,
    ProgramChange,
    ChannelPressure,
    PitchBend,
    SysEx,
    Meta,
    /// <summary>A trailing byte too short to be an event; music21 keeps it as an empty event.</summary>
    Empty,
}

/// <summary>One event of a track at its absolute tick.</summary>
/// <param name="Channel">1-based MIDI channel for channel messages, else 0.</param>
/// <param name="Data1">Pitch, controller, program or meta type.</param>
/// <param name="Data2">Velocity or controller value.</param>
/// <param name="Payload">Meta or SysEx data, else empty.</param>
public readonly record struct MidiEvent(
    long Tick, MidiEventKind Kind, int Channel, int Data1, int Data2, ReadOnlyMemory<byte> Payload)
{
    public const int TrackNameMeta = 0x03;
    public const int InstrumentNameMeta = 0x04;
    public const int TempoMeta = 0x51;
    public const int TimeSignatureMeta = 0x58;

    public bool IsNoteOn => Kind == MidiEventKind.NoteOn && Data2 != 0;

    public bool IsNoteOff => Kind == MidiEventKind.NoteOff || (Kind == MidiEventKind.NoteOn && Data2 == 0);

    public bool IsMeta(int type) => Kind == MidiEventKind.Meta && Data1 == type;
}
