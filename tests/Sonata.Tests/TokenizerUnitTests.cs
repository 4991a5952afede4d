using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>The tokenizer's pieces alone, on hand-made MIDI data.</summary>
public class TokenizerUnitTests
{
    private const int Tpq = 480;

    /// <summary>A format-0 file of one track from raw event bytes (delta times included).</summary>
    private static MidiFileContent Midi(params byte[] events)
    {
        byte[] end = [0, 0xFF, 0x2F, 0];
        byte[] body = [.. events, .. end];
        byte[] header = [.. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, Tpq >> 8, Tpq & 0xFF];
        byte[] length = [(byte)(body.Length >> 24), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length];
        return MidiFileParser.Parse((byte[])[.. header, .. "MTrk"u8, .. length, .. body], "test.mid");
    }

    private static List<string> Tokens(MidiFileContent midi) => Music21Tokenizer.Tokenize(midi).Select(t => t.Token).ToList();

    [Fact]
    public void Running_status_continues_the_last_status_byte()
    {
        // note-on C4, then (running status) note-on E4, then both off with velocity 0
        var midi = Midi(0, 0x90, 60, 90, 0, 64, 90, 0x83, 0x60, 60, 0, 0, 64, 0);
        Assert.Equal(["C4.E4"], Tokens(midi));
    }

    [Fact]
    public void An_unknown_meta_event_is_dropped_and_reading_goes_on()
    {
        // FF 60 is no meta type music21 knows: it drops only the event's delta and reads the
        // same bytes again as a delta time (FF 60 = 16352 ticks), then the note-on after them.
        var midi = Midi(0, 0xFF, 0x60, 0x90, 62, 80, 0x83, 0x60, 0x80, 62, 0);
        var tokens = Music21Tokenizer.Tokenize(midi);
        Assert.Equal(["D4"], tokens.Select(t => t.Token));
        Assert.Equal(34.0, tokens[0].Offset);
    }

    [Fact]
    public void Notes_starting_together_and_ending_together_make_a_chord_others_stay_apart()
    {
        var midi = Midi(
            0, 0x90, 60, 90, 0, 0x90, 67, 90, 0, 0x90, 48, 90,        // C4 G4 C3 at 0
            0x83, 0x60, 0x80, 60, 0, 0, 0x80, 67, 0,                 // C4 G4 off after a quarter
            0x83, 0x60, 0x80, 48, 0);                                // C3 off after a half
        Assert.Equal(["C4.G4", "C3"], Tokens(midi));
    }

    [Fact]
    public void A_note_on_without_note_off_is_dropped()
    {
        var midi = Midi(0, 0x90, 60, 90, 0, 0x90, 62, 90, 0x83, 0x60, 0x80, 62, 0);
        Assert.Equal(["D4"], Tokens(midi));
    }

    [Fact]
    public void A_note_across_the_barline_becomes_two_tokens()
    {
        // 4/4 by default: a note from beat 4 lasting two beats is tied over the barline
        var midi = Midi(0x8B, 0x20, 0x90, 69, 90, 0x87, 0x40, 0x80, 69, 0);
        var tokens = Music21Tokenizer.Tokenize(midi);
        Assert.Equal(["A4", "A4"], tokens.Select(t => t.Token));
        Assert.Equal([3.0, 4.0], tokens.Select(t => t.Offset));
    }

    [Fact]
    public void A_pitch_byte_above_127_reads_as_music21_folds_it_into_the_top_octave()
    {
        // Bytes 145 and 128 where pitches belong, as a damaged file can hold them: music21 keeps
        // them, pairs each with the note-off of the same byte, and sets Pitch.midi, which folds
        // 145 to 121 (C#9) and 128 to 116 (G#8).
        var midi = Midi(0, 0x90, 0x91, 90, 0x83, 0x60, 0x80, 0x91, 0, 0, 0x90, 0x80, 90, 0x83, 0x60, 0x80, 0x80, 0);
        Assert.Equal(["C#9", "G#8"], Tokens(midi));
    }

    [Theory]
    [InlineData(0.30, 1.0 / 3)]   // nearer the triplet grid
    [InlineData(0.26, 0.25)]
    [InlineData(0.125, 0.0)]      // halfway: music21 rounds down, and prefers sixteenths on a tie
    [InlineData(1.9, 2.0)]
    public void Quantizing_snaps_to_sixteenths_or_triplets(double quarters, double expected)
    {
        var match = Quantizer.BestMatch(quarters, Quantizer.Divisors);
        Assert.Equal(expected, (double)match.Units / 3072, 9);
    }

    [Fact]
    public void Chord_tokens_are_sorted_distinct_pitch_names()
    {
        Assert.Equal("B2.B3", Music21Tokenizer.Text([59, 47, 47], isChord: true));
        Assert.Equal("E-5", Music21Tokenizer.Text([75], isChord: false));
    }
}
