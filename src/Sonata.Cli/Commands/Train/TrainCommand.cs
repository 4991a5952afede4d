using System.ComponentModel;
using System.Globalization;
using Sonata.Cli.Tokens;
using Sonata.Corpus;
using Sonata.Data;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Train;

/// <summary><c>sonata train</c>: the lab's Problems 2 and 3 on the corpus's tokens.</summary>
public sealed class TrainCommand(IAnsiConsole console, ITokenSource corpusTokens, CorpusOptions corpusOptions)
    : AsyncCommand<TrainCommand.Settings>
{
    /// <summary>Exit code after Ctrl-C: the run folder holds every finished epoch.</summary>
    public const int Interrupted = 130;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <SOURCE>")]
        [Description("The corpus: a folder of .mid files, a .tar.gz, one MIDI file or an http(s) URL. Default: the lab's 20 Mozart sonatas.")]
        public string? Data { get; set; }

        [CommandOption("--tokens <FILE>")]
        [Description("Train on the tokens of this JSON file (file name → token list) instead of the corpus.")]
        public string? Tokens { get; set; }

        [CommandOption("--out <DIR>")]
        [Description("Run folder. Default: runs/<yyyyMMdd-HHmmss>.")]
        public string? Out { get; set; }

        [CommandOption("--resume")]
        [Description("Continue the run in --out from its newest complete checkpoint.")]
        public bool Resume { get; set; }

        [CommandOption("--epochs <N>")]
        [Description("Epochs to train, counting those already in a resumed run.")]
        [DefaultValue(30)]
        public int Epochs { get; set; }

        [CommandOption("--target-accuracy <A>")]
        [Description("Stop once the validation accuracy reaches A (0..1).")]
        public double? TargetAccuracy { get; set; }

        [CommandOption("--recipe <RECIPE>")]
        [Description("streams: contiguous streams of chunks, state carried, a loss at every step whose target is a training label (fastest on a CPU). lab: the lab's windows, one loss per window.")]
        [DefaultValue("streams")]
        public string Recipe { get; set; } = "streams";

        [CommandOption("--split <SPLIT>")]
        [Description("windows: the lab's random 70/15/15 split of windows. pieces: whole files held out (--val-pieces, --test-pieces).")]
        [DefaultValue(SplitKind.Windows)]
        public SplitKind Split { get; set; }

        [CommandOption("--val-pieces <N>")]
        [Description("With --split pieces: files held out for validation.")]
        [DefaultValue(2)]
        public int ValPieces { get; set; }

        [CommandOption("--test-pieces <N>")]
        [Description("With --split pieces: files held out for test.")]
        [DefaultValue(2)]
        public int TestPieces { get; set; }

        [CommandOption("--transpose")]
        [Description("Grow the vocabulary by every token moved -5..+6 semitones, and move each training stream by a random one of them (streams recipe).")]
        public bool Transpose { get; set; }

        [CommandOption("--dropout <P>")]
        [Description("Dropout between the LSTM layers and before the head.")]
        [DefaultValue(0.0)]
        public double Dropout { get; set; }

        [CommandOption("--members <K>")]
        [Description("Networks of the lab's shape trained side by side, each on its own loss, their probabilities averaged (an ensemble). Default: 3 with the streams recipe, 1 with the lab's.")]
        public int? Members { get; set; }

        [CommandOption("--memory-weight <W>")]
        [Description("Share of an n-gram memory of the training labels (contexts up to --memory-order tokens) in every prediction: validation, test, generation; 0: the network alone. Default: 0.5 with the streams recipe, 0 with the lab's.")]
        public double? MemoryWeight { get; set; }

        [CommandOption("--memory-order <N>")]
        [Description("Longest context, in tokens, the n-gram memory counts.")]
        [DefaultValue(12)]
        public int MemoryOrder { get; set; }

        [CommandOption("--lr-decay <F>")]
        [Description("Multiply the learning rate by F after every epoch.")]
        [DefaultValue(1.0)]
        public double LearningRateDecay { get; set; }

        [CommandOption("--weight-decay <W>")]
        [Description("RMSprop's L2 weight decay.")]
        [DefaultValue(0.0)]
        public double WeightDecay { get; set; }

        [CommandOption("--streams <N>")]
        [Description("Streams recipe: parallel streams (the batch size).")]
        [DefaultValue(64)]
        public int Streams { get; set; }

        [CommandOption("--chunk-length <N>")]
        [Description("Streams recipe: tokens a stream advances a step (the back-propagation span).")]
        [DefaultValue(25)]
        public int ChunkLength { get; set; }

        [CommandOption("--passes <N>")]
        [Description("Streams recipe: passes through the training tokens in an epoch (one validation each epoch).")]
        [DefaultValue(4)]
        public int Passes { get; set; }

        [CommandOption("--sequence-length <N>")]
        [Description("Tokens of context per window.")]
        [DefaultValue(100)]
        public int SequenceLength { get; set; }

        [CommandOption("--seed <N>")]
        [Description("Seeds the split, the initial weights and the shuffles.")]
        [DefaultValue(42L)]
        public long Seed { get; set; }

        [CommandOption("--embedding <N>")]
        [Description("Embedding width.")]
        [DefaultValue(64)]
        public int Embedding { get; set; }

        [CommandOption("--hidden <N>")]
        [Description("LSTM hidden width (and dense layer width).")]
        [DefaultValue(256)]
        public int Hidden { get; set; }

        [CommandOption("--layers <N>")]
        [Description("Stacked LSTM layers.")]
        [DefaultValue(3)]
        public int Layers { get; set; }

        [CommandOption("--lr <RATE>")]
        [Description("RMSprop learning rate.")]
        [DefaultValue(0.001)]
        public double LearningRate { get; set; }

        [CommandOption("--threads <N>")]
        [Description("CPU threads. Default: all cores (OpenMP threads wait passively).")]
        public int? Threads { get; set; }

        [CommandOption("--device <DEVICE>")]
        [Description("auto, cpu or cuda (cuda needs a build against libtorch's CUDA package).")]
        [DefaultValue(DeviceChoice.Auto)]
        public DeviceChoice Device { get; set; }

        [CommandOption("--max-batches <N>")]
        [Description("Train on at most N batches an epoch (quick checks).")]
        public int? MaxBatches { get; set; }

        [CommandOption("--max-eval-batches <N>")]
        [Description("Score at most N validation and test batches (quick checks).")]
        public int? MaxEvalBatches { get; set; }

        [CommandOption("--dry-run")]
        [Description("One epoch of one batch, one validation and one test batch.")]
        public bool DryRun { get; set; }

        public override ValidationResult Validate()
        {
            if (Epochs < 1) return ValidationResult.Error("--epochs must be at least 1");
            if (TargetAccuracy is <= 0 or > 1) return ValidationResult.Error("--target-accuracy is a fraction in (0, 1], e.g. 0.6");
            if (SequenceLength < 1 || Embedding < 1 || Hidden < 1 || Layers < 1)
                return ValidationResult.Error("--sequence-length, --embedding, --hidden and --layers must be at least 1");
            if (LearningRate <= 0) return ValidationResult.Error("--lr must be positive");
            if (Recipe is not ("lab" or "streams")) return ValidationResult.Error("--recipe is lab or streams");
            if (Dropout is < 0 or >= 1) return ValidationResult.Error("--dropout is a probability in [0, 1)");
            if (Members is < 1) return ValidationResult.Error("--members must be at least 1");
            if (MemoryWeight is < 0 or > 1) return ValidationResult.Error("--memory-weight is a share in [0, 1]");
            if (MemoryOrder < 0) return ValidationResult.Error("--memory-order must not be negative");
            if (LearningRateDecay is <= 0 or > 1) return ValidationResult.Error("--lr-decay is a factor in (0, 1]");
            if (WeightDecay < 0) return ValidationResult.Error("--weight-decay must not be negative");
            if (Streams < 1 || ChunkLength < 1 || Passes < 1 || ValPieces < 1 || TestPieces < 1)
                return ValidationResult.Error("--streams, --chunk-length, --passes, --val-pieces and --test-pieces must be at least 1");
            if (Threads < 1 || MaxBatches < 1 || MaxEvalBatches < 1)
                return ValidationResult.Error("--threads, --max-batches and --max-eval-batches must be at least 1");
            if (Tokens is not null && !File.Exists(Tokens)) return ValidationResult.Error($"--tokens: no file {Tokens}");
            if (Resume && Out is null) return ValidationResult.Error("--resume needs the run folder: --out DIR");
            return ValidationResult.Success();
        }

        /// <summary>The options of the run, in the library's records: the one place settings map onto them.</summary>
        public TrainingConfig ToConfig(string tokenSource) => new()
        {
            Recipe = Recipe,
            TokenSource = tokenSource,
            Data = new DataOptions
            {
                SequenceLength = SequenceLength, Split = Split, ValidationPieces = ValPieces, TestPieces = TestPieces, Transpose = Transpose,
            },
            Model = new ModelOptions
            {
                EmbeddingSize = Embedding, HiddenSize = Hidden, Layers = Layers, Dropout = Dropout,
                Members = Members ?? (Recipe == "streams" ? StreamsOptions.DefaultMembers : 1),
                MemoryWeight = MemoryWeight ?? (Recipe == "streams" ? StreamsOptions.DefaultMemoryWeight : 0),
                MemoryOrder = MemoryOrder,
            },
            Streams = new StreamsOptions { Streams = Streams, ChunkLength = ChunkLength, PassesPerEpoch = Passes },
            Training = new TrainingOptions
            {
                Seed = Seed,
                Epochs = DryRun ? 1 : Epochs,
                LearningRate = LearningRate,
                WeightDecay = WeightDecay,
                LearningRateDecay = LearningRateDecay,
                TargetAccuracy = TargetAccuracy,
                MaxBatchesPerEpoch = DryRun ? 1 : MaxBatches,
                MaxEvalBatches = DryRun ? 1 : MaxEvalBatches,
                Threads = Threads,
                Device = Device,
            },
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var folder = new RunFolder(settings.Out ?? Path.Combine("runs", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        using var onCancel = cancellationToken.Register(() => console.MarkupLine(
            "[yellow]stopping[/] after this batch: the unfinished epoch is dropped; Ctrl-C again quits at once"));
        TrainingSummary summary;
        try
        {
            ITokenSource source = settings.Tokens is not null ? new TokensFileSource(settings.Tokens)
                : settings.Data is not null ? new CorpusTokenSource(console, corpusOptions, settings.Data)
                : corpusTokens;
            var files = await source.LoadAsync(cancellationToken);
            var config = settings.ToConfig(source.Description);
            console.MarkupLineInterpolated($"run folder [bold]{folder.Path}[/]");
            summary = await console.Progress()
                .AutoClear(false)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(progress => Task.Run(
                    () => new Trainer(config).Run(
                        files, folder, settings.Resume, new TrainingProgressView(console, progress), cancellationToken, source.Steps),
                    CancellationToken.None));
        }
        catch (Exception error) when (error is CheckpointMismatchException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            return 1;
        }

        if (summary.TestAccuracy is { } accuracy)
            console.MarkupLineInterpolated(
                $"test accuracy [bold]{accuracy:P2}[/]{TrainingProgressView.NetworkAlone(summary.NetworkTestAccuracy)} (loss {summary.TestLoss:F4}) of the {summary.TestModel} model; best validation accuracy {summary.BestValAccuracy:P2}");
        console.MarkupLineInterpolated($"{summary.Epochs} epoch(s), {summary.Seconds:F0} s; metrics, plots and checkpoints in {folder.Path}");
        if (summary.StopReason != StopReason.Cancelled) return 0;
        console.MarkupLineInterpolated(
            $"[yellow]stopped:[/] the unfinished epoch was dropped; continue with: sonata train --resume --out {folder.Path}");
        return Interrupted;
    }
}
