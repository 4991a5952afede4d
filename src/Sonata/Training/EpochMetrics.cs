namespace Sonata.Training;

/// <summary>
/// One finished epoch: a row of metrics.csv. <paramref name="NetworkValAccuracy"/> is the
/// network's own validation accuracy when the model blends in an n-gram memory, else null.
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValLoss, double ValAccuracy, double Seconds, double? NetworkValAccuracy = null);
