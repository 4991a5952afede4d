namespace Sonata.Training;

/// <summary>A progress report from <see cref="Trainer"/>; the CLI draws it.</summary>
public sealed record TrainingProgress(TrainingPhase Phase)
{
    public int Epoch { get; init; }

    public int Epochs { get; init; }

    /// <summary>Batches done in this phase.</summary>
    public int Batch { get; init; }

    /// <summary>Batches this phase will run.</summary>
    public int Batches { get; init; }

    /// <summary>Mean training loss of the epoch so far.</summary>
    public double RunningLoss { get; init; }

    /// <summary>Seconds since the epoch's training began (with <see cref="TrainingPhase.Training"/>).</summary>
    public double Seconds { get; init; }

    /// <summary>The last finished epoch's validation accuracy, if any (with <see cref="TrainingPhase.Training"/>).</summary>
    public double? LastValAccuracy { get; init; }

    /// <summary>
    /// Seconds the run has left, the final scoring included: to the end of its time budget, or,
    /// without one, what the epochs left would take at the measured speed (with <see cref="TrainingPhase.Training"/>
    /// and <see cref="TrainingPhase.EpochFinished"/>).
    /// </summary>
    public double? SecondsLeft { get; init; }

    /// <summary>
    /// Seconds the whole job has left to the end of its time budget (training, and what the job
    /// keeps for after it: <see cref="JobBudget.ReserveSeconds"/>); null without a budget. Set with <see cref="SecondsLeft"/>.
    /// </summary>
    public double? JobSecondsLeft { get; init; }

    /// <summary>Set with <see cref="TrainingPhase.EpochFinished"/>.</summary>
    public EpochMetrics? Metrics { get; init; }

    /// <summary>Set with <see cref="TrainingPhase.Budgeted"/>.</summary>
    public BudgetPlan? Budget { get; init; }

    /// <summary>Set with <see cref="TrainingPhase.Started"/>.</summary>
    public TrainingPlan? Plan { get; init; }
}
