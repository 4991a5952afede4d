namespace Sonata.Fuzz;

/// <summary>What a <see cref="MidiMutator"/> does to a MIDI file.</summary>
internal enum MutationKind
{
    /// <summary>One to eight bytes anywhere XORed with a random value.</summary>
    ByteFlip,

    /// <summary>The file cut short at a random length.</summary>
    Truncation,

    /// <summary>One to sixteen random bytes inserted somewhere.</summary>
    Insertion,

    /// <summary>One to sixteen bytes removed somewhere.</summary>
    Deletion,

    /// <summary>The length field of the header or of a track chunk changed.</summary>
    ChunkLength,

    /// <summary>The delta time of one event replaced by a huge one (the track's length adjusted to match).</summary>
    HugeDelta,

    /// <summary>One to four note-offs given another pitch, so that their notes end much later or never.</summary>
    LostNoteOff,

    /// <summary>The header's format, track count or ticks per quarter note changed.</summary>
    HeaderField,
}
