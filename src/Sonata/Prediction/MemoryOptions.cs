using System.Globalization;

namespace Sonata.Prediction;

/// <summary>
/// The <see cref="NGramMemory"/> a run blends into its networks' predictions. It holds no
/// weights: wherever a run is opened it is counted again from the training split.
/// </summary>
public sealed record MemoryOptions
{
    /// <summary>
    /// Share of the memory in every prediction (validation, test, generation):
    /// p = (1 − w) · p_networks + w · p_memory. 0: the networks alone (the lab's way).
    /// </summary>
    public double Weight { get; init; }

    /// <summary>The longest context, in tokens, the memory counts.</summary>
    public int Order { get; init; } = 12;

    /// <summary>"memory 0.5 of order 12", or "no memory": how messages name it.</summary>
    public override string ToString() =>
        Weight > 0 ? string.Create(CultureInfo.InvariantCulture, $"memory {Weight} of order {Order}") : "no memory";
}
