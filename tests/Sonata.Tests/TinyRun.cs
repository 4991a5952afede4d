using Sonata.Cli;
using Sonata.Corpus;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// A run folder trained once for the generation tests, through <c>sonata train --data</c> on one
/// sonata (3,011 tokens): three of the lab's networks (embedding 8, hidden 32, one layer), one
/// epoch of 2 batches.
/// </summary>
public sealed class TinyRun : IDisposable
{
    public TinyRun()
    {
        Root = Directory.CreateTempSubdirectory("sonata-generate-").FullName;
        Folder = Path.Combine(Root, "run");
        Sonata = ExtractedCorpus.MozartFiles.Single(f => Path.GetFileName(f) == "piano_sonata_282.mid");
        var console = new TestConsole().Width(200);
        int code = SonataApp.RunAsync(
            ["train", "--data", Sonata, "--out", Folder, "--epochs", "1", "--network", "lab", "--embedding", "8", "--hidden", "32", "--layers", "1",
             "--max-batches", "2", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu"],
            console, corpusOptions: Options(Root)).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"training the tiny run failed:\n{console.Output}");
    }

    /// <summary>A temporary folder holding the run and whatever the tests write.</summary>
    public string Root { get; }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>The one MIDI file the run was trained on.</summary>
    public string Sonata { get; }

    /// <summary>A corpus cache in <paramref name="root"/> that never reaches the network.</summary>
    public static CorpusOptions Options(string root) =>
        new(Path.Combine(root, "cache"), new Uri("http://127.0.0.1:9/none.tar.gz"), null);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
