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

    /// <summary>
    /// Above 0, the memory's share follows how much of the context it saw in training:
    /// Weight · k / (k + HalfContext) for the longest end of k tokens it saw (<see cref="MemoryBlend"/>);
    /// 0: always <see cref="Weight"/>.
    /// </summary>
    public double HalfContext { get; init; }

    /// <summary>The largest share of the <see cref="ContextCache"/> (what the context itself repeats) in each prediction; 0: none (the lab's way).</summary>
    public double CacheWeight { get; init; }

    /// <summary>The match length at which the cache takes half of <see cref="CacheWeight"/>.</summary>
    public double CacheHalfMatch { get; init; } = 2;

    /// <summary>The cache these options describe, or null.</summary>
    public ContextCache? Cache => CacheWeight > 0 ? new ContextCache(CacheWeight, CacheHalfMatch) : null;

    /// <summary>"memory 0.5 of order 12", or "no memory", and the cache if any: how messages name it.</summary>
    public override string ToString() =>
        (Weight > 0 ? string.Create(CultureInfo.InvariantCulture, $"memory {Weight} of order {Order}") : "no memory")
        + (Weight > 0 && HalfContext > 0 ? string.Create(CultureInfo.InvariantCulture, $" as it knows the context (half at {HalfContext} token{(HalfContext == 1 ? "" : "s")})") : "")
        + (CacheWeight > 0 ? string.Create(CultureInfo.InvariantCulture, $", context cache {CacheWeight} (half at a match of {CacheHalfMatch})") : "");
}
