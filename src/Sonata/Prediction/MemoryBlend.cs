using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>An <see cref="NGramMemory"/> and its share <paramref name="Weight"/> in a predictor's predictions.</summary>
public sealed record MemoryBlend(NGramMemory Memory, double Weight)
{
    /// <summary>
    /// log((1 − <see cref="Weight"/>) · p_network + <see cref="Weight"/> · p_memory) for the
    /// network's <paramref name="logProbabilities"/> (B, V) after <paramref name="inputs"/> (B, L).
    /// </summary>
    public Tensor Apply(Tensor logProbabilities, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        if (Weight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "a blend weight lies in [0, 1]");
        using var scope = torch.NewDisposeScope();
        var memory = Memory.Predict(inputs).to(logProbabilities.device);                       // (B, V)
        var blended = logProbabilities.exp().mul(1 - Weight).add_(memory.mul_(Weight)).log_();  // (B, V)
        return blended.MoveToOuterDisposeScope();
    }
}
