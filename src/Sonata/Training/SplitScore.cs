namespace Sonata.Training;

/// <summary>
/// Mean loss and accuracy of a model's predictions on a split, and, when they blend in an n-gram
/// memory, the accuracy of the network alone.
/// </summary>
public sealed record SplitScore(double Loss, double Accuracy, double? NetworkAccuracy)
{
    /// <summary>For rhythm-aware networks: the share of windows whose most likely next step is the label's.</summary>
    public double? StepAccuracy { get; init; }

    /// <summary>Windows scored.</summary>
    public long Windows { get; init; }
}
