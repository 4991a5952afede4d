namespace Sonata.Training;

/// <summary>Where a run is, in a <see cref="TrainingProgress"/> report.</summary>
public enum TrainingPhase
{
    /// <summary>Data, model and run folder are ready; <see cref="TrainingProgress.Plan"/> says what follows.</summary>
    Started,
    Training,
    Validating,
    /// <summary>An epoch finished and its checkpoint is written; <see cref="TrainingProgress.Metrics"/> holds its row.</summary>
    EpochFinished,
    Testing,
}
