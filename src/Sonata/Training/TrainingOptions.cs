using Sonata.Runtime;

namespace Sonata.Training;

/// <summary>How to train (the lab's Problem 3), and where.</summary>
public sealed record TrainingOptions
{
    /// <summary>Seeds the split, the model's initial weights and each epoch's shuffle.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Epochs to train, counting those of a resumed run. Lab: 30.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>The optimizer. Lab: RMSprop.</summary>
    public OptimizerKind Optimizer { get; init; }

    /// <summary>The optimizer's learning rate. Lab: 0.001.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Each epoch's learning rate is the last one's times this (see <see cref="LearningRateSchedule"/>). Lab: 1.</summary>
    public double LearningRateDecay { get; init; } = 1.0;

    /// <summary>
    /// The learning rate rises linearly over the run's first this many batches, from a
    /// <see cref="WarmupBatches"/>-th of its value (see <see cref="LearningRateSchedule"/>). Lab: 0, none.
    /// </summary>
    public int WarmupBatches { get; init; }

    /// <summary>The optimizer's weight decay (RMSprop's an L2 term, AdamW's decoupled). Lab: 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Gradients are scaled down so that their global norm is at most this. Lab: 5.</summary>
    public double ClipNorm { get; init; } = 5.0;

    /// <summary>Stop once the validation accuracy (0..1) reaches this; null trains every epoch.</summary>
    public double? TargetAccuracy { get; init; }

    /// <summary>
    /// Stop after this many epochs in a row without a better validation accuracy than the best
    /// before them; null: no patience.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// A budget of wall-clock minutes for this session's epochs (training and validation): when it
    /// runs out mid-epoch, that epoch ends early (validated and saved like any other) and training
    /// stops; null: no budget.
    /// </summary>
    public double? Minutes { get; init; }

    /// <summary>
    /// Validate each epoch on a fixed seeded subset of this many validation windows; the best
    /// epoch is then scored on the whole validation and test splits. Null: every epoch on the whole
    /// validation split (the lab's way).
    /// </summary>
    public int? ValidationWindows { get; init; }

    /// <summary>
    /// Score the best epoch on a fixed seeded subset of this many test windows, its validation
    /// figure being its epoch's; null: on the whole test split, and on the whole validation split
    /// too when epochs validated a subset (the lab's way).
    /// </summary>
    public int? TestWindows { get; init; }

    /// <summary>Which checkpoints the run folder keeps: the newest and the best (default), or every epoch's.</summary>
    public CheckpointKeeping KeepCheckpoints { get; init; }

    /// <summary>Train on at most this many batches an epoch (tests, <c>--dry-run</c>); null: all.</summary>
    public int? MaxBatchesPerEpoch { get; init; }

    /// <summary>Evaluate at most this many validation and test batches (tests, <c>--dry-run</c>); null: all.</summary>
    public int? MaxEvalBatches { get; init; }

    /// <summary>CPU threads for torch; null: <see cref="TorchRuntime.DefaultThreads"/>.</summary>
    public int? Threads { get; init; }

    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;
}
