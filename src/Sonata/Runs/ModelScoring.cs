using Sonata.Dataset;
using Sonata.Tokenization;
using Sonata.Training;

namespace Sonata.Runs;

/// <summary>
/// A run's model scored on any music, the lab's way: the files' tokens concatenated, each window of
/// the run's context (100) read from a zero state, its next token predicted (<see cref="Evaluator"/>).
/// A context token the vocabulary lacks is read as the nearest it holds (<see cref="NearestToken"/>);
/// a label it lacks cannot be predicted, so its window counts as a miss and stays out of the loss.
/// </summary>
public static class ModelScoring
{
    /// <exception cref="UserErrorException">The music holds no more tokens than one window.</exception>
    public static ModelScore Score(
        TrainedRun run, IReadOnlyList<TokenizedFile> files, ScoringOptions options,
        IProgress<(int Batch, int Batches)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var tokens = files.SelectMany(f => f.Tokens.Select(e => e.Token)).ToList();
        if (tokens.Count <= run.ContextLength)
            throw new UserErrorException($"the music holds {tokens.Count:N0} tokens: scoring needs more than the run's context of {run.ContextLength}");
        var reading = new NearestToken(run.Vocabulary).Read(tokens);
        long[] ids = [.. reading.Tokens.Select(t => (long)run.Vocabulary.IdOf(t))];
        var timing = run.ReadsTiming ? CorpusTiming.Of(files.Select(f => f.Tokens)) : null;
        using var windows = new TokenWindows(ids, run.ContextLength, timing);

        long[] all = [.. Enumerable.Range(0, (int)windows.Count).Select(i => (long)i)];
        long[] scored = options.Windows is { } count ? WindowSubset.Of(all, count, options.Seed) : all;
        Array.Sort(scored);
        long[] known = [.. scored.Where(w => run.Vocabulary.Contains(tokens[(int)w + run.ContextLength]))];
        var score = known.Length == 0
            ? new SplitScore(double.NaN, 0, run.Predictor.Memory is null ? null : 0)
            : Evaluator.Score(run.Predictor, windows, known, new EvaluationOptions { BatchSize = options.BatchSize }, progress, cancellationToken);
        double share = (double)known.Length / scored.Length;
        return new ModelScore(
            files.Count, tokens.Count, scored.Length, reading.Mapped, reading.Substitutions.Count, scored.Length - known.Length,
            score.Accuracy * share, score.NetworkAccuracy * share, score.StepAccuracy is { } steps ? steps * share : null, score.Loss,
            run.Predictor.MemoryWeight, run.Checkpoint.Epoch);
    }
}

/// <summary>How <see cref="ModelScoring"/> scores: which windows, and how many at once.</summary>
public sealed record ScoringOptions
{
    /// <summary>Score this many windows, drawn with <see cref="Seed"/>; null: every window.</summary>
    public int? Windows { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Windows a batch: changes only speed (every window is read from a zero state).</summary>
    public int BatchSize { get; init; } = 64;
}

/// <summary>What <see cref="ModelScoring"/> measured.</summary>
/// <param name="Files">Files scored.</param>
/// <param name="Tokens">Their tokens, concatenated.</param>
/// <param name="Windows">Windows scored (each the run's context and its next token).</param>
/// <param name="UnknownTokens">Tokens outside the run's vocabulary, read as the nearest it knows.</param>
/// <param name="UnknownDistinct">Distinct such tokens.</param>
/// <param name="UnknownLabels">Windows whose next token the vocabulary lacks: misses, left out of the loss.</param>
/// <param name="Accuracy">Share of windows whose likeliest next token is the label.</param>
/// <param name="NetworkAccuracy">The same for the networks alone, when the run blends in its memory.</param>
/// <param name="StepAccuracy">For rhythm-aware networks: share of windows whose likeliest next step is the label's (unknown labels counted as misses).</param>
/// <param name="Loss">Mean negative log-likelihood of the labels the vocabulary holds (nats a token).</param>
/// <param name="MemoryWeight">The memory's share in each prediction.</param>
/// <param name="Epoch">The checkpoint's epoch.</param>
public sealed record ModelScore(
    int Files, long Tokens, long Windows, long UnknownTokens, int UnknownDistinct, long UnknownLabels,
    double Accuracy, double? NetworkAccuracy, double? StepAccuracy, double Loss, double MemoryWeight, int Epoch);
