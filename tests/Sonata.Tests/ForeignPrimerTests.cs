using System.Text.Json;
using Sonata.Cli;
using Sonata.Dataset;
using Sonata.Tokenization;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// Pieces primed from music the model never saw: files of the second corpus (midi_songs), each
/// full of chords a one-sonata vocabulary lacks, with the default (rhythm-aware) network.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ForeignPrimerTests(ForeignPrimerTests.RhythmRun run) : IClassFixture<ForeignPrimerTests.RhythmRun>
{
    /// <summary>The file the issue was found with, and five others spread over the corpus.</summary>
    public static TheoryData<string> Files() => ["FF3_Battle_(Piano).mid", "#3", "#21", "#40", "#62", "#88"];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_of_another_corpus_primes_a_piece_with_its_unknown_chords_read_as_known_ones(string file)
    {
        var files = ExtractedCorpus.MidiSongsFiles;
        string path = file.StartsWith('#') ? files[int.Parse(file[1..], System.Globalization.CultureInfo.InvariantCulture)]
            : files.Single(f => Path.GetFileName(f) == file);
        string name = Path.GetFileNameWithoutExtension(path);
        string midi = Path.Combine(run.Root, name + ".mid"), tokens = Path.Combine(run.Root, name + ".json");
        var console = new TestConsole().Width(250);

        int code = await SonataApp.RunAsync(
            ["generate", "--run", run.Folder, "--primer", path, "--length", "8", "--seed", "3", "--threads", "1", "--device", "cpu",
             "--out", midi, "--tokens-out", tokens],
            console, corpusOptions: TinyRun.Options(run.Root));

        Assert.True(code == 0, console.Output);
        var primer = Music21Tokenizer.TokenizeFile(path).Select(e => e.Token).TakeLast(100).ToArray();
        var piece = JsonSerializer.Deserialize<string[]>(File.ReadAllText(tokens))!;
        Assert.Equal(primer, piece[..primer.Length]);
        Assert.Equal(primer.Length + 8, piece.Length);
        var vocabulary = Vocabulary.Load(Path.Combine(run.Folder, "vocab.json"));
        Assert.All(piece[primer.Length..], token => Assert.True(vocabulary.Contains(token)));
        using var record = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(midi, ".piece.json")));
        Assert.Equal(primer.Count(t => !vocabulary.Contains(t)), record.RootElement.GetProperty("primer_mapped").GetInt32());
    }

    /// <summary>A rhythm-aware network (the default's kind; one, tiny) trained two batches on one sonata.</summary>
    public sealed class RhythmRun : IDisposable
    {
        public RhythmRun()
        {
            Root = Directory.CreateTempSubdirectory("sonata-foreign-").FullName;
            Folder = Path.Combine(Root, "run");
            string sonata = ExtractedCorpus.MozartFiles.Single(f => Path.GetFileName(f) == "piano_sonata_282.mid");
            var console = new TestConsole().Width(200);
            int code = SonataApp.RunAsync(
                ["train", "--performer-steps", "3", "--data", sonata, "--out", Folder, "--epochs", "1", "--members", "1", "--embedding", "8", "--hidden", "32", "--layers", "1",
                 "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu"],
                console, corpusOptions: TinyRun.Options(Root)).GetAwaiter().GetResult();
            if (code != 0) throw new InvalidOperationException($"training the rhythm run failed:\n{console.Output}");
        }

        public string Root { get; }

        public string Folder { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
