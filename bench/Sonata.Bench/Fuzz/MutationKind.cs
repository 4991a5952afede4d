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

    /// <summary>A chunk, the header included, copied after itself, between two others, at the end or into a track (<see cref="ChunkMutations"/>).</summary>
    RepeatedChunk,

    /// <summary>Two chunks, the header included, exchanged.</summary>
    SwappedChunks,

    /// <summary>A track chunk of another corpus file in place of a chunk, beside one, or over part of one's data.</summary>
    ForeignChunk,

    /// <summary>A track chunk cut short, its length unchanged, followed by another file's track chunk or the rest of the file.</summary>
    CutChunk,

    /// <summary>Two neighbouring track chunks joined into one, so that running status crosses where they met.</summary>
    MergedChunks,

    /// <summary>Bytes after the last chunk: random ones, another file's chunk, a wild track header, the file's own tail.</summary>
    TrailingData,
}
