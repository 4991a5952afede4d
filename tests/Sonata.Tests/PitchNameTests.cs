using System.Text.Json;
using Sonata.Music;

namespace Sonata.Tests;

public class PitchNameTests
{
    [Theory]
    [InlineData("C4", 60)]
    [InlineData("C#4", 61)]
    [InlineData("E-5", 75)]
    [InlineData("B-2", 46)]
    [InlineData("A0", 21)]
    [InlineData("C8", 108)]
    [InlineData("B##3", 61)]
    [InlineData("D--4", 60)]
    [InlineData("C-4", 59)]
    [InlineData("G9", 127)]
    public void Names_read_as_music21_reads_them(string name, int midi) => Assert.Equal(midi, PitchName.ToMidi(name));

    [Fact]
    public void Midi_numbers_are_spelled_as_music21_spells_them()
    {
        string[] octave4 = [.. Enumerable.Range(60, 12).Select(PitchName.FromMidi)];
        Assert.Equal(["C4", "C#4", "D4", "E-4", "E4", "F4", "F#4", "G4", "G#4", "A4", "B-4", "B4"], octave4);
        Assert.Equal("A0", PitchName.FromMidi(21));
        Assert.Equal("C-1", PitchName.FromMidi(0));
    }

    [Fact]
    public void Every_midi_number_from_C0_round_trips()
    {
        for (int midi = 12; midi <= 127; midi++)
            Assert.Equal(midi, PitchName.ToMidi(PitchName.FromMidi(midi)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("H4")]
    [InlineData("C")]
    [InlineData("E-")]
    [InlineData("C4x")]
    [InlineData("c4")]
    [InlineData("G#9")]
    public void Bad_names_are_refused(string name)
    {
        Assert.False(PitchName.TryToMidi(name, out _));
        Assert.Throws<FormatException>(() => PitchName.ToMidi(name));
    }

    [Fact]
    public void Every_pitch_of_the_reference_tokens_is_spelled_the_default_way()
    {
        string path = Path.Combine(SharedData.ReferenceFolder, "mozart_sonatas.music21-8.1.0.tokens.json");
        var files = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(path))!;
        var names = files.Values.SelectMany(tokens => tokens).SelectMany(token => token.Split('.')).ToHashSet();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Equal(name, PitchName.FromMidi(PitchName.ToMidi(name))));
    }

    [Fact]
    public void Chord_tokens_give_their_distinct_pitches_lowest_first()
    {
        Assert.Equal([47, 59], TokenPitches.Parse("B2.B3"));
        Assert.Equal([69, 74, 77], TokenPitches.Parse("F5.A4.D5"));
        Assert.Equal([61], TokenPitches.Parse("C#4.D-4"));
        Assert.Equal([75], TokenPitches.Parse("E-5"));
    }
}
