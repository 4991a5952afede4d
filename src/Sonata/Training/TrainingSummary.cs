namespace Sonata.Training;

/// <summary>What summary.json holds once a run ends (finished, stopped at the target, or cancelled).</summary>
public sealed record TrainingSummary
{
    /// <summary>Training batches in a full epoch (before any <see cref="TrainingOptions.MaxBatchesPerEpoch"/> cap).</summary>
    public int TrainBatches { get; init; }

    public int ValBatches { get; init; }

    public int TestBatches { get; init; }

    /// <summary>Epochs completed, over every session of the run.</summary>
    public int Epochs { get; init; }

    /// <summary>The best epoch's validation accuracy as scored each epoch (on the subset, with <see cref="TrainingOptions.ValidationWindows"/>).</summary>
    public double? BestValAccuracy { get; init; }

    /// <summary>
    /// The tested model's accuracy on the whole validation split, when epochs were validated on a
    /// subset (<see cref="TrainingOptions.ValidationWindows"/>); else null (<see cref="BestValAccuracy"/> is it).
    /// </summary>
    public double? ValAccuracy { get; init; }

    public double? ValLoss { get; init; }

    /// <summary>The networks' own validation accuracy beside <see cref="ValAccuracy"/> (or, without it, <see cref="BestValAccuracy"/>), when there is a memory.</summary>
    public double? NetworkValAccuracy { get; init; }

    public int? BestEpoch { get; init; }

    /// <summary>Accuracy on the test split of the model named by <see cref="TestModel"/>; null when no epoch completed.</summary>
    public double? TestAccuracy { get; init; }

    public double? TestLoss { get; init; }

    /// <summary>The network's own test accuracy, without the n-gram memory; null when the model has none.</summary>
    public double? NetworkTestAccuracy { get; init; }

    /// <summary>"best (epoch 7)": the checkpoint with the highest validation accuracy is the one tested.</summary>
    public string? TestModel { get; init; }

    /// <summary>A rhythm-aware model's validation step accuracy, on the windows behind <see cref="ValAccuracy"/> or else <see cref="BestValAccuracy"/>; else null.</summary>
    public double? ValStepAccuracy { get; init; }

    /// <summary>A rhythm-aware model's step accuracy on the test split; else null.</summary>
    public double? TestStepAccuracy { get; init; }

    /// <summary>Validation windows behind <see cref="ValAccuracy"/>, or else behind <see cref="BestValAccuracy"/>.</summary>
    public long ValWindowsScored { get; init; }

    /// <summary>Windows of the whole test split.</summary>
    public long TestSplitWindows { get; init; }

    /// <summary>Test windows behind <see cref="TestAccuracy"/>: the whole split, or a seeded subset (<see cref="TrainingOptions.TestWindows"/>).</summary>
    public long TestWindowsScored { get; init; }

    /// <summary>Seconds an epoch took (the median of those that ran every batch), for what a longer budget would buy; null without epochs.</summary>
    public double? EpochSeconds { get; init; }

    /// <summary>The validation accuracy's gain over the last 3 epochs (points as a fraction); null with fewer than 4.</summary>
    public double? RecentGain { get; init; }

    public StopReason StopReason { get; init; }

    /// <summary>Wall-clock seconds of every completed epoch plus the final test.</summary>
    public double Seconds { get; init; }
}
