using System.ComponentModel;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Train;

public sealed partial class TrainCommand
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <SOURCE>")]
        [Description("The corpus: a folder of .mid files, a .tar.gz, one MIDI file or an http(s) URL. Default: the lab's 20 Mozart sonatas.")]
        public string? Data { get; set; }

        [CommandOption("--skip-bad")]
        [Description("Leave out the corpus's unreadable MIDI files (each listed with what is wrong) instead of stopping at the first.")]
        public bool SkipBad { get; set; }

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
        [Description("At most this many epochs, counting those already in a resumed run. Default: the recipe's (streams 100 epochs of one pass, which a patience or a budget ends first; lab 30).")]
        public int? Epochs { get; set; }

        [CommandOption("--minutes <M>")]
        [Description("A time budget: training stops in time to score its best epoch within M minutes. A budget too small for one epoch on this machine is refused at once, naming the smallest that fits.")]
        public double? Minutes { get; set; }

        [CommandOption("--budget-from <UNIX-SECONDS>")]
        [Description("The budget counts from this moment (seconds since 1970, UTC) rather than from now: a job's start, so that its earlier stages count too (scripts/compose).")]
        public long? BudgetFrom { get; set; }

        [CommandOption("--budget-reserve <SECONDS>")]
        [Description("Seconds of the budget kept for what follows training (scripts/compose: the piece and its page).")]
        public double? BudgetReserve { get; set; }

        [CommandOption("--patience <N>")]
        [Description("Stop after N epochs without a better validation accuracy; 0: never. Default: the recipe's (streams 4, lab 0).")]
        public int? Patience { get; set; }

        [CommandOption("--validation-windows <N>")]
        [Description("Validate each epoch on a fixed seeded subset of N windows (the best epoch keeps its figure, or with --test-windows 0 is scored on the whole validation split at the end); 0: every window. Default: the recipe's (streams 2048, lab 0).")]
        public int? ValidationWindows { get; set; }

        [CommandOption("--test-windows <N>")]
        [Description("Score the best epoch on a fixed seeded subset of N test windows (its validation figure is its epoch's subset), with a 95 % interval; 0: the whole test split, and the whole validation split when epochs scored a subset (the lab's way). Default: the recipe's (streams 4096, lab 0).")]
        public int? TestWindows { get; set; }

        [CommandOption("--keep-checkpoints <WHICH>")]
        [Description("newest-and-best: keep the newest epoch's checkpoint (to resume) and the best by validation (what speaks for the run); all: every epoch's.")]
        public string? KeepCheckpoints { get; set; }

        [CommandOption("--target-accuracy <A>")]
        [Description("Stop once the validation accuracy reaches A (0..1).")]
        public double? TargetAccuracy { get; set; }

        [CommandOption("--recipe <RECIPE>")]
        [Description("streams: contiguous streams of chunks, state carried, a loss at every step whose target is a training label (fastest on a CPU). lab: the lab's windows, one loss per window, one network, no memory.")]
        [DefaultValue(Recipe.Streams)]
        public Recipe Recipe { get; set; } = Recipe.Streams;

        [CommandOption("--network <NETWORK>")]
        [Description("lab: the lab's network, reading and predicting tokens only. rhythm: reads each token with its step and duration, and predicts the next token's step, token and duration (streams recipe, a corpus of MIDI files). Default: the recipe's.")]
        public NetworkKind? Network { get; set; }

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
        [DefaultValue(1)]
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
            if (Minutes is { } minutes && !(minutes > 0 && double.IsFinite(minutes))) return ValidationResult.Error("--minutes must be a positive number of minutes");
            if (Patience < 0 || ValidationWindows < 0 || TestWindows < 0) return ValidationResult.Error("--patience, --validation-windows and --test-windows must not be negative");
            if (BudgetReserve is < 0 || (BudgetFrom ?? BudgetReserve) is not null && Minutes is null)
                return ValidationResult.Error("--budget-from and --budget-reserve shape a budget: give --minutes too, and a reserve of 0 seconds or more");
            if (KeepCheckpoints is not (null or "newest-and-best" or "all")) return ValidationResult.Error("--keep-checkpoints is newest-and-best or all");
            if (TargetAccuracy is <= 0 or > 1) return ValidationResult.Error("--target-accuracy is a fraction in (0, 1], e.g. 0.6");
            if (SequenceLength < 1 || Embedding < 1 || Hidden < 1 || Layers < 1)
                return ValidationResult.Error("--sequence-length, --embedding, --hidden and --layers must be at least 1");
            if (LearningRate <= 0) return ValidationResult.Error("--lr must be positive");
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

        /// <summary>Where the budget started and what it keeps for after training, for the trainer.</summary>
        public JobBudget ToJobBudget() => new()
        {
            Started = BudgetFrom is { } from ? DateTimeOffset.FromUnixTimeSeconds(from) : null,
            ReserveSeconds = BudgetReserve ?? 0,
        };

        /// <summary>
        /// The options of the run, in the library's records: the one place settings map onto them.
        /// Each option not given keeps the recipe's default (<see cref="TrainingConfig.For"/>).
        /// </summary>
        public TrainingConfig ToConfig(string tokenSource)
        {
            var defaults = TrainingConfig.For(Recipe);
            return defaults with
            {
                TokenSource = tokenSource,
                Data = defaults.Data with
                {
                    SequenceLength = SequenceLength, Split = Split, ValidationPieces = ValPieces, TestPieces = TestPieces, Transpose = Transpose,
                },
                Model = defaults.Model with
                {
                    EmbeddingSize = Embedding, HiddenSize = Hidden, Layers = Layers, Dropout = Dropout, Members = Members ?? defaults.Model.Members,
                    Network = Network ?? defaults.Model.Network,
                },
                Memory = defaults.Memory with { Weight = MemoryWeight ?? defaults.Memory.Weight, Order = MemoryOrder },
                Streams = defaults.Streams with { Streams = Streams, ChunkLength = ChunkLength, PassesPerEpoch = Passes },
                Training = defaults.Training with
                {
                    Seed = Seed,
                    Epochs = DryRun ? 1 : Epochs ?? defaults.Training.Epochs,
                    Minutes = Minutes,
                    Patience = Patience is { } patience ? (patience == 0 ? null : patience) : defaults.Training.Patience,
                    ValidationWindows = ValidationWindows is { } windows ? (windows == 0 ? null : windows) : defaults.Training.ValidationWindows,
                    TestWindows = TestWindows is { } tests ? (tests == 0 ? null : tests) : defaults.Training.TestWindows,
                    KeepCheckpoints = KeepCheckpoints == "all" ? CheckpointKeeping.All : CheckpointKeeping.NewestAndBest,
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
    }
}
