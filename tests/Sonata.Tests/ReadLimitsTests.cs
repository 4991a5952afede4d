using NAudio.Midi;
using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>
/// Files past <see cref="ReadLimits"/> are refused early, with one line that names the file and the
/// reason (music21 would read them for minutes into gigabytes of tied notes); files within them
/// read with work in proportion to what they hold. Work is counted (<see cref="TokenBudget.Work"/>),
/// not timed, so that a slow or busy machine reads the same.
/// </summary>
public sealed class ReadLimitsTests : IDisposable
{
    private const int Tpq = 480;

    /// <summary>
    /// Steps of work a refusal may take for each event of the file: reading a whole corpus file
    /// takes at most 7, and the work each limit stops would take thousands.
    /// </summary>
    private const int RefusalWorkPerEvent = 32;

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"sonata-limits-{Guid.NewGuid():N}");

    public ReadLimitsTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_corpus_file_with_a_huge_delta_time_is_refused_early_naming_the_file()
    {
        var midi = new MidiFile(ExtractedCorpus.MozartFiles[0], strictChecking: false);
        var track = midi.Events[1];
        long gap = 100_000L * midi.DeltaTicksPerQuarterNote; // one delta of 100,000 quarter notes halfway through
        foreach (var e in track.Skip(track.Count / 2))
            e.AbsoluteTime += gap;
        string path = Export("huge_delta.mid", midi.Events);

        var error = Refused(path);

        Assert.Contains("an event of track 1 lies at quarter note", error.Message);
        Assert.Contains("at most 65,536 quarter notes are read", error.Message);
    }

    [Fact]
    public void A_note_whose_note_off_is_lost_is_refused_naming_its_length()
    {
        // C4 never ends, so it takes the note-off of the next C4, 9,000 quarter notes later.
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        track.Add(new NoteOnEvent(0, 1, 60, 90, 0));
        for (int beat = 1; beat < 8; beat++)
            AddNote(track, beat, 1, 64 + beat);
        AddNote(track, 9_000, 1, 60);
        string path = Export("lost_note_off.mid", events);

        var error = Refused(path);

        Assert.Contains("a note of track 0 lasts 9,001 quarter notes (at most 4,096 are read)", error.Message);
    }

    [Fact]
    public void A_tiny_time_signature_that_needs_too_many_measures_is_refused()
    {
        // 1/1024: a bar of 1/256 quarter note, so 300 quarter notes need 76,800 measures.
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        track.Add(new TimeSignatureEvent(0, 1, 10, 24, 8));
        AddNote(track, 0, 1, 60);
        AddNote(track, 299, 1, 62);
        string path = Export("tiny_bars.mid", events);

        var error = Refused(path);

        Assert.Contains("track 0 needs more than 65,536 measures", error.Message);
    }

    [Fact]
    public void Many_long_notes_that_tie_into_too_many_tokens_are_refused()
    {
        // 1/4: each note of 4,000 quarter notes (within the note limit) is tied into 4,000 tokens.
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        track.Add(new TimeSignatureEvent(0, 1, 2, 24, 8));
        for (int i = 0; i < 100; i++)
            AddNote(track, i, 4_000, 30 + i % 60);
        string path = Export("long_notes.mid", events);

        var error = Refused(path);

        Assert.Contains("make more than 250,000 tokens", error.Message);
    }

    [Fact]
    public void Too_many_notes_starting_together_are_refused()
    {
        // 300 notes at one instant, each ending a sixteenth later than the one before: no chord.
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        for (int i = 0; i < 300; i++)
            AddNoteInTicks(track, 0, (Tpq / 4 + 1) * (i + 1), 30 + i % 60);
        string path = Export("together.mid", events);

        var error = Refused(path);

        Assert.Contains("300 notes of track 0 start together", error.Message);
        Assert.Contains("at most 256 are read", error.Message);
    }

    [Fact]
    public void A_measure_with_too_many_notes_is_refused()
    {
        // 1,100 notes starting in the first 4/4 bar, 74 at each of 15 instants, each its own pitch
        // and channel (so each note-off ends its own note) and its own end (so no chord).
        const int ChordTolerance = Tpq / 4;
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        for (int i = 0; i < 1_100; i++)
            AddNoteInTicks(track, i % 15 * (ChordTolerance + 1), (i / 15 + 1) * (ChordTolerance + 1), i % 128, channel: 1 + i / 128);
        string path = Export("crowded.mid", events);

        var error = Refused(path);

        Assert.Contains("a measure of track 0 holds more than 1,024 notes", error.Message);
    }

    [Fact]
    public void Twice_the_instrument_changes_take_twice_the_work_not_four_times()
    {
        // Each program change starts a span of the track; finding each span's notes by looking
        // through all of them took 8 s for 60,000 (quadratic: twice the changes, four times the work).
        var (work, tokens) = Read(InstrumentChanges("instruments-30000.mid", 30_000));
        var (twiceWork, twiceTokens) = Read(InstrumentChanges("instruments-60000.mid", 60_000));

        Assert.Equal(10_000, tokens);
        Assert.Equal(20_000, twiceTokens);
        Assert.True(twiceWork <= 2.2 * work, $"{work:N0} steps of work for 30,000 changes, {twiceWork:N0} for 60,000");
    }

    [Fact]
    public void A_delta_time_longer_than_a_long_is_refused_not_wrapped()
    {
        // Ten continuation bytes: a number past 2^63, which music21 reads as it is (and a long would wrap).
        byte[] huge = [0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0];
        string path = Write("long_delta.mid", Track([0, 0x90, 60, 90, .. huge, 0x80, 60, 0]));

        var error = Refused(path);

        Assert.Contains("an event of track 0 lies at quarter note", error.Message);
    }

    [Fact]
    public void A_file_with_too_many_events_is_refused()
    {
        // A controller and 1,000,000 more by running status, 3 bytes each.
        var body = new List<byte> { 0, 0xB0, 7, 100 };
        for (int i = 0; i < ReadLimits.MaxEvents; i++)
            body.AddRange([0, 7, 100]);
        string path = Write("many_events.mid", Track([.. body]));

        var error = Refused(path);

        Assert.Contains($"more than {ReadLimits.MaxEvents:N0} MIDI events", error.Message);
    }

    [Fact]
    public void A_file_too_large_to_be_a_piece_is_refused_before_it_is_read()
    {
        string path = Path.Combine(folder, "huge.mid");
        using (var file = File.Create(path))
            file.SetLength(ReadLimits.MaxFileBytes + 1);

        var error = Refused(path);

        Assert.Contains("16,777,217 bytes long", error.Message);
    }

    /// <summary>The file's refusal, one line naming it, come before the work its limit bounds was done.</summary>
    private static MidiFormatException Refused(string path)
    {
        var budget = new TokenBudget(path);
        long events = 0;
        var error = Assert.Throws<MidiFormatException>(() =>
        {
            var midi = MidiFileParser.Read(path);
            events = midi.Tracks.Sum(t => (long)t.Count);
            Music21Tokenizer.Tokenize(midi, path, budget);
        });
        Assert.True(budget.Work <= RefusalWorkPerEvent * events, $"refused after {budget.Work:N0} steps of work for {events:N0} events");
        Assert.StartsWith(path + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(error.Message, Assert.Throws<MidiFormatException>(() => Music21Tokenizer.TokenizeFile(path)).Message);
        return error;
    }

    /// <summary>The work reading the file took, and its tokens.</summary>
    private static (long Work, int Tokens) Read(string path)
    {
        var budget = new TokenBudget(path);
        int tokens = Music21Tokenizer.Tokenize(MidiFileParser.Read(path), path, budget).Count;
        return (budget.Work, tokens);
    }

    /// <summary>One track of <paramref name="count"/> program changes, each with a note (a third of which music21 keeps).</summary>
    private string InstrumentChanges(string name, int count)
    {
        var events = new MidiEventCollection(0, Tpq);
        var track = events.AddTrack();
        for (int i = 0; i < count; i++)
        {
            track.Add(new PatchChangeEvent(i * 40L, 1, i % 128));
            AddNoteInTicks(track, i * 40L, 20, 40 + i % 40);
        }
        return Export(name, events);
    }

    private static void AddNote(IList<NAudio.Midi.MidiEvent> track, long startQuarter, long quarters, int pitch) =>
        AddNoteInTicks(track, startQuarter * Tpq, quarters * Tpq, pitch);

    private static void AddNoteInTicks(IList<NAudio.Midi.MidiEvent> track, long start, long ticks, int pitch, int channel = 1)
    {
        var on = new NoteOnEvent(start, channel, pitch, 90, (int)ticks);
        track.Add(on);
        track.Add(on.OffEvent);
    }

    private string Export(string name, MidiEventCollection events)
    {
        foreach (var track in events)
        {
            var sorted = track.OrderBy(e => e.AbsoluteTime).ToList();
            track.Clear();
            foreach (var e in sorted.Where(e => !NAudio.Midi.MidiEvent.IsEndTrack(e)))
                track.Add(e);
            track.Add(new MetaEvent(MetaEventType.EndTrack, 0, sorted.Count == 0 ? 0 : sorted[^1].AbsoluteTime));
        }
        string path = Path.Combine(folder, name);
        MidiFile.Export(path, events);
        return path;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A format-0 file of one track from raw event bytes (delta times included), end of track added.</summary>
    private static byte[] Track(byte[] events)
    {
        byte[] body = [.. events, 0, 0xFF, 0x2F, 0];
        byte[] header = [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, Tpq >> 8, Tpq & 0xFF];
        byte[] length = [(byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length];
        return [.. header, .. "MTrk"u8, .. length, .. body];
    }
}
