using Sonata.Cli.Data;
using Sonata.Cli.Evaluate;
using Sonata.Corpus;
using Sonata.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

/// <summary>Builds the command tree; tests drive it with a test console.</summary>
public static class SonataApp
{
    /// <param name="corpusOptions">Where the default corpus comes from and is cached; tests pass a temporary cache.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CorpusOptions? corpusOptions = null)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var app = new CommandApp(Registrations(console, corpusOptions ?? CorpusOptions.Default));
            app.Configure(config =>
            {
                config.SetApplicationName("sonata");
                config.ConfigureConsole(console);
                config.PropagateExceptions();
                config.AddCommand<DataCommand>("data")
                    .WithDescription("Find the corpus and list its notes and chords as music21 does.")
                    .WithExample("data")
                    .WithExample("data", "--data", "songs.tar.gz", "--tokens-out", "tokens.json");
                config.AddCommand<EvaluateCommand>("evaluate")
                    .WithDescription("Statistics of a MIDI piece (beside its corpus's, with --run).")
                    .WithExample("evaluate", "mozart.mid");
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
            return 2;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static TypeRegistrar Registrations(IAnsiConsole console, CorpusOptions corpusOptions)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        registrar.RegisterInstance(typeof(CorpusOptions), corpusOptions);
        registrar.RegisterInstance(typeof(Func<string, IReadOnlyList<string>>),
            (Func<string, IReadOnlyList<string>>)(path => Music21Tokenizer.TokenizeFile(path).Select(t => t.Token).ToList()));
        return registrar;
    }
}
