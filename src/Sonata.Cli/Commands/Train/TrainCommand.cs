using System.ComponentModel;
using System.Globalization;
using Sonata.Cli.Commands.Train;
using Sonata.Corpus;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Train;

/// <summary><c>sonata train</c>: the lab's Problems 2 and 3 on the corpus's tokens.</summary>
public sealed partial class TrainCommand(IAnsiConsole console, ITokenSource corpusTokens, CorpusOptions corpusOptions)
    : AsyncCommand<TrainCommand.Settings>
{
    /// <summary>Exit code after Ctrl-C: the run folder holds every finished epoch.</summary>
    public const int Interrupted = 130;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var folder = new RunFolder(settings.Out ?? RunFolder.NewPath(DateTime.Now));
        using var onCancel = cancellationToken.Register(() => console.MarkupLine(
            "[yellow]stopping[/] after this batch: the unfinished epoch is dropped; Ctrl-C again quits at once"));
        TrainingSummary summary;
        TrainingConfig config;
        try
        {
            ITokenSource source = settings.Tokens is not null ? new TokensFileSource(settings.Tokens)
                : settings.Data is not null || settings.SkipBad ? new CorpusTokenSource(console, corpusOptions, settings.Data, settings.SkipBad)
                : corpusTokens;
            var corpus = await source.LoadAsync(cancellationToken);
            config = settings.ToConfig(source.Description);
            console.MarkupLineInterpolated($"run folder [bold]{folder.Path}[/]");
            var trainer = new Trainer(config, settings.ToJobBudget());
            summary = console.Profile.Capabilities.Interactive
                ? await console.Progress()
                    .AutoClear(false)
                    .HideCompleted(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(progress => Task.Run(
                        () => trainer.Run(corpus, folder, settings.Resume, new TrainingProgressView(console, progress), cancellationToken),
                        CancellationToken.None))
                : await Task.Run(() => trainer.Run(corpus, folder, settings.Resume, new TrainingLines(console), cancellationToken), CancellationToken.None);
        }
        catch (Exception error) when (error is CheckpointMismatchException or TimeBudgetException or UserErrorException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            return 1;
        }

        TrainingText.Summary(console, summary, config.Training, folder.Path);
        if (summary.StopReason != StopReason.Cancelled) return 0;
        console.MarkupLineInterpolated(
            $"[yellow]stopped:[/] the unfinished epoch was dropped; continue with: sonata train --resume --out {folder.Path}");
        return Interrupted;
    }
}
