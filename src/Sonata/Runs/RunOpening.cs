using Sonata.Runtime;

namespace Sonata.Runs;

/// <summary>How <see cref="TrainedRun.Open"/> opens a run folder.</summary>
public sealed record RunOpening
{
    /// <summary>Open this checkpoint file; null: <see cref="Epoch"/>'s, or the best by validation accuracy.</summary>
    public string? CheckpointFile { get; init; }

    /// <summary>Open this epoch's checkpoint; null: the best by validation accuracy.</summary>
    public int? Epoch { get; init; }

    /// <summary>The n-gram memory's share in each prediction; null: the run's own; 0: the networks alone.</summary>
    public double? MemoryWeight { get; init; }

    /// <summary>The context cache's largest share (<see cref="Prediction.ContextCache"/>); null: the run's own; 0: none.</summary>
    public double? CacheWeight { get; init; }

    public DeviceChoice Device { get; init; } = DeviceChoice.Auto;

    /// <summary>CPU threads for torch; null: <see cref="TorchRuntime.DefaultThreads"/>.</summary>
    public int? Threads { get; init; }
}
