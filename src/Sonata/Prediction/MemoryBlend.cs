using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Prediction;

/// <summary>
/// An <see cref="NGramMemory"/> and its share <paramref name="Weight"/> in a predictor's predictions.
/// With <paramref name="HalfContext"/> above 0 the share follows what the memory knows of the
/// context: Weight · k / (k + HalfContext), where k is the longest end of the context it saw in
/// training. Music it has heard (the lab's split, where sonatas repeat whole sections) gets the
/// memory's full say; a context it never saw, as in a sonata it never read, leaves the networks alone.
/// </summary>
public sealed record MemoryBlend(NGramMemory Memory, double Weight, double HalfContext = 0)
{
    /// <summary>The memory's share after <paramref name="context"/>.</summary>
    public double ShareAfter(ReadOnlySpan<long> context)
    {
        if (HalfContext <= 0) return Weight;
        int known = Memory.LongestSeenContext(context);
        return Weight * known / (known + HalfContext);
    }

    /// <summary>
    /// log((1 − share) · p_network + share · p_memory) for the network's
    /// <paramref name="logProbabilities"/> (B, V) after <paramref name="inputs"/> (B, L), the share
    /// <see cref="ShareAfter"/> each row's context.
    /// </summary>
    public Tensor Apply(Tensor logProbabilities, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(inputs);
        if (Weight is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "a blend weight lies in [0, 1]");
        using var scope = torch.NewDisposeScope();
        var memory = Memory.Predict(inputs).to(logProbabilities.device);                        // (B, V)
        long[] ids = inputs.cpu().data<long>().ToArray();
        int rows = (int)inputs.shape[0], length = (int)inputs.shape[1];
        var shares = new float[rows];
        for (int b = 0; b < rows; b++) shares[b] = (float)ShareAfter(ids.AsSpan(b * length, length));
        var share = torch.tensor(shares, device: logProbabilities.device).unsqueeze(1);          // (B, 1)
        var blended = logProbabilities.exp().mul(1 - share).add_(memory.mul_(share)).log_();     // (B, V)
        return blended.MoveToOuterDisposeScope();
    }
}
