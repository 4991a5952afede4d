using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Sonata.Cli.Evaluate;
using Sonata.Composing;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.IO;
using Sonata.Midi;
using Sonata.Reports;
using Sonata.Runtime;
using Sonata.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Generate;

/// <summary>
/// <c>sonata generate</c>: the lab's Problems 4 and 5. Continues a seed (a test window of the run,
/// or a primer MIDI) with the run's model, writes the MIDI (and optionally the tokens, a WAV and a
/// piano roll) and prints the statistics of what it wrote. Reading MIDI into tokens and a run's
/// corpus statistics come in as delegates, as for <c>evaluate</c>.
/// </summary>
public sealed class GenerateCommand(
    IAnsiConsole console, Func<string, IReadOnlyList<string>> tokenize, Func<string, PieceStatistics> corpusStatistics)
    : AsyncCommand<GenerateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <DIR>")]
        [Description("The run folder (sonata train --out).")]
        public string Run { get; set; } = "";

        [CommandOption("--checkpoint <FILE>")]
        [Description("Use this checkpoint file. Default: the run's last.")]
        public string? Checkpoint { get; set; }

        [CommandOption("--seed <N>")]
        [Description("Seeds the seed window, the draws of --strategy sample and --offsets corpus. Default: a random seed, printed.")]
        public int? Seed { get; set; }

        [CommandOption("--length <N>")]
        [Description("New tokens after the seed.")]
        [DefaultValue(500)]
        public int Length { get; set; }

        [CommandOption("--context <MODE>")]
        [Description("window: re-run the model on the last 100 tokens each step (the lab's way); stream: carry the LSTM state token by token.")]
        [DefaultValue(ContextMode.Window)]
        public ContextMode Context { get; set; }

        [CommandOption("--strategy <STRATEGY>")]
        [Description("greedy: the likeliest token (the lab's way); sample: a seeded draw.")]
        [DefaultValue(SamplingStrategy.Greedy)]
        public SamplingStrategy Strategy { get; set; }

        [CommandOption("--temperature <T>")]
        [Description("With sample: below 1 sharper, above 1 flatter. Default 1.")]
        public double? Temperature { get; set; }

        [CommandOption("--top-k <K>")]
        [Description("With sample: draw among the K likeliest tokens.")]
        public int? TopK { get; set; }

        [CommandOption("--top-p <P>")]
        [Description("With sample: draw among the likeliest tokens whose probabilities sum to P, above 0 and at most 1.")]
        public double? TopP { get; set; }

        [CommandOption("--memory-weight <W>")]
        [Description("Share of the run's n-gram memory (counted again from its corpus tokens) in each prediction; 0: the network alone. Default: the run's.")]
        public double? MemoryWeight { get; set; }

        [CommandOption("--primer <FILE>")]
        [Description("Seed from this MIDI file's tokens (its last 100) instead of a test window.")]
        public string? Primer { get; set; }

        [CommandOption("--offsets <STEP>")]
        [Description("Quarter notes between tokens: a step such as 0.5 or 0.25, or 'corpus' to draw the corpus's own steps.")]
        [DefaultValue("0.5")]
        public string Offsets { get; set; } = "0.5";

        [CommandOption("--velocity <V>")]
        [Description("Key velocity of every note, 1-127.")]
        [DefaultValue(100)]
        public int Velocity { get; set; }

        [CommandOption("--tempo <BPM>")]
        [Description("Quarter notes a minute.")]
        [DefaultValue(120.0)]
        public double Tempo { get; set; }

        [CommandOption("--out <FILE>")]
        [Description("The MIDI file to write.")]
        [DefaultValue("mozart.mid")]
        public string Out { get; set; } = "mozart.mid";

        [CommandOption("--tokens-out <FILE>")]
        [Description("Also write the tokens (seed and generated) as a JSON array.")]
        public string? TokensOut { get; set; }

        [CommandOption("--wav <FILE>")]
        [Description("Also render the piece to a WAV file with FluidSynth.")]
        public string? Wav { get; set; }

        [CommandOption("--piano-roll <FILE>")]
        [Description("Also draw the piece as a piano-roll PNG.")]
        public string? PianoRoll { get; set; }

        [CommandOption("--threads <N>")]
        [Description("CPU threads. Default: all cores (OpenMP threads wait passively).")]
        public int? Threads { get; set; }

        [CommandOption("--device <DEVICE>")]
        [Description("auto, cpu or cuda.")]
        [DefaultValue(DeviceChoice.Auto)]
        public DeviceChoice Device { get; set; }

        public override ValidationResult Validate()
        {
            if (!Directory.Exists(Run)) return ValidationResult.Error($"--run: no run folder '{Run}'");
            if (Checkpoint is not null && !File.Exists(Checkpoint)) return ValidationResult.Error($"--checkpoint: no file {Checkpoint}");
            if (Primer is not null && !File.Exists(Primer)) return ValidationResult.Error($"--primer: no MIDI file {Primer}");
            if (Length < 1) return ValidationResult.Error("--length must be at least 1");
            if (MemoryWeight is < 0 or > 1) return ValidationResult.Error("--memory-weight is a share in [0, 1]");
            if (Strategy == SamplingStrategy.Greedy && (Temperature ?? TopK ?? TopP) is not null)
                return ValidationResult.Error("--temperature, --top-k and --top-p shape --strategy sample; add it, or leave them out");
            try
            {
                ToSampling().Validate();
                if (!Offsets.Equals("corpus", StringComparison.OrdinalIgnoreCase)) OffsetPolicy.Parse(Offsets);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return ValidationResult.Error(e.Message);
            }
            if (Velocity is < 1 or > 127) return ValidationResult.Error("--velocity is a MIDI velocity, 1-127");
            if (!double.IsFinite(Tempo) || Tempo <= 0) return ValidationResult.Error("--tempo must be a positive number of quarter notes a minute");
            if (Threads < 1) return ValidationResult.Error("--threads must be at least 1");
            return ValidationResult.Success();
        }

        /// <summary>The options of the generation, in the library's records: the one place settings map onto them.</summary>
        public GenerationOptions ToOptions(int seed) => new() { Length = Length, Context = Context, Sampling = ToSampling(), Seed = seed };

        public SamplingOptions ToSampling() => new() { Strategy = Strategy, Temperature = Temperature ?? 1.0, TopK = TopK, TopP = TopP };

        public ComposerOptions ToComposer() => new() { Velocity = Velocity, TempoBpm = Tempo };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var run = new RunFolder(settings.Run);
        int seed = settings.Seed ?? Random.Shared.Next();
        TorchRuntime.SetThreads(settings.Threads ?? TorchRuntime.DefaultThreads);
        using var generator = Try(() => Generator.Load(run, settings.Checkpoint, settings.Device, settings.MemoryWeight));
        var window = generator is null ? null : Try(() => Seed(settings, run, generator, seed));
        var offsets = window is null ? null : Try(() => Offsets(settings, run));
        if (generator is null || window is null || offsets is null) return 1;

        console.MarkupLineInterpolated($"checkpoint [bold]{generator.CheckpointFile}[/] (epoch {generator.Epoch}; {generator.Config.Model}; vocabulary {generator.Vocabulary})");
        console.MarkupLineInterpolated($"seed {seed}: {window.Description}");
        console.MarkupLineInterpolated($"context [bold]{Describe(settings.Context, generator.ContextLength)}[/]; strategy [bold]{settings.ToSampling()}[/]");
        if (generator.MemoryWeight > 0)
            console.MarkupLineInterpolated($"n-gram memory of the training labels: [bold]{generator.MemoryWeight:0.##}[/] of each prediction (--memory-weight 0: the network alone)");

        var piece = await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(progress => Task.Run(
                () => generator.Generate(window.Tokens, settings.ToOptions(seed),
                    new GenerationProgressView(progress, $"generating ({settings.Context.ToString().ToLowerInvariant()})"), cancellationToken),
                CancellationToken.None));
        console.MarkupLineInterpolated(
            $"generated {piece.GeneratedCount} tokens in {piece.Seconds:F2} s ({piece.TokensPerSecond:F1} tokens/s), after {piece.SeedCount} seed tokens");

        int code = await WriteAsync(settings, piece, offsets, seed, cancellationToken);
        PrintStatistics(settings.Out, piece, run);
        return code;
    }

    /// <summary>The MIDI, then whatever else was asked for; a missing FluidSynth is reported, and the rest still written.</summary>
    private async Task<int> WriteAsync(Settings settings, GeneratedPiece piece, OffsetPolicy offsets, int seed, CancellationToken cancellationToken)
    {
        var placed = Composer.WriteMidi(settings.Out, piece.Tokens, offsets, seed, settings.ToComposer());
        double quarters = placed.Count == 0 ? 0 : placed[^1].End;
        console.MarkupLineInterpolated(
            $"wrote [bold]{Path.GetFullPath(settings.Out)}[/]: {piece.Tokens.Count} tokens, {quarters:0.##} quarter notes, {quarters * 60 / settings.Tempo:F0} s at {settings.Tempo:0.##} BPM");
        if (settings.TokensOut is not null)
        {
            AtomicFile.WriteAllText(settings.TokensOut, JsonSerializer.Serialize(piece.Tokens) + "\n");
            console.MarkupLineInterpolated($"wrote [bold]{Path.GetFullPath(settings.TokensOut)}[/]");
        }
        if (settings.PianoRoll is not null)
        {
            PianoRoll.SavePng(settings.PianoRoll, placed, new PianoRollOptions { Title = $"{Path.GetFileName(settings.Out)}: {piece.SeedCount} seed + {piece.GeneratedCount} generated tokens" });
            console.MarkupLineInterpolated($"wrote [bold]{Path.GetFullPath(settings.PianoRoll)}[/]");
        }
        if (settings.Wav is null) return 0;
        try
        {
            await WavRenderer.RenderAsync(settings.Out, settings.Wav, cancellationToken: cancellationToken);
            console.MarkupLineInterpolated($"wrote [bold]{Path.GetFullPath(settings.Wav)}[/]");
            return 0;
        }
        catch (Exception e) when (e is SoundToolMissingException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] no WAV: {e.Message}");
            return 1;
        }
    }

    /// <summary>The table of <c>evaluate</c> for the MIDI as read back, beside the corpus's when the run keeps it.</summary>
    private void PrintStatistics(string midi, GeneratedPiece piece, RunFolder run)
    {
        var readBack = tokenize(midi);
        if (readBack.SequenceEqual(piece.Tokens))
            console.MarkupLineInterpolated($"{Path.GetFileName(midi)} reads back as the same {readBack.Count} tokens");
        else
            console.MarkupLineInterpolated($"[yellow]warning:[/] {Path.GetFileName(midi)} reads back as {readBack.Count} tokens that differ from the {piece.Tokens.Count} generated");
        var corpus = File.Exists(run.CorpusTokensFile) ? corpusStatistics(run.Path) : null;
        console.Write(StatisticsTable.Build(MusicStatistics.Of(readBack), corpus));
    }

    private SeedWindow Seed(Settings settings, RunFolder run, Generator generator, int seed)
    {
        if (settings.Primer is { } primer)
            return SeedWindow.FromPrimer(tokenize(primer), generator.Vocabulary, generator.ContextLength, Path.GetFileName(primer));
        if (!File.Exists(run.CorpusTokensFile))
            throw new FileNotFoundException($"the run folder {run.Path} keeps no corpus-tokens.json to draw a test window from (trained by an older Sonata): give --primer FILE.mid, or train again");
        return SeedWindow.FromTestSplit(run.ReadCorpusTokens(), generator.Vocabulary, generator.Config, seed);
    }

    private static OffsetPolicy Offsets(Settings settings, RunFolder run) =>
        settings.Offsets.Equals("corpus", StringComparison.OrdinalIgnoreCase)
            ? OffsetPolicy.Corpus(run.ReadCorpusSteps() ?? throw new FileNotFoundException(
                $"--offsets corpus: the run folder {run.Path} keeps no corpus-steps.json (it was trained on a tokens file, without onsets); use a fixed step such as --offsets 0.5"))
            : OffsetPolicy.Parse(settings.Offsets);

    private static string Describe(ContextMode mode, int length) => mode == ContextMode.Window
        ? string.Create(CultureInfo.InvariantCulture, $"window (each new token re-reads the last {length} tokens from a zero LSTM state)")
        : "stream (the seed once, then the LSTM state carried one token at a time)";

    /// <summary>Runs <paramref name="step"/>; an error the user can fix is printed, and null returned.</summary>
    private T? Try<T>(Func<T> step) where T : class
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or UnknownTokensException
            or MidiFormatException or CheckpointMismatchException or ArgumentException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return null;
        }
    }
}
