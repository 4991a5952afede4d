namespace Sonata.Training;

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
