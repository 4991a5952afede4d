using Sonata.Dataset;

namespace Sonata.Tests;

/// <summary>How a token outside a vocabulary is read: <see cref="NearestToken"/>, chord by kind.</summary>
public sealed class NearestTokenTests
{
    private static string Nearest(string token, params string[] vocabulary) => new NearestToken(new Vocabulary(vocabulary)).Of(token);

    [Fact]
    public void A_known_token_is_itself() => Assert.Equal("E-5", Nearest("E-5", "C4", "E-5", "E5"));

    [Fact]
    public void The_same_pitches_spelled_or_ordered_otherwise_are_the_known_token()
    {
        Assert.Equal("E-4", Nearest("D#4", "D4", "E-4", "E4"));
        Assert.Equal("C4.E4.G4", Nearest("G4.C4.E4", "C4.E4", "C4.E4.G4", "E4.G4.C5"));
    }

    [Fact]
    public void A_note_out_of_range_keeps_its_pitch_class_an_octave_away()
    {
        // C8 is nearer A7 in semitones, but a listener hears the C.
        Assert.Equal("C7", Nearest("C8", "A7", "B-7", "C7", "C6"));
        Assert.Equal("G#1", Nearest("G#0", "C1", "A0", "G#1"));
    }

    [Fact]
    public void A_note_whose_pitch_class_is_unknown_takes_the_nearest_pitch()
    {
        Assert.Equal("E4", Nearest("F4", "C4", "E4", "G4"));
    }

    [Fact]
    public void A_dyad_keeps_its_top_and_bass()
    {
        Assert.Equal("B2.B3", Nearest("B2.B4", "B3", "B2.B3", "B2.F#3"));   // an octave, top an octave down
        Assert.Equal("E4.G4", Nearest("E4.G5", "E4.G4", "E4.F#5", "G5"));    // a tenth read as its third
    }

    [Fact]
    public void A_triad_keeps_its_outer_voices_and_harmony_before_its_register()
    {
        // The root-position triad C4.E4.G4: its bass an octave away beats its inversion or a lost third.
        Assert.Equal("C3.E4.G4", Nearest("C4.E4.G4", "E4.G4.C5", "C4.G4", "C3.E4.G4"));
        Assert.Equal("E4.G4.C5", Nearest("E3.G4.C5", "C4.E4.G4", "E4.G4.C5", "G3.C4.E4"));   // an inversion stays one
    }

    [Fact]
    public void A_wide_chord_keeps_its_harmony_and_melody_first()
    {
        Assert.Equal("C4.E4.G4.C5", Nearest("C3.E4.G4.C5", "C3.G4.C5", "C4.E4.G4.C5", "C2.E5.G6.C7", "C5"));
        // Only thinner chords known: the one that keeps the melody, the bass and most of the harmony.
        Assert.Equal("C3.G4.C5", Nearest("C3.E4.G4.C5", "C3.G4.C5", "C5", "E4.G4.C5", "C3.E3"));
    }

    [Fact]
    public void A_cluster_takes_the_closest_known_chord()
    {
        Assert.Equal("C4.D4.E4", Nearest("C4.C#4.D4.E-4.E4", "C4.D4.E4", "C4.E4.G4", "C#4.E-4"));
    }

    [Fact]
    public void Reading_a_sequence_counts_each_substitution()
    {
        var reading = new NearestToken(new Vocabulary(["C4", "E4", "G4", "C4.E4.G4"])).Read(["C4", "C8", "C4.E4.G4.C5", "C8", "G4"]);

        Assert.Equal(["C4", "C4", "C4.E4.G4", "C4", "G4"], reading.Tokens);
        Assert.Equal(3, reading.Mapped);
        Assert.Equal([new TokenSubstitution("C8", "C4", 2), new TokenSubstitution("C4.E4.G4.C5", "C4.E4.G4", 1)], reading.Substitutions);
    }

    [Fact]
    public void A_token_that_is_no_note_is_refused()
    {
        var nearest = new NearestToken(new Vocabulary(["C4"]));
        Assert.Throws<FormatException>(() => nearest.Of("rest"));
        Assert.Throws<FormatException>(() => nearest.Of("C4.H2"));
    }
}
