using System.Text.Json;
using Sonata.Cli;
using Spectre.Console.Testing;

namespace Sonata.Tests;

/// <summary>
/// The tiny run (<see cref="TinyRun"/>) with four short pieces in a folder of their own (three
/// generated with WAV, piano roll and settings, and a copy of one under a name a URL must escape),
/// the report page written beside them by <c>sonata report</c>, and <c>sonata evaluate --json</c>
/// of the same folder against the run's one sonata.
/// </summary>
public sealed class ReportedRun : IDisposable
{
    public ReportedRun()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Run = new TinyRun();
        var trained = clock.Elapsed;
        Pieces = Path.Combine(Run.Root, "pieces");
        Directory.CreateDirectory(Pieces);
        string Piece(string extension) => Path.Combine(Pieces, "take" + extension);
        Cli("generate", "--run", Run.Folder, "--threads", "1", "--device", "cpu", "--count", "3", "--seed", "11", "--length", "60",
            "--strategy", "sample", "--out", Piece(".mid"), "--wav", Piece(".wav"), "--piano-roll", Piece(".png"));
        foreach (string extension in new[] { ".mid", ".wav", ".png", ".piece.json" })
            File.Copy(Path.Combine(Pieces, "take-12" + extension), Path.Combine(Pieces, "second take #2" + extension));
        var generated = clock.Elapsed;
        Page = Path.Combine(Pieces, "report.html");
        Cli("report", "--run", Run.Folder, "--pieces", Pieces, "--out", Page);
        var reported = clock.Elapsed;
        Evaluation = JsonDocument.Parse(Cli("evaluate", Pieces, "--data", Run.Sonata, "--json"));
        Timings = $"training {trained.TotalSeconds:F1} s, generating {(generated - trained).TotalSeconds:F1} s, "
            + $"the report {(reported - generated).TotalSeconds:F1} s, evaluate {(clock.Elapsed - reported).TotalSeconds:F1} s";
    }

    /// <summary>How long each step of making the fixture took.</summary>
    public string Timings { get; }

    public TinyRun Run { get; }

    /// <summary>The folder of the pieces and the page.</summary>
    public string Pieces { get; }

    /// <summary>The report page.</summary>
    public string Page { get; }

    /// <summary>The pieces' MIDI file names.</summary>
    public IReadOnlyList<string> Names { get; } = ["second take #2.mid", "take-11.mid", "take-12.mid", "take-13.mid"];

    /// <summary><c>sonata evaluate PIECES --json</c>: a serialized FolderJudgement.</summary>
    public JsonDocument Evaluation { get; }

    private string Cli(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = SonataApp.RunAsync(args, console, corpusOptions: TinyRun.Options(Run.Root)).GetAwaiter().GetResult();
        return code == 0 ? console.Output : throw new InvalidOperationException($"sonata {args[0]} failed:\n{console.Output}");
    }

    public void Dispose()
    {
        Evaluation.Dispose();
        Run.Dispose();
    }
}
