using System.ComponentModel;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Runs;
using Sonata.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Sonata.Cli.Commands.Generate;

public sealed partial class GenerateCommand
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--run <DIR>")]
        [Description("The run folder (sonata train --out).")]
        public string Run { get; set; } = "";

        [CommandOption("--checkpoint <FILE>")]
        [Description("Use this checkpoint file. Default: the run's best by validation accuracy.")]
        public string? Checkpoint { get; set; }

        [CommandOption("--epoch <N>")]
        [Description("Use this epoch's checkpoint. Default: the run's best by validation accuracy.")]
        public int? Epoch { get; set; }

        [CommandOption("--seed <N>")]
        [Description("Seeds the choice of the test window that primes the piece, the draws of --strategy sample and of --offsets corpus. Default: a random seed, printed.")]
        public int? Seed { get; set; }

        [CommandOption("--count <N>")]
        [Description("Write N pieces, with the seeds from --seed on (each file name gains its seed: mozart-7.mid), and a table of all of them.")]
        [DefaultValue(1)]
        public int Count { get; set; } = 1;

        [CommandOption("--length <N>")]
        [Description("New tokens after the primer.")]
        [DefaultValue(500)]
        public int Length { get; set; }

        [CommandOption("--lab")]
        [Description("The lab's way to compose: greedy, each token from the last 100 read from zeros, the run's memory, no copy limit, a fixed step of 0.5 (the other options still apply on top).")]
        public bool Lab { get; set; }

        [CommandOption("--context <MODE>")]
        [Description("stream: carry the LSTM state token by token (default, fast); window: re-run the model on the last 100 tokens each step (the lab's way).")]
        public ContextMode? Context { get; set; }

        [CommandOption("--strategy <STRATEGY>")]
        [Description("sample: a seeded draw (default); greedy: the likeliest token (the lab's way).")]
        public SamplingStrategy? Strategy { get; set; }

        [CommandOption("--temperature <T>")]
        [Description("With sample: below 1 sharper, above 1 flatter. Default 0.7 (1 with --lab --strategy sample).")]
        public double? Temperature { get; set; }

        [CommandOption("--top-k <K>")]
        [Description("With sample: draw among the K likeliest tokens.")]
        public int? TopK { get; set; }

        [CommandOption("--top-p <P>")]
        [Description("With sample: draw among the likeliest tokens whose probabilities sum to P, above 0 and at most 1.")]
        public double? TopP { get; set; }

        [CommandOption("--memory-weight <W>")]
        [Description("Share of the run's n-gram memory (counted again from its corpus tokens) in each prediction. Default: 0, the networks alone (the memory recites the training pieces); with --lab, the run's.")]
        public double? MemoryWeight { get; set; }

        [CommandOption("--primer <FILE>")]
        [Description("Prime the piece with this MIDI file's tokens (its last 100) instead of a test window.")]
        public string? Primer { get; set; }

        [CommandOption("--offsets <STEP>")]
        [Description("When each token sounds: 'model' (the rhythm-aware model's own steps and durations), a fixed step in quarter notes such as 0.5 or 0.25, or 'corpus' to draw the corpus's steps. Default: model when the run's model predicts timing, else 0.5.")]
        public string? Offsets { get; set; }

        [CommandOption("--max-copy <N>")]
        [Description("The longest run of tokens the piece may copy verbatim from the training pieces (a draw that would copy more is made again without that token); 0: no limit. Default: 16 (no limit with --lab).")]
        public int? MaxCopy { get; set; }

        [CommandOption("--key-pull <F>")]
        [Description("Keep the draws in the key of the last 100 tokens: each pitch outside that major or minor scale multiplies a token's probability by F, above 0 and at most 1; 1: no pull. Default: 0.6 (none with --lab).")]
        public double? KeyPull { get; set; }

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
            if (Checkpoint is not null && Epoch is not null) return ValidationResult.Error("--checkpoint and --epoch both choose the checkpoint: give one");
            if (Checkpoint is not null && !File.Exists(Checkpoint)) return ValidationResult.Error($"--checkpoint: no file {Checkpoint}");
            if (Primer is not null && !File.Exists(Primer)) return ValidationResult.Error($"--primer: no MIDI file {Primer}");
            if (Length < 1) return ValidationResult.Error("--length must be at least 1");
            if (Count < 1) return ValidationResult.Error("--count must be at least 1");
            if (MaxCopy < 0) return ValidationResult.Error("--max-copy must not be negative");
            if (MemoryWeight is < 0 or > 1) return ValidationResult.Error("--memory-weight is a share in [0, 1]");
            if (KeyPull is not null and not (> 0 and <= 1)) return ValidationResult.Error("--key-pull is a factor above 0 and at most 1 (1: no pull)");
            if (ToSampling().Strategy == SamplingStrategy.Greedy && (Temperature ?? TopK ?? TopP) is not null)
                return ValidationResult.Error("--temperature, --top-k and --top-p shape --strategy sample; add it, or leave them out");
            try
            {
                ToSampling().Validate();
                if (Offsets is not (null or "model")) OffsetPolicy.CheckSyntax(Offsets);
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

        /// <summary>The library's defaults, or the lab's with <c>--lab</c>.</summary>
        private GenerationOptions Defaults => Lab ? GenerationOptions.Lab : new GenerationOptions();

        /// <summary>The options of the generation, in the library's records: the one place settings map onto them.</summary>
        public GenerationOptions ToOptions(int seed) => Defaults with
        {
            Length = Length,
            Context = Context ?? Defaults.Context,
            Sampling = ToSampling(),
            Seed = seed,
            MaxCopy = MaxCopy is { } copy ? (copy == 0 ? null : copy) : Defaults.MaxCopy,
            MemoryWeight = MemoryWeight ?? Defaults.MemoryWeight,
            KeyPull = KeyPull is { } pull ? (pull < 1 ? pull : null) : Defaults.KeyPull,
        };

        public SamplingOptions ToSampling()
        {
            var defaults = Defaults.Sampling;
            var strategy = Strategy ?? defaults.Strategy;
            return new SamplingOptions
            {
                Strategy = strategy,
                Temperature = Temperature ?? (strategy == defaults.Strategy ? defaults.Temperature : 1.0),
                TopK = TopK,
                TopP = TopP,
            };
        }

        public RunOpening ToOpening() => new()
        {
            CheckpointFile = Checkpoint, Epoch = Epoch, Device = Device, Threads = Threads,
        };

        public PieceFiles ToFiles() => new(Out) { Tokens = TokensOut, PianoRoll = PianoRoll, Wav = Wav };

        /// <summary>The whole request: <see cref="Count"/> pieces from <paramref name="seed"/> on.</summary>
        public CompositionRequest ToRequest(int seed, bool modelTiming, IReadOnlyDictionary<double, double>? onsetSteps) => new()
        {
            Seed = seed, Count = Count, Generation = ToOptions(seed), Piece = ToPiece(seed, modelTiming, onsetSteps), Files = ToFiles(), PrimerFile = Primer,
        };

        /// <summary>
        /// How the piece is written: with the model's own timing when it predicts it (unless
        /// <c>--offsets</c> says otherwise); <paramref name="onsetSteps"/> are the run's, for <c>--offsets corpus</c>.
        /// </summary>
        public PieceOptions ToPiece(int seed, bool modelTiming, IReadOnlyDictionary<double, double>? onsetSteps)
        {
            if (Offsets == "model" && !modelTiming)
                throw new ArgumentException("--offsets model: the run's model predicts no timing (it is the lab's network); use a fixed step such as 0.5, or corpus");
            var defaults = Lab ? new PieceOptions() : PieceOptions.For(modelTiming);
            return defaults with
            {
                Offsets = Offsets is null ? defaults.Offsets : Offsets == "model" ? null : OffsetPolicy.Parse(Offsets, onsetSteps),
                Seed = seed,
                Midi = new ComposerOptions { Velocity = Velocity, TempoBpm = Tempo },
            };
        }
    }
}
