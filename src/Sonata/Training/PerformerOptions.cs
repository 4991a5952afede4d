namespace Sonata.Training;

/// <summary>
/// How the performer (<see cref="Model.PerformerLstm"/>) trains: a rhythm-aware run's second,
/// small network, which learns how the corpus plays each token (velocity, tempo).
/// </summary>
public sealed record PerformerOptions
{
    /// <summary>Optimizer steps at most; 0: no performer, pieces are played flat (velocity 100, 120 BPM).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Stretches of <see cref="Length"/> tokens a step reads side by side.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Tokens a stretch holds.</summary>
    public int Length { get; init; } = 128;

    /// <summary>The LSTM's width.</summary>
    public int HiddenSize { get; init; } = 128;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>
    /// The share of a training budget (<see cref="TrainingOptions.Minutes"/>) the performer may
    /// spend, at most: on a slow machine it takes fewer steps rather than take the networks' epochs.
    /// </summary>
    public double BudgetShare { get; init; } = 0.08;
}
