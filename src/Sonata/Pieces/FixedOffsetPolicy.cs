namespace Sonata.Pieces;

/// <summary>Every token sounds <see cref="Step"/> quarter notes after the one before.</summary>
public sealed record FixedOffsetPolicy : OffsetPolicy
{
    public FixedOffsetPolicy(double step)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be a positive number of quarter notes.");
        Step = step;
    }

    /// <summary>The step in quarter notes.</summary>
    public double Step { get; }

    public override double NextStep(Random random) => Step;

    public override string ToString() => FormattableString.Invariant($"a fixed step of {Step} quarter notes");
}
