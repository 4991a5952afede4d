using System.ComponentModel;
using Sonata.Cli.Help;
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
        [Description("The corpus: a folder of .mid files, a .tar.gz, one MIDI file or an http(s) URL. Without it: the lab's 20 Mozart sonatas, downloaded once.")]
        public string? Data { get; set; }

        [CommandOption("--skip-bad")]
        [Description("Leave out the corpus's unreadable MIDI files (each listed with what is wrong) instead of stopping at the first.")]
        public bool SkipBad { get; set; }

        [CommandOption("--tokens <FILE>")]
        [Description("Train on the tokens of this JSON file (file name → token list) instead of the corpus.")]
        public string? Tokens { get; set; }

        [CommandOption("--out <DIR>")]
        [OptionHelp<TrainDefaults>("Run folder.", nameof(Out))]
        public string? Out { get; set; }

        [CommandOption("--resume")]
        [Description("Continue the run in --out from its newest complete checkpoint.")]
        public bool Resume { get; set; }

        [CommandOption("--epochs <N>")]
        [OptionHelp<TrainDefaults>("At most this many epochs, counting those already in a resumed run (a patience or a budget may end training first).", nameof(Epochs))]
        public int? Epochs { get; set; }

        [CommandOption("--minutes <M>")]
        [OptionHelp<TrainDefaults>("A time budget: training stops in time to score its best epoch within M minutes. A budget too small for one epoch on this machine is refused at once, naming the smallest that fits.", nameof(Minutes))]
        public double? Minutes { get; set; }

        [CommandOption("--budget-from <UNIX-SECONDS>")]
        [OptionHelp<TrainDefaults>("The budget counts from this moment (seconds since 1970, UTC): a job's start, so that its earlier stages count too (scripts/compose).", nameof(BudgetFrom))]
        public long? BudgetFrom { get; set; }

        [CommandOption("--budget-reserve <SECONDS>")]
        [OptionHelp<TrainDefaults>("Seconds of the budget kept for what follows training (scripts/compose: the piece and its page).", nameof(BudgetReserve))]
        public double? BudgetReserve { get; set; }

        [CommandOption("--patience <N>")]
        [OptionHelp<TrainDefaults>("Stop after N epochs without a better validation accuracy; 0: never.", nameof(Patience))]
        public int? Patience { get; set; }

        [CommandOption("--validation-windows <N>")]
        [OptionHelp<TrainDefaults>("Validate each epoch on a fixed seeded subset of N windows (the best epoch keeps its figure, or with --test-windows 0 is scored on the whole validation split at the end); 0: every window.", nameof(ValidationWindows))]
        public int? ValidationWindows { get; set; }

        [CommandOption("--test-windows <N>")]
        [OptionHelp<TrainDefaults>("Score the best epoch on a fixed seeded subset of N test windows (its validation figure is its epoch's subset), with a 95 % interval; 0: the whole test split, and the whole validation split when epochs scored a subset (the lab's way).", nameof(TestWindows))]
        public int? TestWindows { get; set; }

        [CommandOption("--keep-checkpoints <WHICH>")]
        [OptionHelp<TrainDefaults>("newest-and-best: keep the newest epoch's checkpoint (to resume) and the best by validation (what speaks for the run); all: every epoch's.", nameof(KeepCheckpoints))]
        public string? KeepCheckpoints { get; set; }

        [CommandOption("--target-accuracy <A>")]
        [OptionHelp<TrainDefaults>("Stop once the validation accuracy reaches A (0..1).", nameof(TargetAccuracy))]
        public double? TargetAccuracy { get; set; }

        [CommandOption("--recipe <RECIPE>")]
        [OptionHelp<TrainDefaults>("streams: contiguous streams of chunks, state carried, a loss at every step whose target is a training label (the LSTMs' fastest on a CPU). stretches: shuffled stretches of a window's length read whole, a loss at every position (the attending network's; --network transformer chooses it). lab: the lab's windows, one loss per window, one network, no memory; every other default becomes the lab's (shown as lab: …).", nameof(Recipe))]
        public Recipe? Recipe { get; set; }

        [CommandOption("--network <NETWORK>")]
        [OptionHelp<TrainDefaults>("lab: the lab's network, reading and predicting tokens only. rhythm: the lab's LSTM reading each token with its step and duration, predicting the next token's step, token and duration (streams recipe, a corpus of MIDI files). transformer: reads and predicts the same through causal self-attention over the window (stretches recipe).", nameof(Network))]
        public NetworkKind? Network { get; set; }

        [CommandOption("--split <SPLIT>")]
        [OptionHelp<TrainDefaults>("windows: the lab's random 70/15/15 split of windows. pieces: whole files held out (--val-pieces, --test-pieces).", nameof(Split))]
        public SplitKind? Split { get; set; }

        [CommandOption("--val-pieces <N>")]
        [OptionHelp<TrainDefaults>("With --split pieces: files held out for validation.", nameof(ValPieces))]
        public int? ValPieces { get; set; }

        [CommandOption("--test-pieces <N>")]
        [OptionHelp<TrainDefaults>("With --split pieces: files held out for test.", nameof(TestPieces))]
        public int? TestPieces { get; set; }

        [CommandOption("--transpose")]
        [OptionHelp<TrainDefaults>("Grow the vocabulary by every token moved -5..+6 semitones, and move each training stream or stretch by a random one of them (never a validation or test window).", nameof(Transpose))]
        public bool Transpose { get; set; }

        [CommandOption("--no-transpose")]
        [Description("Train on the corpus in the keys it was written in, with its own vocabulary only.")]
        public bool NoTranspose { get; set; }

        [CommandOption("--heads <N>")]
        [OptionHelp<TrainDefaults>("Attention heads of each block of the attending network (--network transformer); they divide --hidden.", nameof(Heads))]
        public int? Heads { get; set; }

        [CommandOption("--dropout <P>")]
        [OptionHelp<TrainDefaults>("Dropout between the LSTM layers (in each attention block, for the transformer) and before the head.", nameof(Dropout))]
        public double? Dropout { get; set; }

        [CommandOption("--members <K>")]
        [OptionHelp<TrainDefaults>("Networks of the lab's shape trained side by side, each on its own loss, their probabilities averaged (an ensemble).", nameof(Members))]
        public int? Members { get; set; }

        [CommandOption("--memory-weight <W>")]
        [OptionHelp<TrainDefaults>("Share of an n-gram memory of the training labels (contexts up to --memory-order tokens) in every prediction: validation, test, generation; 0: the network alone.", nameof(MemoryWeight))]
        public double? MemoryWeight { get; set; }

        [CommandOption("--memory-order <N>")]
        [OptionHelp<TrainDefaults>("Longest context, in tokens, the n-gram memory counts.", nameof(MemoryOrder))]
        public int? MemoryOrder { get; set; }

        [CommandOption("--memory-half-context <K>")]
        [OptionHelp<TrainDefaults>("Above 0, the memory's share follows what it saw of each context: --memory-weight · k / (k + K) for the longest end of k tokens seen in training (none: the networks alone); 0: always --memory-weight.", nameof(MemoryHalfContext))]
        public double? MemoryHalfContext { get; set; }

        [CommandOption("--cache-weight <W>")]
        [OptionHelp<TrainDefaults>("Largest share of the context cache (what the window itself repeats: its earlier places matching its last tokens vote for what followed them) in every prediction, below 1; 0: none.", nameof(CacheWeight))]
        public double? CacheWeight { get; set; }

        [CommandOption("--cache-half-match <M>")]
        [OptionHelp<TrainDefaults>("The match length, in tokens, at which the cache takes half of --cache-weight.", nameof(CacheHalfMatch))]
        public double? CacheHalfMatch { get; set; }

        [CommandOption("--lr-decay <F>")]
        [OptionHelp<TrainDefaults>("Multiply the learning rate by F after every epoch.", nameof(LearningRateDecay))]
        public double? LearningRateDecay { get; set; }

        [CommandOption("--weight-decay <W>")]
        [OptionHelp<TrainDefaults>("The optimizer's weight decay (RMSprop's an L2 term, AdamW's decoupled).", nameof(WeightDecay))]
        public double? WeightDecay { get; set; }

        [CommandOption("--warmup <BATCHES>")]
        [OptionHelp<TrainDefaults>("Raise the learning rate linearly over the run's first N batches; 0: from the first.", nameof(Warmup))]
        public int? Warmup { get; set; }

        [CommandOption("--optimizer <OPTIMIZER>")]
        [OptionHelp<TrainDefaults>("rmsprop (the lab's) or adamw.", nameof(Optimizer))]
        public OptimizerKind? Optimizer { get; set; }

        [CommandOption("--batch-size <N>")]
        [OptionHelp<TrainDefaults>("Stretches recipe: stretches a batch.", nameof(BatchSize))]
        public int? BatchSize { get; set; }

        [CommandOption("--streams <N>")]
        [OptionHelp<TrainDefaults>("Streams recipe: parallel streams (the batch size).", nameof(Streams))]
        public int? Streams { get; set; }

        [CommandOption("--chunk-length <N>")]
        [OptionHelp<TrainDefaults>("Streams recipe: tokens a stream advances a step (the back-propagation span).", nameof(ChunkLength))]
        public int? ChunkLength { get; set; }

        [CommandOption("--passes <N>")]
        [OptionHelp<TrainDefaults>("Streams and stretches recipes: passes through the training tokens in an epoch (one validation each epoch).", nameof(Passes))]
        public int? Passes { get; set; }

        [CommandOption("--sequence-length <N>")]
        [OptionHelp<TrainDefaults>("Tokens of context per window.", nameof(SequenceLength))]
        public int? SequenceLength { get; set; }

        [CommandOption("--seed <N>")]
        [OptionHelp<TrainDefaults>("Seeds the split, the initial weights and the shuffles.", nameof(Seed))]
        public long? Seed { get; set; }

        [CommandOption("--embedding <N>")]
        [OptionHelp<TrainDefaults>("Embedding width.", nameof(Embedding))]
        public int? Embedding { get; set; }

        [CommandOption("--hidden <N>")]
        [OptionHelp<TrainDefaults>("LSTM hidden width (and dense layer width); the attending network's width.", nameof(Hidden))]
        public int? Hidden { get; set; }

        [CommandOption("--layers <N>")]
        [OptionHelp<TrainDefaults>("Stacked LSTM layers, or the attending network's blocks.", nameof(Layers))]
        public int? Layers { get; set; }

        [CommandOption("--lr <RATE>")]
        [OptionHelp<TrainDefaults>("The optimizer's learning rate.", nameof(LearningRate))]
        public double? LearningRate { get; set; }

        [CommandOption("--threads <N>")]
        [OptionHelp<TrainDefaults>("CPU threads (OpenMP threads wait passively).", nameof(Threads))]
        public int? Threads { get; set; }

        [CommandOption("--device <DEVICE>")]
        [OptionHelp<TrainDefaults>("auto, cpu or cuda (cuda needs a build against libtorch's CUDA package).", nameof(Device))]
        public DeviceChoice? Device { get; set; }

        [CommandOption("--performer-steps <N>")]
        [OptionHelp<TrainDefaults>("Steps of the performer, the small network trained before the first epoch that learns how the corpus is played (each token's velocity, the tempo): "
            + "it plays the run's pieces. At most 8 % of a --minutes budget. 0: none, pieces are played flat.", nameof(PerformerSteps))]
        public int? PerformerSteps { get; set; }

        [CommandOption("--max-batches <N>")]
        [OptionHelp<TrainDefaults>("Train on at most N batches an epoch (quick checks).", nameof(MaxBatches))]
        public int? MaxBatches { get; set; }

        [CommandOption("--max-eval-batches <N>")]
        [OptionHelp<TrainDefaults>("Score at most N validation and test batches (quick checks).", nameof(MaxEvalBatches))]
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
            if (MemoryHalfContext < 0) return ValidationResult.Error("--memory-half-context must not be negative");
            if (CacheWeight is < 0 or >= 1) return ValidationResult.Error("--cache-weight is a share in [0, 1)");
            if (CacheHalfMatch is not null and not > 0) return ValidationResult.Error("--cache-half-match must be above 0");
            if (LearningRateDecay is <= 0 or > 1) return ValidationResult.Error("--lr-decay is a factor in (0, 1]");
            if (WeightDecay < 0) return ValidationResult.Error("--weight-decay must not be negative");
            if (Streams < 1 || ChunkLength < 1 || Passes < 1 || ValPieces < 1 || TestPieces < 1 || BatchSize < 1 || Heads < 1)
                return ValidationResult.Error("--streams, --chunk-length, --passes, --val-pieces, --test-pieces, --batch-size and --heads must be at least 1");
            if (Warmup < 0 || PerformerSteps < 0) return ValidationResult.Error("--warmup and --performer-steps must not be negative");
            if (Hidden is { } width && Heads is { } heads && width % heads != 0)
                return ValidationResult.Error($"--heads {heads} must divide --hidden {width}");
            if (Threads < 1 || MaxBatches < 1 || MaxEvalBatches < 1)
                return ValidationResult.Error("--threads, --max-batches and --max-eval-batches must be at least 1");
            if (Transpose && NoTranspose) return ValidationResult.Error("--transpose and --no-transpose ask for opposite things: give one");
            if (Tokens is not null && !File.Exists(Tokens)) return ValidationResult.Error($"--tokens: no file {Tokens}");
            if (Resume && Out is null) return ValidationResult.Error("--resume needs the run folder: --out DIR");
            return ValidationResult.Success();
        }

        /// <summary>Where the budget started and what it keeps for after training, for the trainer.</summary>
        public JobBudget ToJobBudget() => new()
        {
            Started = BudgetFrom is { } from ? DateTimeOffset.FromUnixTimeSeconds(from) : null,
            ReserveSeconds = BudgetReserve ?? JobBudget.None.ReserveSeconds,
        };

        /// <summary>
        /// The options of the run, in the library's records: the one place settings map onto them.
        /// Each option not given keeps the recipe's default (<see cref="TrainingConfig.For"/>).
        /// </summary>
        public TrainingConfig ToConfig(string tokenSource)
        {
            var defaults = TrainingConfig.For(Recipe ?? TrainingConfig.RecipeOf(Network));
            var (data, model, memory, streams, stretches, training) = (defaults.Data, defaults.Model, defaults.Memory, defaults.Streams, defaults.Stretches, defaults.Training);
            return defaults with
            {
                TokenSource = tokenSource,
                Data = data with
                {
                    SequenceLength = SequenceLength ?? data.SequenceLength, Split = Split ?? data.Split,
                    ValidationPieces = ValPieces ?? data.ValidationPieces, TestPieces = TestPieces ?? data.TestPieces, Transpose = !NoTranspose && (Transpose || data.Transpose),
                },
                Model = model with
                {
                    EmbeddingSize = Embedding ?? model.EmbeddingSize, HiddenSize = Hidden ?? model.HiddenSize, Layers = Layers ?? model.Layers,
                    Dropout = Dropout ?? model.Dropout, Members = Members ?? model.Members, Network = Network ?? model.Network,
                    AttentionHeads = Heads ?? model.AttentionHeads,
                },
                Memory = memory with
                {
                    Weight = MemoryWeight ?? memory.Weight, Order = MemoryOrder ?? memory.Order, HalfContext = MemoryHalfContext ?? memory.HalfContext,
                    CacheWeight = CacheWeight ?? memory.CacheWeight, CacheHalfMatch = CacheHalfMatch ?? memory.CacheHalfMatch,
                },
                Streams = streams with
                {
                    Streams = Streams ?? streams.Streams, ChunkLength = ChunkLength ?? streams.ChunkLength, PassesPerEpoch = Passes ?? streams.PassesPerEpoch,
                },
                Stretches = stretches with { BatchSize = BatchSize ?? stretches.BatchSize, PassesPerEpoch = Passes ?? stretches.PassesPerEpoch },
                Performer = defaults.Performer with { Steps = PerformerSteps ?? defaults.Performer.Steps },
                Training = training with
                {
                    Seed = Seed ?? training.Seed,
                    Epochs = DryRun ? 1 : Epochs ?? training.Epochs,
                    Minutes = Minutes ?? training.Minutes,
                    Patience = Patience is { } patience ? (patience == 0 ? null : patience) : training.Patience,
                    ValidationWindows = ValidationWindows is { } windows ? (windows == 0 ? null : windows) : training.ValidationWindows,
                    TestWindows = TestWindows is { } tests ? (tests == 0 ? null : tests) : training.TestWindows,
                    KeepCheckpoints = KeepCheckpoints switch { null => training.KeepCheckpoints, "all" => CheckpointKeeping.All, _ => CheckpointKeeping.NewestAndBest },
                    Optimizer = Optimizer ?? training.Optimizer,
                    WarmupBatches = Warmup ?? training.WarmupBatches,
                    LearningRate = LearningRate ?? training.LearningRate,
                    WeightDecay = WeightDecay ?? training.WeightDecay,
                    LearningRateDecay = LearningRateDecay ?? training.LearningRateDecay,
                    TargetAccuracy = TargetAccuracy ?? training.TargetAccuracy,
                    MaxBatchesPerEpoch = DryRun ? 1 : MaxBatches ?? training.MaxBatchesPerEpoch,
                    MaxEvalBatches = DryRun ? 1 : MaxEvalBatches ?? training.MaxEvalBatches,
                    Threads = Threads ?? training.Threads,
                    Device = Device ?? training.Device,
                },
            };
        }
    }
}
