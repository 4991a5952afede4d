namespace Sonata.Training;

/// <summary>Why a run's training ended (summary.json's <c>stop_reason</c>).</summary>
public enum StopReason
{
    /// <summary>Every epoch asked for is done.</summary>
    Epochs,
    /// <summary>The validation accuracy reached <see cref="TrainingOptions.TargetAccuracy"/>.</summary>
    TargetAccuracy,
    /// <summary>Cancelled (Ctrl-C); the unfinished epoch was dropped.</summary>
    Cancelled,
    /// <summary><see cref="TrainingOptions.Patience"/> epochs in a row did not improve the validation accuracy.</summary>
    Patience,
    /// <summary>The time budget (<see cref="TrainingOptions.Minutes"/>) ran out.</summary>
    TimeBudget,
}
