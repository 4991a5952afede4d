namespace Sonata.Training;

/// <summary>One finished epoch: a row of metrics.csv.</summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double ValLoss, double ValAccuracy, double Seconds);
