using Sonata.Cli.Commands.Data;
using Sonata.Cli.Commands.Export;
using Sonata.Cli.Commands.Generate;
using Sonata.Cli.Commands.Report;
using Sonata.Cli.Commands.Train;
using Sonata.Cli.Commands.Evaluate;
using Sonata.Corpus;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Midi;
using Sonata.Pieces;
using Sonata.Tokenization;
using Sonata.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

/// <summary>Builds the command tree; tests drive it with a test console.</summary>
public static class SonataApp
{
    /// <summary>
    /// Runs the command in <paramref name="args"/>. Ctrl-C, like <paramref name="cancellationToken"/>,
    /// cancels it. Tests replace the corpus's tokens (<paramref name="tokens"/>) or where the default
    /// corpus is downloaded and cached (<paramref name="corpusOptions"/>).
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, IAnsiConsole console, ITokenSource? tokens = null,
        CancellationToken cancellationToken = default, CorpusOptions? corpusOptions = null)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The first Ctrl-C asks the command to stop cleanly; a second one ends the process at once.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            corpusOptions ??= CorpusOptions.Default;
            var app = new CommandApp(Registrations(console, corpusOptions, tokens ?? new CorpusTokenSource(console, corpusOptions, null)));
            app.Configure(config =>
            {
                config.SetApplicationName("sonata");
                config.ConfigureConsole(console);
                config.PropagateExceptions();
                config.AddCommand<DataCommand>("data")
                    .WithDescription("Find the corpus and list its notes and chords as music21 does.")
                    .WithExample("data")
                    .WithExample("data", "--data", "songs.tar.gz", "--tokens-out", "tokens.json");
                config.AddCommand<TrainCommand>("train")
                    .WithDescription("Train the LSTM on the corpus's tokens into a run folder (the lab's Problems 2 and 3).")
                    .WithExample("train", "--epochs", "30", "--out", "runs/lab");
                config.AddCommand<ExportCommand>("export")
                    .WithDescription("Write a run's weights as safetensors, with vocab.json beside them.")
                    .WithExample("export", "--run", "runs/lab", "--out", "model.safetensors");
                config.AddCommand<GenerateCommand>("generate")
                    .WithDescription("Continue a test window (or --primer) with a run's model and write the piece as MIDI (the lab's Problems 4 and 5).")
                    .WithExample("generate", "--run", "runs/lab", "--out", "mozart.mid", "--wav", "mozart.wav", "--piano-roll", "mozart.png")
                    .WithExample("generate", "--run", "runs/lab", "--strategy", "sample", "--temperature", "0.8", "--top-p", "0.9", "--seed", "7", "--offsets", "corpus");
                config.AddCommand<EvaluateCommand>("evaluate")
                    .WithDescription("Judge a generated MIDI piece, or a folder of them, beside the corpus's own range of each figure (loops, copies, key, rhythm).")
                    .WithExample("evaluate", "mozart.mid")
                    .WithExample("evaluate", "pieces/", "--data", "songs.tar.gz", "--primer-length", "100", "--json")
                    .WithExample("evaluate", "mozart.mid", "--run", "runs/lab");
                config.AddCommand<ReportCommand>("report")
                    .WithDescription("Write one HTML page to listen to, look at and compare a run's pieces: the run's curves and accuracy, each piece's sound, piano roll, figures and settings.")
                    .WithExample("report", "--run", "out/run", "--pieces", "out", "--out", "out/report.html");
            });
            return await app.RunAsync(args, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (CommandAppException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (Exception e) when (IsUserError(e))
        {
            // One line, never a stack trace: the message says what was wrong and what to do.
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // A bug: one line that says so and where its details went (SONATA_TRACE=1 prints them too).
            string log = BugReport.Write(args, e);
            console.MarkupLineInterpolated($"[red]error:[/] a bug in Sonata, not in what you gave it ({e.GetType().Name}: {e.Message}); please report it with {log}");
            if (Environment.GetEnvironmentVariable("SONATA_TRACE") == "1") console.WriteLine(e.ToString());
            return Bug;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Exit code of a bug (sysexits' EX_SOFTWARE): an error the user cannot fix.</summary>
    public const int Bug = 70;

    /// <summary>
    /// Errors the user can fix, whose message is the whole story: bad input (a MIDI file, a corpus,
    /// a checkpoint, a file's content), a missing file, folder or tool, a budget too small, a request
    /// that cannot be done as it stands. Anything else is a bug.
    /// </summary>
    private static bool IsUserError(Exception e) => e is UserErrorException or MidiFormatException or CorpusException
        or CheckpointMismatchException or TimeBudgetException or UnknownTokensException or SoundToolMissingException or EvaluationException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException
        or InvalidDataException or FormatException or IOException;

    private static TypeRegistrar Registrations(IAnsiConsole console, CorpusOptions corpusOptions, ITokenSource tokens)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(CorpusOptions), corpusOptions);
        registrar.RegisterInstance(typeof(ITokenSource), tokens);
        return registrar;
    }
}
