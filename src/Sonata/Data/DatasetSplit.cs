using TorchSharp;

namespace Sonata.Data;

/// <summary>Which windows (by start index) train, validate and test.</summary>
public sealed record DatasetSplit(long[] Train, long[] Validation, long[] Test)
{
    /// <summary>
    /// The lab's split: a seeded random permutation of the <paramref name="windowCount"/> windows,
    /// cut into floor(0.7 n) training windows, floor(0.15 n) validation windows and the rest for
    /// test. The permutation is libtorch's <c>randperm(n)</c> drawn from a CPU generator seeded with
    /// <paramref name="seed"/>, the call PyTorch users would write to rebuild it.
    /// </summary>
    public static DatasetSplit RandomWindows(long windowCount, DataOptions options, long seed)
    {
        long trainCount = (long)Math.Floor(options.TrainFraction * windowCount);
        long validationCount = (long)Math.Floor(options.ValidationFraction * windowCount);
        using var generator = new torch.Generator((ulong)seed);
        using var permutation = torch.randperm(windowCount, generator: generator);   // (n,) int64
        long[] order = permutation.data<long>().ToArray();
        return new DatasetSplit(
            order[..(int)trainCount],
            order[(int)trainCount..(int)(trainCount + validationCount)],
            order[(int)(trainCount + validationCount)..]);
    }
}
