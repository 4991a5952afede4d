using Sonata.Evaluation;

namespace Sonata.Tests;

public class MusicStatisticsTests
{
    [Fact]
    public void Counts_repeats_range_and_pitches_per_onset()
    {
        // C4 C4 E4.G4 C4 E4.G4 C5 : six tokens, four distinct pitches, two chords.
        var stats = MusicStatistics.Of(["C4", "C4", "E4.G4", "C4", "E4.G4", "C5"]);

        Assert.Equal(6, stats.Tokens);
        Assert.Equal(3, stats.DistinctTokens);
        Assert.Equal(1.0 / 5, stats.RepeatRate, 12);
        Assert.Equal(60, stats.LowestPitch);
        Assert.Equal(72, stats.HighestPitch);
        Assert.Equal(8.0 / 6, stats.MeanPitchesPerOnset, 12);
        // Pitches: C×4, E×2, G×2 of 8.
        Assert.Equal(0.5, stats.PitchClassHistogram[0], 12);
        Assert.Equal(0.25, stats.PitchClassHistogram[4], 12);
        Assert.Equal(0.25, stats.PitchClassHistogram[7], 12);
        Assert.Equal(1.0, stats.PitchClassHistogram.Sum(), 12);
    }

    [Theory]
    [InlineData("A B C A B C", 3)]
    [InlineData("A B A B A", 2)]          // "A B" twice; "A B A" only overlapping
    [InlineData("A A A A A A A", 3)]
    [InlineData("A B C D", 0)]
    [InlineData("A", 0)]
    [InlineData("X A B C Y Z A B C Q", 3)]
    public void The_longest_repeat_occurs_twice_without_overlapping(string sequence, int expected) =>
        Assert.Equal(expected, RepeatedStretch.LongestLength(sequence.Split(' ')));

    [Fact]
    public void The_longest_repeat_of_a_long_sequence_is_found()
    {
        var random = new Random(3);
        int[] motif = [.. Enumerable.Range(0, 40).Select(_ => random.Next(1000, 2000))];
        int[] sequence = [.. Enumerable.Range(0, 500).Select(i => i), .. motif, .. Enumerable.Range(500, 300), .. motif, .. Enumerable.Range(800, 100)];

        Assert.Equal(40, RepeatedStretch.LongestLength(sequence));
    }

    [Fact]
    public void A_c_major_scale_fits_c_major_and_its_relative_minor_goes_by_the_tonic()
    {
        var major = MusicStatistics.Of(["C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5", "C4.E4.G4"]);
        Assert.Equal("C major", major.Scale!.Name);
        Assert.Equal(1.0, major.Scale.Fraction, 12);

        var minor = MusicStatistics.Of(["A3", "B3", "C4", "D4", "E4", "F4", "G4", "A4", "A3.C4.E4"]);
        Assert.Equal(ScaleMode.Minor, minor.Scale!.Mode);
        Assert.Equal(9, minor.Scale.Tonic);
        Assert.Equal("A minor", minor.Scale.Name);

        var flat = MusicStatistics.Of(["E-4", "G4", "B-4", "E-5", "E-4"]);
        Assert.Equal("E- major", flat.Scale!.Name);
    }

    [Fact]
    public void A_chromatic_piece_fits_no_scale_fully()
    {
        var stats = MusicStatistics.Of([.. Enumerable.Range(60, 12).Select(Sonata.Music.PitchName.FromMidi)]);
        Assert.Equal(7.0 / 12, stats.Scale!.Fraction, 12);
    }

    [Fact]
    public void Jensen_shannon_is_zero_for_the_same_histogram_and_one_for_disjoint_ones()
    {
        double[] c = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], g = [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0];
        double[] half = [0.5, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0];

        Assert.Equal(0, HistogramDistance.JensenShannon(c, c)!.Value, 12);
        Assert.Equal(1, HistogramDistance.JensenShannon(c, g)!.Value, 12);
        Assert.Equal(0.311278124459133, HistogramDistance.JensenShannon(c, half)!.Value, 9);
        Assert.Null(HistogramDistance.JensenShannon(c, new double[12]));
    }

    [Fact]
    public void An_empty_piece_has_no_range_scale_or_distance()
    {
        var empty = MusicStatistics.Of([]);
        Assert.Equal(0, empty.Tokens);
        Assert.Null(empty.LowestPitch);
        Assert.Null(empty.Scale);

        var comparison = StatisticsComparison.Compare(empty, MusicStatistics.Of(["C4"]));
        Assert.Null(comparison.PitchClassDistance);
        Assert.Equal(0, StatisticsComparison.Compare(MusicStatistics.Of(["C4", "E4"]), MusicStatistics.Of(["E5", "C3"])).PitchClassDistance!.Value, 12);
    }
}
