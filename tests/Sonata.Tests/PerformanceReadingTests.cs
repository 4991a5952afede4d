using NAudio.Midi;
using Sonata.Evaluation;
using Sonata.Music;
using Sonata.Pieces;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>How a performance is read beside music21's tokens, measured, and written back.</summary>
public sealed class PerformanceReadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sonata-performance-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_token_keeps_its_velocity_a_chord_its_notes_mean_and_the_tempo_where_it_starts()
    {
        string path = Path.Combine(_folder, "played.mid");
        var events = new MidiEventCollection(1, 480);
        var conductor = events.AddTrack();
        conductor.Add(new TempoEvent(500_000, 0));          // 120 BPM
        conductor.Add(new TempoEvent(750_000, 960));        // 80 BPM from the third quarter
        conductor.Add(new TempoEvent(400_000, 1200));       // 150 BPM between two onsets
        conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, 1920));
        var piano = events.AddTrack();
        void Note(long tick, int pitch, int velocity)
        {
            piano.Add(new NoteOnEvent(tick, 1, pitch, velocity, 0));
            piano.Add(new NoteEvent(tick + 480, 1, MidiCommandCode.NoteOff, pitch, 0));
        }
        Note(0, 60, 40);
        Note(480, 64, 50);
        Note(480, 67, 71);                                   // a chord: mean 60.5 → 60 (banker's) or 61
        Note(960, 72, 90);
        Note(1440, 74, 127);
        piano.Add(new MetaEvent(MetaEventType.EndTrack, 0, 1920));
        events.PrepareForExport();
        MidiFile.Export(path, events);

        var tokens = Music21Tokenizer.TokenizeFile(path);

        Assert.Equal(["C4", "E4.G4", "C5", "D5"], tokens.Select(t => t.Token));
        Assert.Equal([0.0, 1, 2, 3], tokens.Select(t => t.Offset));
        Assert.Equal(40, tokens[0].Velocity);
        Assert.Equal((int)Math.Round((50 + 71) / 2.0), tokens[1].Velocity);
        Assert.Equal([90, 127], tokens.Skip(2).Select(t => t.Velocity));
        Assert.Equal([120.0, 120, 80, 150], tokens.Select(t => Math.Round(t.Tempo, 6)));
    }

    [Fact]
    public void The_sonatas_tokens_are_music21s_and_every_one_is_played()
    {
        var file = ExtractedCorpus.MozartFiles[0];
        var tokens = Music21Tokenizer.TokenizeFile(file);
        Assert.Equal(ReferenceTokens.Files.Single(f => f.FileName == Path.GetFileName(file)).Tokens, tokens.Select(t => t.Token));
        Assert.All(tokens, t => Assert.InRange(t.Velocity, 1, 127));
        Assert.All(tokens, t => Assert.True(t.Tempo > 0));
        Assert.True(tokens.Select(t => t.Velocity).Distinct().Count() > 40, "a performance has many velocities");
    }

    [Fact]
    public void A_piece_is_written_with_its_tokens_velocities_and_tempo_changes_and_reads_back_so()
    {
        PlacedToken[] piece =
        [
            new("C4", [60], 0, 1) { Velocity = 40, Tempo = 100 },
            new("E4.G4", [64, 67], 1, 2) { Velocity = 70, Tempo = 100 },
            new("C5", [72], 2, 3) { Velocity = 90, Tempo = 75 },
            new("D5", [74], 3, 4) { Velocity = 110, Tempo = 140 },
        ];
        string path = Path.Combine(_folder, "performed.mid");
        Composer.WriteMidi(path, piece);

        var read = Music21Tokenizer.TokenizeFile(path);
        Assert.Equal([40, 70, 90, 110], read.Select(t => t.Velocity));
        Assert.Equal([100.0, 100, 75, 140], read.Select(t => Math.Round(t.Tempo, 1)));
        // Each change eased in halfway from the onset before, at the geometric mean of old and new.
        var tempi = new MidiFile(path, strictChecking: true).Events[0].OfType<TempoEvent>().Select(e => (e.AbsoluteTime, Math.Round(e.Tempo, 1))).ToList();
        Assert.Equal([(0L, 100.0), (720, 86.6), (960, 75.0), (1200, 102.5), (1440, 140.0)], tempi);
        double seconds = (1.5 * 60 / 100) + (0.5 * 60 / 86.6) + (0.5 * 60 / 75) + (0.5 * 60 / 102.47) + (60.0 / 140);
        Assert.Equal(seconds, Composer.Seconds(piece, new ComposerOptions()), 2);

        string flat = Path.Combine(_folder, "flat.mid");
        Composer.WriteMidi(flat, piece, new ComposerOptions { Velocity = 90, TempoBpm = 96 });
        var flatRead = Music21Tokenizer.TokenizeFile(flat);
        Assert.All(flatRead, t => Assert.Equal(90, t.Velocity));
        Assert.All(flatRead, t => Assert.Equal(96, t.Tempo, 1));
        Assert.Single(new MidiFile(flat, strictChecking: true).Events[0].OfType<TempoEvent>());
    }

    [Fact]
    public void Performance_figures_measure_loudness_and_tempo_and_none_without_a_performance()
    {
        TokenEvent[] stretch =
        [
            new("C4", 0, 1) { Velocity = 40, Tempo = 60 },
            new("E4.G4", 1, 1) { Velocity = 80, Tempo = 60 },
            new("C3", 1, 2) { Velocity = 80, Tempo = 60 },
            new("D5", 2, 1) { Velocity = 100, Tempo = 120 },
            new("E5", 3, 1) { Velocity = 100, Tempo = 60 },
        ];
        // Note-ons: 40, 80, 80, 80, 100, 100 → p10 60, p90 100.
        Assert.Equal(40, PerformanceFigures.VelocitySpread(stretch));
        Assert.Equal(3, PerformanceFigures.DistinctVelocities(stretch));
        Assert.Equal(2, PerformanceFigures.TempoChanges(stretch));
        // 3 s at 60 (onsets 0, 1, 3), 0.5 s at 120: the median of the time is at 60.
        Assert.Equal(60, PerformanceFigures.Tempo(stretch));
        // Three onsets of four at 200 BPM, but most of the time (2 s of 2.9) at 30: the time decides.
        TokenEvent[] mostlyFast = [.. stretch.Select(t => t with { Tempo = t.Offset >= 1 ? 200 : 30 })];
        Assert.Equal(30, PerformanceFigures.Tempo(mostlyFast));

        TokenEvent[] unplayed = [new("C4", 0, 1), new("D4", 1, 1)];
        Assert.Null(PerformanceFigures.VelocitySpread(unplayed));
        Assert.Null(PerformanceFigures.Tempo(unplayed));
        Assert.Null(PerformanceFigures.TempoChanges(unplayed));
    }
}
