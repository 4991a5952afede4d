using System.Globalization;
using Sonata.Cli.Views;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Generate;

/// <summary>
/// <c>sonata generate</c>: the lab's Problems 4 and 5. Opens the run and composes with it
/// (<see cref="PieceComposer"/>): each piece primed with a test window of the run (or the end of a
/// MIDI file), continued by the run's predictor, written as MIDI (and tokens, a WAV and a piano
/// roll when asked); then the pieces' figures beside the run's corpus's ranges.
/// </summary>
public sealed partial class GenerateCommand(IAnsiConsole console) : AsyncCommand<GenerateCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        int seed = settings.Seed ?? Random.Shared.Next();
        var generation = settings.ToGeneration(seed);
        using var run = TrainedRun.Open(settings.Run, settings.ToOpening(generation));
        var request = settings.ToRequest(generation, run.ReadsTiming, run.OnsetSteps);
        console.MarkupLineInterpolated($"checkpoint [bold]{run.Checkpoint.File}[/] (epoch {run.Checkpoint.Epoch}, {run.Checkpoint.Why}); {run.Config.Model}; vocabulary {run.Vocabulary}");
        console.MarkupLineInterpolated($"context [bold]{Describe(request.Generation.Context, run.ContextLength, run.Config.Model.IsRecurrent)}[/]; strategy [bold]{request.Generation.Sampling}[/]{Timing(request)}");
        if (run.Config.Memory.Weight is > 0 and var weight)
            console.MarkupLineInterpolated($"n-gram memory of the training labels: [bold]{weight:0.##}[/] of each prediction (--memory-weight 0: the networks alone)");
        if (run.Config.Memory.CacheWeight is > 0 and var cache)
            console.MarkupLineInterpolated($"context cache: what the piece so far repeats takes up to [bold]{cache:0.##}[/] of each prediction, as the match grows (--cache-weight 0: none)");
        var composer = new PieceComposer(run);
        if (composer.CopyLimit(generation) is { } limit)
            console.MarkupLineInterpolated($"copies from the training pieces: at most {limit} tokens in a row (--max-copy 0: no limit)");
        else if (generation.MaxCopy is not null)
            console.MarkupLine("[yellow]no copy limit:[/] the run keeps no corpus-events.json to look copies up in (trained on a tokens file)");
        if (request.Generation.KeyPull is { } pull)
            console.MarkupLineInterpolated($"key pull: each pitch outside the key of the last 100 tokens multiplies a token's probability by {pull:0.##} (--key-pull 1: none)");

        var pieces = await Compose(composer, request, settings, cancellationToken);
        foreach (var piece in pieces) Report(piece, request.Piece.Midi);
        if (composer.Judge(pieces) is { } judgement)
            console.Write(FiguresTable.Build(judgement, $"the run's {judgement.CorpusPieces} training pieces"));
        else if (pieces.Count == 1 && File.Exists(run.Folder.CorpusTokensFile))
            console.Write(StatisticsTable.Build(MusicStatistics.Of(pieces[0].Written.ReadBack), MusicStatistics.OfCorpus(run.CorpusTokens.Select(f => f.Tokens))));
        return pieces.Any(p => p.Written.SoundProblem is not null) ? 1 : 0;
    }

    private async Task<IReadOnlyList<ComposedPiece>> Compose(PieceComposer composer, CompositionRequest request, Settings settings, CancellationToken cancellationToken)
    {
        string what = $"generating ({request.Generation.Context.ToString().ToLowerInvariant()})";
        if (!console.Profile.Capabilities.Interactive)
            return await composer.ComposeAsync(request, cancellationToken: cancellationToken);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(progress => composer.ComposeAsync(request,
                piece => new GenerationProgressView(progress, request.Count == 1 ? what : $"{what} {piece + 1}/{request.Count}"), cancellationToken));
    }

    /// <summary>"at 120 BPM", or the tempo's span and the loudness' where the piece is played as its performer says.</summary>
    private static string Played(WrittenPiece written, ComposerOptions midi)
    {
        var tempi = Composer.TempoChanges(written.Placed, midi).Select(c => c.Bpm).ToList();
        string tempo = tempi.Count == 1 ? $"at {tempi[0]:0.##} BPM" : $"at {tempi.Min():0}–{tempi.Max():0} BPM ({tempi.Count - 1} tempo changes)";
        var velocities = written.Placed.Select(t => midi.Velocity ?? t.Velocity ?? ComposerOptions.DefaultVelocity).ToList();
        return velocities.Distinct().Count() == 1 ? $"{tempo}, velocity {velocities[0]}" : $"{tempo}, velocities {velocities.Min()}–{velocities.Max()}";
    }

    /// <summary>Where a piece started, how fast it was made, each file written, whether its MIDI reads back as its tokens.</summary>
    private void Report(ComposedPiece piece, ComposerOptions midi)
    {
        var (generated, written) = (piece.Generated, piece.Written);
        console.MarkupLineInterpolated($"seed {piece.Seed}; primer: {piece.Primer.Description}");
        if (piece.Primer.Mapped > 0) console.MarkupLineInterpolated($"{Substitutions(piece.Primer)}");
        console.MarkupLineInterpolated(
            $"generated {generated.GeneratedCount} tokens in {generated.Seconds:F2} s ({generated.TokensPerSecond:F1} tokens/s), after {generated.PrimerLength} primer tokens{Refused(generated)}");
        var files = written.Files;
        console.MarkupLineInterpolated(
            $"wrote [bold]{Path.GetFullPath(files.Midi)}[/]: {written.Placed.Count} tokens, {written.Quarters:0.##} quarter notes, {Composer.Seconds(written.Placed, midi):F0} s {Played(written, midi)}");
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

    /// <summary>"12 of the 100 primer tokens are not in the model's vocabulary and were read as the nearest it knows: A → B (×2), …".</summary>
    private static string Substitutions(Primer primer)
    {
        const int Shown = 8;
        var shown = primer.Substitutions.Take(Shown).Select(s => s.ToString());
        string more = primer.Substitutions.Count > Shown ? $", and {primer.Substitutions.Count - Shown} more (all in the .piece.json)" : "";
        return $"{primer.Mapped} of the {primer.Tokens.Count} primer tokens are not in the model's vocabulary and were read as the nearest it knows: {string.Join(", ", shown)}{more}";
    }

    private static string Refused(GeneratedPiece generated) =>
        generated.CopiesRefused > 0 ? $" ({generated.CopiesRefused} draws that would copy too long a run made again)" : "";

    private static string Timing(CompositionRequest request) =>
        request.Piece.Offsets is null ? "; the model's own steps and durations" : "";

    private static string Describe(ContextMode mode, int length, bool recurrent) =>
        !recurrent ? string.Create(CultureInfo.InvariantCulture, $"{mode.ToString().ToLowerInvariant()} (an attending network reads the last {length} tokens at each new one; it holds no state)")
        : mode == ContextMode.Window
        ? string.Create(CultureInfo.InvariantCulture, $"window (each new token re-reads the last {length} tokens from a zero LSTM state)")
        : "stream (the primer once, then the LSTM state carried one token at a time)";
}
