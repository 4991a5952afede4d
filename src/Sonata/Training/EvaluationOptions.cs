namespace Sonata.Training;

/// <summary>How <see cref="Evaluator"/> scores a split.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Windows a batch. Every window is read from a zero state, so this changes only speed. Lab: 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Score at most this many batches (tests, <c>--dry-run</c>); null: all.</summary>
    public int? MaxBatches { get; init; }
}
