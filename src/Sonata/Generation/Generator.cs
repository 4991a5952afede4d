using System.Diagnostics;
using Sonata.Dataset;
using Sonata.Evaluation;
using Sonata.Prediction;

namespace Sonata.Generation;

/// <summary>
/// Continues a primer token by token with a <see cref="Predictor"/>: the lab's Problem 4. Each
/// step asks the predictor for the next token's distribution and the sampler picks one; with a
/// rhythm-aware model, first the token's step, then the token given it, then its duration. In
/// stream mode the networks' weights are copied out of torch once, before the first piece's clock
/// starts (loading the model, not composing), and every piece reads from a zero state.
/// </summary>
/// <param name="predictor">What predicts each next token (not disposed here).</param>
/// <param name="vocabulary">Token ↔ id of the predictor's outputs.</param>
/// <param name="contextLength">Tokens of context the model was trained on (the lab's 100): the primer's length and the window's.</param>
/// <param name="copies">The training pieces, for <see cref="GenerationOptions.MaxCopy"/>; null: none known, so no limit applies.</param>
public sealed class Generator(Predictor predictor, Vocabulary vocabulary, int contextLength, VerbatimIndex? copies = null)
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    public int ContextLength { get; } = contextLength;

    private PredictorStream? _stream;

    /// <summary>
    /// Predicts <see cref="GenerationOptions.Length"/> tokens after <paramref name="primer"/> (of
    /// which the last <see cref="ContextLength"/> are read, as <see cref="Primer.ModelTokens"/>) and
    /// returns those primer tokens, as written, followed by them.
    /// </summary>
    /// <exception cref="UnknownTokensException">The primer's model tokens hold one the vocabulary lacks.</exception>
    /// <exception cref="InvalidDataException">A rhythm-aware model's primer has no timing.</exception>
    public GeneratedPiece Generate(Primer primer, GenerationOptions options,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Length, nameof(options.Length));
        var read = primer.ModelTokens;
        var unknown = read.Where(t => !Vocabulary.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new UnknownTokensException(unknown, Vocabulary.ToString(), "the primer");
        if (read.Count == 0) throw new ArgumentException("a primer holds at least one token", nameof(primer));
        int skipped = Math.Max(0, read.Count - ContextLength);
        var written = primer.Tokens.Skip(skipped).ToList();
        bool timed = predictor.ReadsTiming;
        if (timed && (primer.Steps is null || primer.Durations is null))
            throw new InvalidDataException("the rhythm-aware model reads each token's step and duration, which this primer does not have");
        var sequence = new TimedSequence(read.Skip(skipped).Select(t => (long)Vocabulary.IdOf(t)),
            timed ? primer.Steps!.Skip(skipped) : null, timed ? primer.Durations!.Skip(skipped) : null);
        var draw = new Draws(options, options.MaxCopy is null ? null : copies?.Track(), Vocabulary);
        foreach (string token in written) draw.Copies?.Append(token);
        foreach (long id in sequence.Tokens) draw.Key?.Append((int)id);

        if (options.Context == ContextMode.Stream) _stream ??= predictor.OpenStream(ContextLength);
        var clock = Stopwatch.StartNew();
        using (var next = NextEvents.Open(options.Context, predictor, sequence, ContextLength, _stream))
        {
            for (int step = 0; step < options.Length; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (timed)
                {
                    long stepClass = draw.Timing.Next(next.Steps());
                    long token = draw.Token(next.Tokens(stepClass), step);
                    next.Append(token, stepClass, draw.Timing.Next(next.Durations(stepClass, token)));
                }
                else
                {
                    next.Append(draw.Token(next.Tokens(step: null), step), 0, 0);
                }
                progress?.Report(new GenerationProgress(step + 1, options.Length));
            }
        }
        clock.Stop();
        return new GeneratedPiece([.. written, .. sequence.Tokens.Skip(written.Count).Select(id => Vocabulary.TokenOf((int)id))], written.Count, options.Context, clock.Elapsed.TotalSeconds)
        {
            Steps = sequence.Steps?.Select(k => TimingClasses.Values[(int)k]).ToList(),
            Durations = sequence.Durations?.Select(k => TimingClasses.Values[(int)k]).ToList(),
            CopiesRefused = draw.Refused,
        };
    }

    /// <summary>The seeded draws of one piece: tokens (kept from copying too much) and timing.</summary>
    private sealed class Draws(GenerationOptions options, VerbatimIndex.CopyTracker? copies, Vocabulary vocabulary)
    {
        private readonly TokenSampler _tokens = new(options.Sampling, options.Seed);

        public TokenSampler Timing { get; } = new(options.TimingSampling, unchecked(options.Seed * 31 + 7));

        public VerbatimIndex.CopyTracker? Copies { get; } = copies;

        public KeyPull? Key { get; } = options.KeyPull is { } factor ? new KeyPull(vocabulary, factor) : null;

        public int Refused { get; private set; }

        /// <summary>
        /// The next token; with a copy limit, a token that would make the run copied from the
        /// corpus (counted after the primer: <paramref name="generated"/> tokens so far) longer
        /// than the limit is turned away and the draw made again without it.
        /// </summary>
        public long Token(float[] scores, int generated)
        {
            Key?.Apply(scores);
            int token = Drawn(scores, generated);
            Key?.Append(token);
            return token;
        }

        private int Drawn(float[] scores, int generated)
        {
            while (true)
            {
                int token = _tokens.Next(scores);
                if (Copies is null || options.MaxCopy is not { } limit) return token;
                string text = vocabulary.TokenOf(token);
                if (Math.Min(Copies.LengthAfter(text), generated + 1) <= limit || float.IsNegativeInfinity(scores.Max()))
                {
                    Copies.Append(text);
                    return token;
                }
                scores[token] = float.NegativeInfinity;
                Refused++;
            }
        }
    }
}

/// <summary>A progress report from <see cref="Generator"/>: <paramref name="Generated"/> of <paramref name="Total"/> new tokens done.</summary>
public sealed record GenerationProgress(int Generated, int Total);
