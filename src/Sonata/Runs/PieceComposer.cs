using Sonata.Dataset;
using Sonata.Evaluation;
using Sonata.Generation;
using Sonata.Pieces;
using Sonata.Tokenization;

namespace Sonata.Runs;

/// <summary>
/// Composes with a trained run: for each seed, primes a piece (a test window chosen by the seed,
/// or a stretch of a primer file, its tokens outside the vocabulary read as the nearest known), generates it with the run's predictor, writes it
/// (<see cref="PieceWriter"/>), and, when the run keeps its corpus's timing, judges the pieces
/// against the run's training pieces (<see cref="JudgingCorpus"/>).
/// </summary>
public sealed class PieceComposer(TrainedRun run)
{
    /// <summary>Writes the pieces of <paramref name="request"/>, one after another; <paramref name="progress"/> hears of each token.</summary>
    public async Task<IReadOnlyList<ComposedPiece>> ComposeAsync(
        CompositionRequest request, Func<int, IProgress<GenerationProgress>?>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        if (request.Generation.MemoryWeight is { } weight && weight != run.Config.Memory.Weight)
            throw new ArgumentException($"the run was opened with a memory weight of {run.Config.Memory.Weight}, the request composes with {weight}: open it with the request's (RunOpening.MemoryWeight)", nameof(request));
        if (request.Generation.CacheWeight is { } cache && cache != run.Config.Memory.CacheWeight)
            throw new ArgumentException($"the run was opened with a cache weight of {run.Config.Memory.CacheWeight}, the request composes with {cache}: open it with the request's (RunOpening.CacheWeight)", nameof(request));
        var copies = CopyLimit(request.Generation) is null ? null : run.Judging?.Verbatim;
        var generator = new Generator(run.Predictor, run.Vocabulary, run.ContextLength, copies);
        var fromFile = request.PrimerFile is { } file
            ? Primer.FromEvents(Music21Tokenizer.TokenizeFile(file), run.Vocabulary, request.PrimerSpan, run.ContextLength, Path.GetFileName(file))
            : null;
        var pieces = new List<ComposedPiece>(request.Count);
        for (int i = 0; i < request.Count; i++)
        {
            int seed = unchecked(request.Seed + i);
            var primer = fromFile ?? run.TestWindow(seed);
            var generated = await Task.Run(() => generator.Generate(primer, request.Generation with { Seed = seed }, progress?.Invoke(i), cancellationToken),
                CancellationToken.None).ConfigureAwait(false);
            var files = request.Count == 1 ? request.Files : WithSeed(request.Files, seed);
            var timing = generated.Steps is { } steps && generated.Durations is { } durations ? (steps, durations) : ((IReadOnlyList<double>, IReadOnlyList<double>)?)null;
            var written = await PieceWriter.WriteAsync(generated.Tokens, generated.PrimerLength, files, request.Piece with { Seed = seed }, timing, cancellationToken,
                Play(primer, generated, seed)).ConfigureAwait(false);
            Record(request, seed, primer, generated).Write(files.Midi);
            pieces.Add(new ComposedPiece(seed, primer, generated, written));
        }
        return pieces;
    }

    /// <summary>How the run's performer plays a piece (the primer as it was played, where known), or null: the run has none, or the piece no timing.</summary>
    private IReadOnlyList<Performed>? Play(Primer primer, GeneratedPiece generated, int seed)
    {
        if (run.Performer is not { } performer || generated.Steps is not { } steps || generated.Durations is not { } durations) return null;
        var primerPlayed = primer.Performance?.Skip(primer.Tokens.Count - generated.PrimerLength).ToList();
        return new PerformancePlayer(performer).Play(generated.Tokens, [.. steps.Select(s => (long)TimingClasses.Of(s))],
            TimingClasses.Durations(durations), primerPlayed, generated.PrimerLength, seed);
    }

    /// <summary>
    /// The longest verbatim copy from the training pieces a piece may hold: the request's, where the
    /// run knows its training pieces (it keeps its corpus's events); else null, no limit.
    /// </summary>
    public int? CopyLimit(GenerationOptions generation) => run.CorpusEvents is null ? null : generation.MaxCopy;

    /// <summary>
    /// The pieces' figures beside the ranges of the run's training pieces (the pieces as their MIDI
    /// files read back), or null when the run keeps no corpus timing to judge against.
    /// </summary>
    public FolderJudgement? Judge(IReadOnlyList<ComposedPiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (run.Judging is not { } corpus || pieces.Count == 0) return null;
        var read = pieces.Select(p => new TokenizedFile(Path.GetFileName(p.Written.Files.Midi), Music21Tokenizer.TokenizeFile(p.Written.Files.Midi))).ToList();
        return corpus.JudgeAll(read, new FigureOptions(PrimerLength: pieces[0].Generated.PrimerLength));
    }

    private PieceRecord Record(CompositionRequest request, int seed, Primer primer, GeneratedPiece generated) => new(
        seed, primer.Description, generated.PrimerLength, generated.GeneratedCount, request.Generation.Sampling.ToString(),
        request.Piece.Offsets?.ToString() ?? "the model's own steps and durations", request.Generation.Context.ToString().ToLowerInvariant(),
        run.Predictor.MemoryWeight, CopyLimit(request.Generation), generated.CopiesRefused, run.Config.Model.ToString(),
        run.Checkpoint.File, run.Checkpoint.Epoch, generated.Seconds)
    {
        KeyPull = request.Generation.KeyPull,
        CacheWeight = run.Config.Memory.CacheWeight,
        PrimerMapped = primer.Mapped,
        Played = Played(request.Piece.Midi, run.Performer is not null && generated.Steps is not null),
        PrimerSubstitutions = primer.Substitutions,
    };

    /// <summary>How a piece is played, in words: what --velocity and --tempo force, else the run's performer (or the defaults, without one).</summary>
    private static string Played(ComposerOptions midi, bool performed)
    {
        string velocity = midi.Velocity is { } v ? $"velocity {v} (--velocity)"
            : performed ? "the run's performer's velocities" : $"velocity {ComposerOptions.DefaultVelocity} (the run has no performer)";
        string tempo = midi.TempoBpm is { } t ? $"{t:0.##} BPM (--tempo)"
            : performed ? "the run's performer's tempi" : $"{ComposerOptions.DefaultTempoBpm:0.##} BPM (the run has no performer)";
        return $"{velocity}; {tempo}";
    }

    /// <summary>Each file named, its name with "-SEED" before the extension.</summary>
    private static PieceFiles WithSeed(PieceFiles files, int seed)
    {
        string? Named(string? path) => path is null ? null
            : Path.Combine(Path.GetDirectoryName(path) ?? "", $"{Path.GetFileNameWithoutExtension(path)}-{seed}{Path.GetExtension(path)}");
        return new PieceFiles(Named(files.Midi)!) { Tokens = Named(files.Tokens), PianoRoll = Named(files.PianoRoll), Wav = Named(files.Wav) };
    }
}

/// <summary>One piece <see cref="PieceComposer"/> wrote: its seed, where it started, what was generated and what was written.</summary>
public sealed record ComposedPiece(int Seed, Primer Primer, GeneratedPiece Generated, WrittenPiece Written);
