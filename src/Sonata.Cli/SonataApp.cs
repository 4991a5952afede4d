using Sonata.Cli.Commands.Export;
using Sonata.Cli.Commands.Train;
using Sonata.Cli.Tokens;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli;

/// <summary>Builds the command tree; tests drive it with a test console.</summary>
public static class SonataApp
{
    /// <summary>
    /// Runs the command in <paramref name="args"/>. Ctrl-C, like <paramref name="cancellationToken"/>,
    /// cancels it. <paramref name="tokens"/> replaces the corpus tokenizer (tests).
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, IAnsiConsole console, ITokenSource? tokens = null, CancellationToken cancellationToken = default)
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
            var app = new CommandApp();
            app.Configure(config =>
            {
                config.SetApplicationName("sonata");
                config.ConfigureConsole(console);
                // The one place the source of `sonata train`'s tokens is chosen.
                config.Settings.Registrar.RegisterInstance<ITokenSource>(tokens ?? new PendingTokenizerSource());
                config.AddCommand<TrainCommand>("train")
                    .WithDescription("Train the LSTM on the corpus's tokens into a run folder (the lab's Problems 2 and 3).");
                config.AddCommand<ExportCommand>("export")
                    .WithDescription("Write a run's weights as safetensors, with vocab.json beside them.");
            });
            return await app.RunAsync(args, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
