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
    /// <summary>With <see cref="TrainingPhase.PerformerTrained"/>: its loss on stretches of the validation split, when it has any.</summary>
    public double? ValLoss { get; init; }

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

/// <summary>What a time budget allows on this machine, measured before the first epoch.</summary>
/// <param name="TrainingSeconds">Seconds the budget leaves training and its final scoring, from now.</param>
/// <param name="JobSeconds">Seconds the whole job has left, what follows training included.</param>
/// <param name="EpochSeconds">One full epoch, its validation included, at the measured speeds.</param>
/// <param name="ValidationSeconds">Of those, the validation.</param>
/// <param name="FinalScoringSeconds">The final scoring of the best epoch.</param>
public sealed record BudgetPlan(double TrainingSeconds, double JobSeconds, double EpochSeconds, double ValidationSeconds, double FinalScoringSeconds)
{
    /// <summary>Full epochs that fit, at the measured speeds.</summary>
    public int Epochs => EpochSeconds > 0 ? (int)Math.Max(0, (TrainingSeconds - FinalScoringSeconds) / EpochSeconds) : int.MaxValue;
}
