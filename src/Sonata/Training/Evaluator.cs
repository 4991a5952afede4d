using Sonata.Dataset;
using Sonata.Prediction;
using TorchSharp;

namespace Sonata.Training;

/// <summary>Loss and accuracy of a predictor on a split, as the lab scores validation and test.</summary>
public static class Evaluator
{
    /// <summary>
    /// Mean negative log-likelihood and accuracy (share of windows whose most likely next token is
    /// the label) over <paramref name="windows"/>. Every window is read from a zero LSTM state, so a
    /// score depends on neither the batch size nor the order of the windows. When the predictor
    /// blends in a memory, the networks' own accuracy is reported beside. <paramref name="progress"/>
    /// is told each batch done, and how many there are.
    /// </summary>
    public static SplitScore Score(
        Predictor predictor, TokenWindows data, long[] windows, EvaluationOptions options,
        IProgress<(int Batch, int Batches)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var batches = WindowBatches.InOrder(windows, options.BatchSize);
        int count = Math.Min(batches.Count, options.MaxBatches ?? int.MaxValue);
        double lossSum = 0;
        long correct = 0, networkCorrect = 0, stepsCorrect = 0, seen = 0;
        for (int b = 0; b < count; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var (inputs, labels, labelSteps) = data.Batch(batches[b], predictor.Device);          // (B, L), (B,), (B,)
            var prediction = predictor.Predict(inputs);                                           // (B, V) twice
            lossSum += torch.nn.functional.nll_loss(prediction.LogProbabilities, labels, reduction: torch.nn.Reduction.Sum).item<float>();
            correct += prediction.LogProbabilities.argmax(1).eq(labels).sum().item<long>();       // (B,) → count
            networkCorrect += prediction.NetworkLogProbabilities.argmax(1).eq(labels).sum().item<long>();
            if (prediction.Rhythm is { } rhythm && labelSteps is not null)
                stepsCorrect += rhythm.Steps().argmax(1).eq(labelSteps).sum().item<long>();       // (B, S) → count
            seen += labels.shape[0];
            progress?.Report((b + 1, count));
        }
        bool blended = predictor.Memory is not null;
        bool timed = predictor.ReadsTiming && data.HasTiming;
        return seen == 0
            ? new SplitScore(double.NaN, double.NaN, blended ? double.NaN : null)
            : new SplitScore(lossSum / seen, (double)correct / seen, blended ? (double)networkCorrect / seen : null)
            {
                StepAccuracy = timed ? (double)stepsCorrect / seen : null,
                Windows = seen,
            };
    }
}

/// <summary>
/// Mean loss and accuracy of a model's predictions on a split, and, when they blend in an n-gram
/// memory, the accuracy of the network alone.
/// </summary>
public sealed record SplitScore(double Loss, double Accuracy, double? NetworkAccuracy)
{
    /// <summary>For rhythm-aware networks: the share of windows whose most likely next step is the label's.</summary>
    public double? StepAccuracy { get; init; }

    /// <summary>Windows scored.</summary>
    public long Windows { get; init; }
}

/// <summary>How <see cref="Evaluator"/> scores a split.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Windows a batch. Every window is read from a zero state, so this changes only speed. Lab: 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Score at most this many batches (tests, <c>--dry-run</c>); null: all.</summary>
    public int? MaxBatches { get; init; }
}
