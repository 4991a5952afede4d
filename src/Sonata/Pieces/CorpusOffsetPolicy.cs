namespace Sonata.Pieces;

/// <summary>
/// Steps drawn, with the caller's seeded <see cref="Random"/>, from a step → weight distribution
/// (the corpus's steps between consecutive tokens). Steps of 0 or less are left out, as the lab
/// says: a step of 0.0 would stack two tokens into one chord.
/// </summary>
public sealed record CorpusOffsetPolicy : OffsetPolicy
{
    private readonly double[] _steps;
    private readonly double[] _cumulative;

    public CorpusOffsetPolicy(IReadOnlyDictionary<double, double> stepWeights)
    {
        ArgumentNullException.ThrowIfNull(stepWeights);
        // Sorted by step so the draw does not depend on the dictionary's order.
        var kept = stepWeights
            .Where(p => double.IsFinite(p.Key) && p.Key > 0 && double.IsFinite(p.Value) && p.Value > 0)
            .OrderBy(p => p.Key)
            .ToArray();
        if (kept.Length == 0)
            throw new ArgumentException("The distribution has no positive step with a positive weight.", nameof(stepWeights));

        _steps = [.. kept.Select(p => p.Key)];
        _cumulative = new double[kept.Length];
        double total = 0;
        for (int i = 0; i < kept.Length; i++)
            _cumulative[i] = total += kept[i].Value;
        StepWeights = kept.ToDictionary(p => p.Key, p => p.Value / total);
    }

    /// <summary>The steps that can be drawn and their probabilities (summing to 1).</summary>
    public IReadOnlyDictionary<double, double> StepWeights { get; }

    public override string ToString() => "steps drawn from the corpus's";

    public override double NextStep(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double target = random.NextDouble() * _cumulative[^1];
        int index = Array.BinarySearch(_cumulative, target);
        index = index >= 0 ? index + 1 : ~index;          // first cumulative weight above the target
        return _steps[Math.Min(index, _steps.Length - 1)];
    }
}
