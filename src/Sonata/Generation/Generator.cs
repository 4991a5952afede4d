using System.Diagnostics;
using Sonata.Dataset;
using Sonata.Prediction;
using TorchSharp;

namespace Sonata.Generation;

/// <summary>
/// Continues a primer token by token with a <see cref="Predictor"/>: the lab's Problem 4. Each
/// step asks the predictor for the next token's distribution and the sampler picks one.
/// </summary>
/// <param name="predictor">What predicts each next token (not disposed here).</param>
/// <param name="vocabulary">Token ↔ id of the predictor's outputs.</param>
/// <param name="contextLength">Tokens of context the model was trained on (the lab's 100): the primer's length and the window's.</param>
public sealed class Generator(Predictor predictor, Vocabulary vocabulary, int contextLength)
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    public int ContextLength { get; } = contextLength;

    /// <summary>
    /// Predicts <see cref="GenerationOptions.Length"/> tokens after <paramref name="primer"/> (of
    /// which the last <see cref="ContextLength"/> are read) and returns the primer followed by them.
    /// </summary>
    /// <exception cref="UnknownTokensException">The primer holds a token the vocabulary lacks.</exception>
    public GeneratedPiece Generate(IReadOnlyList<string> primer, GenerationOptions options,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Length, nameof(options.Length));
        var start = Primer.FromTokens(primer, Vocabulary, ContextLength, "the primer");
        var ids = start.Tokens.Select(t => (long)Vocabulary.IdOf(t)).ToList();
        var sampler = new TokenSampler(options.Sampling, options.Seed);

        var clock = Stopwatch.StartNew();
        using (var stream = options.Context == ContextMode.Stream ? predictor.OpenStream() : null)
        {
            for (int step = 0; step < options.Length; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                float[] scores = stream is null ? WindowScores(ids) : stream.Next(ids, ContextLength);
                ids.Add(sampler.Next(scores));
                progress?.Report(new GenerationProgress(step + 1, options.Length));
            }
        }
        clock.Stop();
        var tokens = ids.Select(id => Vocabulary.TokenOf((int)id)).ToList();
        return new GeneratedPiece(tokens, start.Tokens.Count, options.Context, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The lab's way: the predictor on the last <see cref="ContextLength"/> ids, from a zero state; (V) log-probabilities.</summary>
    private float[] WindowScores(List<long> ids)
    {
        using var scope = torch.NewDisposeScope();
        int context = Math.Min(ContextLength, ids.Count);
        var input = torch.tensor(ids.GetRange(ids.Count - context, context).ToArray()).reshape(1, context);   // (1, L) ids
        return predictor.Predict(input).LogProbabilities.select(0, 0).to(torch.CPU).data<float>().ToArray();  // (V,)
    }
}
