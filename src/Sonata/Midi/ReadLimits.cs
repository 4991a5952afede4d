namespace Sonata.Midi;

/// <summary>
/// How much one MIDI file may make Sonata do. music21 reads whatever a file says, so one wrong
/// delta time in a 30 KB file can make a note that is tied at every barline of millions of
/// measures (gigabytes, minutes). Sonata refuses such a file instead, with a
/// <see cref="MidiFormatException"/> that names it and the limit, checked before the work is done.
/// <para>
/// Each limit is far above the largest value measured in the 20 Mozart sonatas and the 92 files of
/// midi_songs (given beside it, the larger of the two corpora), so no real piano piece comes near.
/// </para>
/// </summary>
public static class ReadLimits
{
    /// <summary>
    /// Bytes of one file (largest measured: 105,560, piano_sonata_284.mid). Read whole into memory,
    /// so a huge file that is not a piece is refused before it is read.
    /// </summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>MIDI events of one file, all tracks (largest measured: 23,738). About 48 MB of events.</summary>
    public const int MaxEvents = 1_000_000;

    /// <summary>
    /// The time of any event, in quarter notes from the start (largest measured: 2,289, about
    /// 20 minutes; at 120 beats a minute 65,536 quarters are 9 hours). A corrupt delta time usually
    /// overshoots this by far; it also bounds the length of a part and of every note.
    /// </summary>
    public const long MaxQuarters = 65_536;

    /// <summary>
    /// The length of one note or chord, in quarter notes (longest measured: 322, a held bass in
    /// Fyw_piano.mid; Mozart's longest is 16). A note-off paired far away makes a note tied at
    /// every barline it crosses.
    /// </summary>
    public const long MaxNoteQuarters = 4_096;

    /// <summary>
    /// Measures of one part (most measured: 671). Counted before they are made: a tiny time
    /// signature (1/1024) cuts even a short part into very many.
    /// </summary>
    public const long MaxMeasures = 65_536;

    /// <summary>
    /// Notes of one track that start within 1/4 quarter note of each other (most measured: 15,
    /// AT.mid). Grouping notes into chords compares each with all of those.
    /// </summary>
    public const int MaxNotesStartingTogether = 256;

    /// <summary>
    /// Notes and chords that start in one measure of a part (most measured: 30, AT.mid). Making
    /// voices for a measure compares each with all of the others.
    /// </summary>
    public const int MaxNotesPerMeasure = 1_024;

    /// <summary>
    /// Tokens of one file, its notes and chords with their tied continuations, counted before the
    /// ties are made (most measured: 9,443, piano_sonata_284.mid). Bounds the work and the memory
    /// of a file that passes the other limits with many long notes.
    /// </summary>
    public const long MaxTokens = 250_000;
}
