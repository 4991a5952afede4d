using System.ComponentModel;
using Sonata.Cli.Help;
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
        [Description("Use this checkpoint file. Without it: the run's best by validation accuracy.")]
        public string? Checkpoint { get; set; }

        [CommandOption("--epoch <N>")]
        [Description("Use this epoch's checkpoint. Without it: the run's best by validation accuracy.")]
        public int? Epoch { get; set; }

        [CommandOption("--seed <N>")]
        [Description("Seeds the choice of the test window that primes the piece, the draws of --strategy sample and of --offsets corpus. Without it: a random seed, printed.")]
        public int? Seed { get; set; }

        [CommandOption("--count <N>")]
        [OptionHelp<GenerateDefaults>("Write N pieces, with the seeds from --seed on (each file name gains its seed: mozart-7.mid), and a table of all of them.", nameof(Count))]
        public int? Count { get; set; }

        [CommandOption("--length <N>")]
        [OptionHelp<GenerateDefaults>("New tokens after the primer.", nameof(Length))]
        public int? Length { get; set; }

        [CommandOption("--lab")]
        [Description("The lab's way to compose: every default becomes the lab's (shown as lab: … beside each option); the options given still apply on top.")]
        public bool Lab { get; set; }

        [CommandOption("--context <MODE>")]
        [OptionHelp<GenerateDefaults>("stream: carry the LSTM state token by token (fast); window: re-run the model on the last 100 tokens each step (the lab's way).", nameof(Context))]
        public ContextMode? Context { get; set; }

        [CommandOption("--strategy <STRATEGY>")]
        [OptionHelp<GenerateDefaults>("sample: a seeded draw; greedy: the likeliest token (the lab's way).", nameof(Strategy))]
        public SamplingStrategy? Strategy { get; set; }

        [CommandOption("--temperature <T>")]
        [OptionHelp<GenerateDefaults>("With sample: below 1 sharper, above 1 flatter.", nameof(Temperature))]
        public double? Temperature { get; set; }

        [CommandOption("--top-k <K>")]
        [OptionHelp<GenerateDefaults>("With sample: draw among the K likeliest tokens.", nameof(TopK))]
        public int? TopK { get; set; }

        [CommandOption("--top-p <P>")]
        [OptionHelp<GenerateDefaults>("With sample: draw among the likeliest tokens whose probabilities sum to P, above 0 and at most 1.", nameof(TopP))]
        public double? TopP { get; set; }

        [CommandOption("--memory-weight <W>")]
        [OptionHelp<GenerateDefaults>("Share of the run's n-gram memory (counted again from its corpus tokens) in each prediction; 0: the networks alone (the memory recites the training pieces).", nameof(MemoryWeight))]
        public double? MemoryWeight { get; set; }

        [CommandOption("--cache-weight <W>")]
        [OptionHelp<GenerateDefaults>("Largest share of the context cache (what the piece so far repeats: its earlier places matching its last tokens vote for what followed them) in each prediction, below 1; 0: none.", nameof(CacheWeight))]
        public double? CacheWeight { get; set; }

        [CommandOption("--primer <FILE>")]
        [Description("Prime the piece with a stretch of this MIDI file (by default its last tokens, as many as the model reads: the lab's 100) instead of a test window. Any MIDI file: a note or chord the model does not know is read as the nearest it knows (top voice and bass first, then the pitch classes, then the octaves); the piece says which.")]
        public string? Primer { get; set; }

        [CommandOption("--primer-from <POS>")]
        [Description("With --primer: where the primer starts, a token's index from 0 (200) or a time in quarter notes (64q: the first token at or after it, in music21's order, part by part). Without it, the primer ends with the file.")]
        public string? PrimerFrom { get; set; }

        [CommandOption("--primer-length <N>")]
        [Description("With --primer: tokens in the primer, 1 to the run's context (the lab's 100); without it, the context.")]
        public int? PrimerLength { get; set; }

        [CommandOption("--offsets <STEP>")]
        [OptionHelp<GenerateDefaults>("When each token sounds: 'model' (the rhythm-aware model's own steps and durations), a fixed step in quarter notes such as 0.5 or 0.25, or 'corpus' to draw the corpus's steps.", nameof(Offsets))]
        public string? Offsets { get; set; }

        [CommandOption("--max-copy <N>")]
        [OptionHelp<GenerateDefaults>("The longest run of tokens the piece may copy verbatim from the training pieces (a draw that would copy more is made again without that token); 0: no limit.", nameof(MaxCopy))]
        public int? MaxCopy { get; set; }

        [CommandOption("--key-pull <F>")]
        [OptionHelp<GenerateDefaults>("Keep the draws in the key of the last 100 tokens: each pitch outside that major or minor scale multiplies a token's probability by F, above 0 and at most 1; 1: no pull.", nameof(KeyPull))]
        public double? KeyPull { get; set; }

        [CommandOption("--velocity <V>")]
        [OptionHelp<GenerateDefaults>("Key velocity of every note, 1-127: a flat piece, where the performer learned from the corpus varies it.", nameof(Velocity))]
        public int? Velocity { get; set; }

        [CommandOption("--tempo <BPM>")]
        [OptionHelp<GenerateDefaults>("One tempo for the whole piece, quarter notes a minute, where the performer learned from the corpus varies it.", nameof(Tempo))]
        public double? Tempo { get; set; }

        [CommandOption("--out <FILE>")]
        [OptionHelp<GenerateDefaults>("The MIDI file to write.", nameof(Out))]
        public string? Out { get; set; }

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
        [OptionHelp<GenerateDefaults>("CPU threads (OpenMP threads wait passively).", nameof(Threads))]
        public int? Threads { get; set; }

        [CommandOption("--device <DEVICE>")]
        [OptionHelp<GenerateDefaults>("auto, cpu or cuda.", nameof(Device))]
        public DeviceChoice? Device { get; set; }

        public override ValidationResult Validate()
        {
            if (!Directory.Exists(Run)) return ValidationResult.Error($"--run: no run folder '{Run}'");
            if (Checkpoint is not null && Epoch is not null) return ValidationResult.Error("--checkpoint and --epoch both choose the checkpoint: give one");
            if (Checkpoint is not null && !File.Exists(Checkpoint)) return ValidationResult.Error($"--checkpoint: no file {Checkpoint}");
            if (Primer is not null && !File.Exists(Primer)) return ValidationResult.Error($"--primer: no MIDI file {Primer}");
            if (Primer is null && (PrimerFrom ?? (object?)PrimerLength) is not null) return ValidationResult.Error("--primer-from and --primer-length choose a stretch of --primer FILE: add it");
            if (PrimerFrom is not null && !PrimerPosition.TryParse(PrimerFrom, out _))
                return ValidationResult.Error($"--primer-from '{PrimerFrom}': a token's index (200) or quarter notes (64q)");
            if (PrimerLength < 1) return ValidationResult.Error("--primer-length must be at least 1");
            if (Length < 1) return ValidationResult.Error("--length must be at least 1");
            if (Count < 1) return ValidationResult.Error("--count must be at least 1");
            if (MaxCopy < 0) return ValidationResult.Error("--max-copy must not be negative");
            if (MemoryWeight is < 0 or > 1) return ValidationResult.Error("--memory-weight is a share in [0, 1]");
            if (CacheWeight is < 0 or >= 1) return ValidationResult.Error("--cache-weight is a share in [0, 1)");
            if (KeyPull is not null and not (> 0 and <= 1)) return ValidationResult.Error("--key-pull is a factor above 0 and at most 1 (1: no pull)");
            if (ToSampling().Strategy == SamplingStrategy.Greedy && (Temperature ?? TopK ?? TopP) is not null)
                return ValidationResult.Error("--temperature, --top-k and --top-p shape --strategy sample; add it, or leave them out");
            try
            {
                ToSampling().Validate();
                if (Offsets is not (null or ModelOffsets)) OffsetPolicy.CheckSyntax(Offsets);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return ValidationResult.Error(e.Message);
            }
            if (Velocity is < 1 or > 127) return ValidationResult.Error("--velocity is a MIDI velocity, 1-127");
            if (Tempo is { } tempo && !(double.IsFinite(tempo) && tempo > 0)) return ValidationResult.Error("--tempo must be a positive number of quarter notes a minute");
            if (Threads < 1) return ValidationResult.Error("--threads must be at least 1");
            return ValidationResult.Success();
        }

        /// <summary>How to generate: the library's defaults, or the lab's with <c>--lab</c>, under the options given.</summary>
        public GenerationOptions ToGeneration(int seed)
        {
            var defaults = GenerationOptions.For(Lab);
            return defaults with
            {
                Length = Length ?? defaults.Length,
                Context = Context ?? defaults.Context,
                Sampling = ToSampling(),
                Seed = seed,
                MaxCopy = MaxCopy is { } copy ? (copy == 0 ? null : copy) : defaults.MaxCopy,
                MemoryWeight = MemoryWeight ?? defaults.MemoryWeight,
                CacheWeight = CacheWeight ?? defaults.CacheWeight,
                KeyPull = KeyPull is { } pull ? (pull < 1 ? pull : null) : defaults.KeyPull,
            };
        }

        public SamplingOptions ToSampling()
        {
            var defaults = GenerationOptions.For(Lab).Sampling;
            return defaults with
            {
                Strategy = Strategy ?? defaults.Strategy,
                Temperature = Temperature ?? defaults.Temperature,
                TopK = TopK ?? defaults.TopK,
                TopP = TopP ?? defaults.TopP,
            };
        }

        /// <summary>How to open the run: the checkpoint asked for, and the memory weight composing uses (so that no other is counted).</summary>
        public RunOpening ToOpening(GenerationOptions generation)
        {
            var defaults = new RunOpening();
            return defaults with
            {
                CheckpointFile = Checkpoint, Epoch = Epoch, MemoryWeight = generation.MemoryWeight, CacheWeight = generation.CacheWeight,
                Device = Device ?? defaults.Device, Threads = Threads ?? defaults.Threads,
            };
        }

        public PieceFiles ToFiles()
        {
            var defaults = new CompositionRequest().Files;
            return new PieceFiles(Out ?? defaults.Midi) { Tokens = TokensOut, PianoRoll = PianoRoll, Wav = Wav };
        }

        /// <summary>The whole request: <see cref="Count"/> pieces from <paramref name="seed"/> on.</summary>
        public CompositionRequest ToRequest(GenerationOptions generation, bool modelTiming, IReadOnlyDictionary<double, double>? onsetSteps)
        {
            var defaults = new CompositionRequest();
            return defaults with
            {
                Seed = generation.Seed, Count = Count ?? defaults.Count, Generation = generation,
                Piece = ToPiece(generation.Seed, modelTiming, onsetSteps), Files = ToFiles(), PrimerFile = Primer, PrimerSpan = ToPrimerSpan(),
            };
        }

        /// <summary>The stretch of <c>--primer</c> asked for.</summary>
        public PrimerSpan ToPrimerSpan() => new()
        {
            From = PrimerPosition.TryParse(PrimerFrom, out var from) ? from : null,
            Length = PrimerLength,
        };

        /// <summary>
        /// How the piece is written: with the model's own timing when it predicts it (unless
        /// <c>--offsets</c> says otherwise); <paramref name="onsetSteps"/> are the run's, for <c>--offsets corpus</c>.
        /// </summary>
        public PieceOptions ToPiece(int seed, bool modelTiming, IReadOnlyDictionary<double, double>? onsetSteps)
        {
            if (Offsets == ModelOffsets && !modelTiming)
                throw new UserErrorException("--offsets model: the run's model predicts no timing (it is the lab's network); use a fixed step such as 0.5, or corpus");
            var defaults = PieceOptions.For(modelTiming, Lab);
            return defaults with
            {
                Offsets = Offsets is null ? defaults.Offsets : Offsets == ModelOffsets ? null : OffsetPolicy.Parse(Offsets, onsetSteps),
                Seed = seed,
                Midi = defaults.Midi with { Velocity = Velocity ?? defaults.Midi.Velocity, TempoBpm = Tempo ?? defaults.Midi.TempoBpm },
            };
        }

        /// <summary>What <c>--offsets</c> says for a piece's offsets: "model" for the model's own timing, a step, or "corpus".</summary>
        public static string OffsetsName(OffsetPolicy? offsets) => offsets switch
        {
            null => ModelOffsets,
            FixedOffsetPolicy fixedStep => DefaultText.Of(fixedStep.Step),
            _ => "corpus",
        };

        private const string ModelOffsets = "model";
    }
}
