using static TorchSharp.torch;

namespace Sonata.Model;

/// <summary>An <see cref="NGramMemory"/> and its share <paramref name="Weight"/> in a model's predictions.</summary>
public sealed record MemoryBlend(NGramMemory Memory, double Weight)
{
    /// <summary>The network's (B, V) log-probabilities after <paramref name="inputs"/> (B, L), blended with the memory's.</summary>
    public Tensor Apply(Tensor logProbabilities, Tensor inputs) => Memory.Blend(logProbabilities, inputs, Weight);
}
