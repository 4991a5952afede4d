namespace Sonata.Training;

/// <summary>
/// One finished epoch: a row of metrics.csv. The validation figures are on the validation
/// windows scored each epoch (all of them, or <see cref="TrainingOptions.ValidationWindows"/>).
/// </summary>
/// <param name="NetworkValAccuracy">The networks' own validation accuracy when the model blends in an n-gram memory, else null.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch: training and validation.</param>
/// <param name="TrainSeconds">Of those, the seconds of training alone (null in runs made before it was kept).</param>
/// <param name="Batches">Training batches the epoch ran (fewer than a full epoch when a time budget ended it; null in older runs).</param>
/// <param name="ValStepAccuracy">A rhythm-aware model's share of validation windows whose likeliest next step is the label's; else null.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double ValLoss, double ValAccuracy, double Seconds, double? NetworkValAccuracy = null,
    double? TrainSeconds = null, int? Batches = null, double? ValStepAccuracy = null);
