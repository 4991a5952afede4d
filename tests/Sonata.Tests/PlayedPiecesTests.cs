using NAudio.Midi;
using Sonata.Cli;
using Sonata.Tokenization;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// `sonata generate` with a run that trained a performer: its pieces are played as the performer
/// says, the primer as its file played it; --velocity and --tempo make them flat.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class PlayedPiecesTests(ForeignPrimerTests.RhythmRun run) : IClassFixture<ForeignPrimerTests.RhythmRun>
{
    private async Task<string> Generate(string name, params string[] options)
    {
        string midi = Path.Combine(run.Root, name + ".mid");
        var console = new TestConsole().Width(250);
        int code = await SonataApp.RunAsync(
            ["generate", "--run", run.Folder, "--length", "60", "--seed", "2", "--threads", "1", "--device", "cpu", "--out", midi, .. options],
            console, corpusOptions: TinyRun.Options(run.Root));
        Assert.True(code == 0, console.Output);
        return midi;
    }

    [Fact]
    public async Task A_piece_is_played_with_the_performers_velocities_and_tempi_and_its_primer_as_it_was_played()
    {
        Assert.True(File.Exists(Path.Combine(run.Folder, "performer.bin")));
        string primer = ExtractedCorpus.MozartFiles[5];
        string midi = await Generate("played", "--primer", primer);

        var source = Music21Tokenizer.TokenizeFile(primer).TakeLast(100).ToList();
        var piece = Music21Tokenizer.TokenizeFile(midi);
        Assert.Equal(160, piece.Count);
        Assert.Equal(source.Select(t => t.Velocity), piece.Take(100).Select(t => t.Velocity));
        Assert.True(piece.Skip(100).Select(t => t.Velocity).Distinct().Count() > 5, "the generated part is struck with many velocities");
        var tempi = new MidiFile(midi, strictChecking: true).Events[0].OfType<TempoEvent>().ToList();
        Assert.True(tempi.Count > 1, "the tempo changes");
    }

    [Fact]
    public async Task Velocity_and_tempo_options_play_the_piece_flat()
    {
        string midi = await Generate("flat", "--velocity", "90", "--tempo", "100");
        var file = new MidiFile(midi, strictChecking: true);
        Assert.All(file.Events.SelectMany(track => track).OfType<NoteOnEvent>().Where(n => n.Velocity > 0), n => Assert.Equal(90, n.Velocity));
        Assert.Equal(600_000, Assert.Single(file.Events[0].OfType<TempoEvent>()).MicrosecondsPerQuarterNote);
    }
}
