using System.Globalization;
using Sonata.Cli.Commands.Evaluate;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Generate;

/// <summary>
/// <c>sonata generate</c>: the lab's Problems 4 and 5. Opens the run, primes the piece (with a test
/// window of the run, or the end of a MIDI file), continues it with the run's predictor, writes the
/// MIDI (and the tokens, a WAV and a piano roll when asked) and prints the statistics of what it wrote.
/// </summary>
public sealed partial class GenerateCommand(IAnsiConsole console) : AsyncCommand<GenerateCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        int seed = settings.Seed ?? Random.Shared.Next();
        using var run = TrainedRun.Open(settings.Run, settings.ToOpening());
        var primer = settings.Primer is { } file
            ? Primer.FromTokens(Sonata.Tokenization.Music21Tokenizer.TokenizeFile(file).Select(t => t.Token).ToList(), run.Vocabulary, run.ContextLength, Path.GetFileName(file))
            : run.TestWindow(seed);
        var piece = settings.ToPiece(seed, run.OnsetSteps);
        var generator = new Generator(run.Predictor, run.Vocabulary, run.ContextLength);

        console.MarkupLineInterpolated($"checkpoint [bold]{run.Checkpoint.File}[/] (epoch {run.Checkpoint.Epoch}, {run.Checkpoint.Why}); {run.Config.Model}; vocabulary {run.Vocabulary}");
        console.MarkupLineInterpolated($"seed {seed}; primer: {primer.Description}");
        console.MarkupLineInterpolated($"context [bold]{Describe(settings.Context, run.ContextLength)}[/]; strategy [bold]{settings.ToSampling()}[/]");
        if (run.Predictor.MemoryWeight > 0)
            console.MarkupLineInterpolated($"n-gram memory of the training labels: [bold]{run.Predictor.MemoryWeight:0.##}[/] of each prediction (--memory-weight 0: the networks alone)");

        var options = settings.ToOptions(seed);
        var generated = console.Profile.Capabilities.Interactive
            ? await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(progress => Task.Run(
                    () => generator.Generate(primer.Tokens, options,
                        new GenerationProgressView(progress, $"generating ({settings.Context.ToString().ToLowerInvariant()})"), cancellationToken),
                    CancellationToken.None))
            : await Task.Run(() => generator.Generate(primer.Tokens, options, progress: null, cancellationToken), CancellationToken.None);
        console.MarkupLineInterpolated(
            $"generated {generated.GeneratedCount} tokens in {generated.Seconds:F2} s ({generated.TokensPerSecond:F1} tokens/s), after {generated.PrimerLength} primer tokens");

        var written = await PieceWriter.WriteAsync(generated.Tokens, generated.PrimerLength, settings.ToFiles(), piece, cancellationToken);
        Report(written, settings.Tempo);
        console.Write(StatisticsTable.Build(MusicStatistics.Of(written.ReadBack), File.Exists(run.Folder.CorpusTokensFile) ? run.CorpusStatistics : null));
        return written.SoundProblem is null ? 0 : 1;
    }

    /// <summary>Each file written, whether the MIDI reads back as the tokens, and why there is no WAV.</summary>
    private void Report(WrittenPiece written, double tempo)
    {
        var files = written.Files;
        console.MarkupLineInterpolated(
            $"wrote [bold]{Path.GetFullPath(files.Midi)}[/]: {written.Placed.Count} tokens, {written.Quarters:0.##} quarter notes, {written.Quarters * 60 / tempo:F0} s at {tempo:0.##} BPM");
        foreach (string? file in new[] { files.Tokens, files.PianoRoll })
            if (file is not null) console.MarkupLineInterpolated($"wrote [bold]{Path.GetFullPath(file)}[/]");
        if (files.Wav is not null && written.SoundProblem is null)
            console.MarkupLineInterpolated($"wrote [bold]{Path.GetFullPath(files.Wav)}[/] (rendered in {written.RenderSeconds:F1} s)");
        if (written.SoundProblem is { } problem) console.MarkupLineInterpolated($"[red]error:[/] no WAV: {problem}");
        if (written.ReadsBackTheSame)
            console.MarkupLineInterpolated($"{Path.GetFileName(files.Midi)} reads back as the same {written.ReadBack.Count} tokens");
        else
            console.MarkupLineInterpolated($"[yellow]warning:[/] {Path.GetFileName(files.Midi)} reads back as {written.ReadBack.Count} tokens that differ from the {written.Placed.Count} generated");
    }

    private static string Describe(ContextMode mode, int length) => mode == ContextMode.Window
        ? string.Create(CultureInfo.InvariantCulture, $"window (each new token re-reads the last {length} tokens from a zero LSTM state)")
        : "stream (the primer once, then the LSTM state carried one token at a time)";
}
