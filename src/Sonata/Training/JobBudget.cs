namespace Sonata.Training;

/// <summary>
/// The job a training session belongs to, for its time budget (<see cref="TrainingOptions.Minutes"/>):
/// the budget counts from <see cref="Started"/> (the main job's start, so that set-up and build
/// count too) and keeps <see cref="ReserveSeconds"/> for what follows training (the piece and its
/// page). Time is read from <see cref="Time"/>, which tests replace. Not part of a run's config:
/// it belongs to one session.
/// </summary>
public sealed record JobBudget
{
    /// <summary>When the budget began; null: when training began.</summary>
    public DateTimeOffset? Started { get; init; }

    /// <summary>Seconds of the budget kept for the stages after training.</summary>
    public double ReserveSeconds { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether the budget is a longer job's (it began earlier, or keeps time for after training).</summary>
    public bool IsJob => Started is not null || ReserveSeconds > 0;

    /// <summary>A budget of its own: from when training starts, nothing kept after it, the system's clock.</summary>
    public static JobBudget None { get; } = new();
}
