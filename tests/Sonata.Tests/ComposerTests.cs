using System.Text.Json;
using NAudio.Midi;
using Sonata.Composing;
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
    public void Onsets_lie_on_music21s_grid_and_every_token_lasts_until_the_next()
    {
        // Steps like 1/12 and 1/6 sum to places off the grid: they must be moved onto it.
        var policy = OffsetPolicy.Corpus(new Dictionary<double, double> { [1.0 / 12] = 1, [1.0 / 6] = 1, [0.25] = 1, [1.0 / 3] = 1 });
        var piece = Composer.Arrange([.. Enumerable.Repeat("C4", 300)], policy, seed: 1);

        for (int i = 0; i < piece.Count; i++)
        {
            double twelfths = piece[i].Start * 12;
            Assert.Equal(Math.Round(twelfths), twelfths, 9);
            Assert.True((long)Math.Round(twelfths) % 3 == 0 || (long)Math.Round(twelfths) % 4 == 0, $"onset {piece[i].Start}");
            Assert.True(piece[i].End > piece[i].Start);
            if (i > 0) Assert.Equal(piece[i - 1].End, piece[i].Start);
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

        string path = Path.Combine(_folder, "mozart.mid");
        Composer.WriteMidi(path, tokens, OffsetPolicy.Corpus(steps), seed: 2024);

        Assert.Equal(tokens, ReadTokensLikeMusic21(path));
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
