using System.Text.Json;
using NAudio.Midi;
using Sonata.Pieces;
using Sonata.Music;

namespace Sonata.Tests;

public sealed class ComposerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-composer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Tokens = ["C4", "E4.G4.C5", "E-5", "E-5", "B2.B3", "F#4"];

    [Fact]
    public void The_same_tokens_policy_and_seed_give_the_same_bytes()
    {
        var policy = OffsetPolicy.Corpus(new Dictionary<double, double> { [0.0] = 1, [0.25] = 1, [1.0 / 3] = 1, [0.5] = 1 });
        string a = Path.Combine(_folder, "a.mid"), b = Path.Combine(_folder, "b.mid"), c = Path.Combine(_folder, "c.mid");
        Composer.WriteMidi(a, Tokens, policy, seed: 5);
        Composer.WriteMidi(b, Tokens, policy, seed: 5);
        Composer.WriteMidi(c, Tokens, policy, seed: 6);

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
        Assert.DoesNotContain(Directory.GetFiles(_folder), Sonata.IO.AtomicFile.IsTemporary);
    }

    [Fact]
    public void Fixed_steps_place_each_token_and_hold_it_until_the_next()
    {
        string path = Path.Combine(_folder, "fixed.mid");
        Composer.WriteMidi(path, Tokens, OffsetPolicy.Fixed(0.5), seed: 0, new ComposerOptions { TempoBpm = 90 });

        var midi = new MidiFile(path, strictChecking: true);
        Assert.Equal(1, midi.FileFormat);
        Assert.Equal(480, midi.DeltaTicksPerQuarterNote);
        Assert.Equal(666_667, midi.Events[0].OfType<TempoEvent>().Single().MicrosecondsPerQuarterNote);
        Assert.Equal(0, midi.Events[1].OfType<PatchChangeEvent>().Single().Patch);

        var notes = midi.Events[1].OfType<NoteOnEvent>().Where(e => e.Velocity > 0).ToList();
        Assert.All(notes, n => Assert.Equal(100, n.Velocity));
        Assert.All(notes, n => Assert.Equal(240, n.NoteLength));
        var onsets = notes.GroupBy(n => n.AbsoluteTime).Select(g => (g.Key, Pitches: g.Select(n => n.NoteNumber).Order().ToArray())).ToList();
        Assert.Equal([0L, 240, 480, 720, 960, 1200], onsets.Select(o => o.Key));
        Assert.Equal([64, 67, 72], onsets[1].Pitches);
        Assert.Equal([47, 59], onsets[4].Pitches);
        Assert.Single(onsets[2].Pitches);
    }

    [Fact]
    public void Onsets_and_durations_lie_on_music21s_grid_and_every_token_lasts_until_the_next_or_the_barline()
    {
        // Steps like 1/12 and 1/6 sum to places off the grid: they must be moved onto it.
        var policy = OffsetPolicy.Corpus(new Dictionary<double, double> { [1.0 / 12] = 1, [1.0 / 6] = 1, [0.25] = 1, [1.0 / 3] = 1, [5.0 / 12] = 1 });
        var piece = Composer.Arrange([.. Enumerable.Repeat("C4", 300)], policy, seed: 1);

        static long Twelfths(double quarters)
        {
            Assert.Equal(Math.Round(quarters * 12), quarters * 12, 9);
            return (long)Math.Round(quarters * 12);
        }
        static bool OnGrid(long twelfths) => twelfths % 3 == 0 || twelfths % 4 == 0;
        for (int i = 0; i < piece.Count; i++)
        {
            long start = Twelfths(piece[i].Start), end = Twelfths(piece[i].End);
            Assert.True(OnGrid(start), $"onset {piece[i].Start}");
            Assert.True(OnGrid(end - start), $"duration {piece[i].Duration}");
            Assert.True(end > start);
            Assert.True(end <= (start / 48 + 1) * 48, $"{piece[i].Start}-{piece[i].End} crosses a barline");
            if (i + 1 < piece.Count)
            {
                long next = Twelfths(piece[i + 1].Start);
                Assert.InRange(next - start, 3, long.MaxValue);                              // a sixteenth at least
                Assert.InRange(end, Math.Min(next, (start / 48 + 1) * 48) - 2, next);       // until the next, or the bar
            }
        }
    }

    [Fact]
    public void Mozarts_own_tokens_with_corpus_steps_read_back_as_music21_would_read_them()
    {
        string folder = SharedData.ReferenceFolder;
        var tokens = JsonSerializer.Deserialize<Dictionary<string, string[]>>(
            File.ReadAllText(Path.Combine(folder, "mozart_sonatas.music21-8.1.0.tokens.json")))!["piano_sonata_279.mid"].Take(600).ToArray();
        var offsets = JsonSerializer.Deserialize<Dictionary<string, JsonElement[][]>>(
            File.ReadAllText(Path.Combine(folder, "mozart_sonatas.music21-8.1.0.offsets.json")))!["piano_sonata_279.mid"];
        var steps = offsets.Zip(offsets.Skip(1), (a, b) => b[1].GetDouble() - a[1].GetDouble())
            .GroupBy(s => s).ToDictionary(g => g.Key, g => (double)g.Count());

        foreach (int seed in new[] { 2024, 1, 2 })
        {
            string path = Path.Combine(_folder, $"mozart-{seed}.mid");
            Composer.WriteMidi(path, tokens, OffsetPolicy.Corpus(steps), seed);

            Assert.Equal(tokens, ReadTokensLikeMusic21(path));
            Assert.Equal(tokens, Sonata.Tokenization.Music21Tokenizer.TokenizeFile(path).Select(t => t.Token));
        }
    }

    [Fact]
    public void A_token_stops_at_the_barline_so_music21_does_not_split_it_into_two()
    {
        // Steps of 3, 2 and 8 quarters: C4 from 3 would cross the bar at 4, G4 from 5 the bar at 8.
        var policy = OffsetPolicy.Corpus(new Dictionary<double, double> { [2.0] = 1, [3.0] = 1, [8.0] = 1 });
        string[] tokens = [.. Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? "C4" : i % 3 == 1 ? "G4" : "E4.G4")];
        string path = Path.Combine(_folder, "long.mid");

        var piece = Composer.WriteMidi(path, tokens, policy, seed: 3);

        Assert.All(piece, t => Assert.True(Math.Floor(t.Start / 4) == Math.Ceiling(t.End / 4) - 1, $"{t.Start}-{t.End} crosses a barline"));
        Assert.Contains(piece, t => t.End < t.Start + 2);   // some were cut short
        Assert.Equal(tokens, Sonata.Tokenization.Music21Tokenizer.TokenizeFile(path).Select(t => t.Token));
    }

    /// <summary>
    /// music21's reading, in short: pair note-ons with note-offs, quantize onsets and durations
    /// to the nearest multiple of 1/4 or 1/3 quarter, and make one chord of the notes sharing an
    /// onset and a duration; pitch names sorted and joined by '.'.
    /// </summary>
    private static List<string> ReadTokensLikeMusic21(string path)
    {
        var midi = new MidiFile(path, strictChecking: true);
        double tpq = midi.DeltaTicksPerQuarterNote;
        return midi.Events.SelectMany(track => track).OfType<NoteOnEvent>()
            .Where(n => n.Velocity > 0)
            .Select(n => (Onset: Quantize(n.AbsoluteTime / tpq), Duration: Quantize(n.NoteLength / tpq), Name: PitchName.FromMidi(n.NoteNumber)))
            .GroupBy(n => (n.Onset, n.Duration))
            .OrderBy(g => g.Key.Onset)
            .Select(g => string.Join('.', g.Select(n => n.Name).Distinct().Order(StringComparer.Ordinal)))
            .ToList();
    }

    private static double Quantize(double quarters)
    {
        double quarter = Math.Round(quarters * 4) / 4, third = Math.Round(quarters * 3) / 3;
        return Math.Abs(quarter - quarters) <= Math.Abs(third - quarters) ? quarter : third;
    }
}
