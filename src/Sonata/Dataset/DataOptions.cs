namespace Sonata.Dataset;

/// <summary>How the token stream becomes windows, splits and batches (the lab's Problem 2).</summary>
public sealed record DataOptions
{
    /// <summary>Tokens of context per window; the label is the token after them. Lab: 100.</summary>
    public int SequenceLength { get; init; } = 100;

    /// <summary>Share of windows for training: floor(0.7 n). Lab: 70%.</summary>
    public double TrainFraction { get; init; } = 0.70;

    /// <summary>Share of windows for validation: floor(0.15 n); the test split gets the rest.</summary>
    public double ValidationFraction { get; init; } = 0.15;

    /// <summary>Training batch size (shuffled each epoch, last partial batch dropped). Lab: 128.</summary>
    public int TrainBatchSize { get; init; } = 128;

    /// <summary>Validation and test batch size (in order, last partial batch kept). Lab: 32.</summary>
    public int EvalBatchSize { get; init; } = 32;

    /// <summary>How windows are split: the lab's random windows, or whole pieces held out.</summary>
    public SplitKind Split { get; init; } = SplitKind.Windows;

    /// <summary>With <see cref="SplitKind.Pieces"/>: files (seeded choice) whose windows validate.</summary>
    public int ValidationPieces { get; init; } = 2;

    /// <summary>With <see cref="SplitKind.Pieces"/>: files (seeded choice) whose windows test.</summary>
    public int TestPieces { get; init; } = 2;

    /// <summary>
    /// Grow the vocabulary by every token transposed by -5..+6 semitones (see
    /// <see cref="Transpositions"/>), so that a recipe may transpose its training inputs.
    /// Evaluation windows are never transposed.
    /// </summary>
    public bool Transpose { get; init; }
}
