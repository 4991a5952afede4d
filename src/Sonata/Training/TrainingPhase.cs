namespace Sonata.Training;

/// <summary>Where a run is, in a <see cref="TrainingProgress"/> report.</summary>
public enum TrainingPhase
{
    /// <summary>Data, model and run folder are ready; <see cref="TrainingProgress.Plan"/> says what follows.</summary>
    Started,
    /// <summary>A time budget's speed probe scored a batch of windows (before the first epoch).</summary>
    MeasuringScoring,
    /// <summary>A time budget's speed probe ran a training batch (before the first epoch).</summary>
    MeasuringTraining,
    /// <summary>The speeds are measured and the budget fits an epoch: <see cref="TrainingProgress.Budget"/> says what it allows.</summary>
    Budgeted,
    /// <summary>The performer trains (before the first epoch): <see cref="TrainingProgress.Batch"/> steps of <see cref="TrainingProgress.Batches"/>.</summary>
    Performing,
    /// <summary>The performer is trained and saved: <see cref="TrainingProgress.Batch"/> steps, its last loss <see cref="TrainingProgress.RunningLoss"/>.</summary>
    PerformerTrained,
    Training,
    Validating,
    /// <summary>An epoch finished and its checkpoint is written; <see cref="TrainingProgress.Metrics"/> holds its row.</summary>
    EpochFinished,
    Testing,
}
