using TorchSharp;

namespace Sonata.Dataset;

/// <summary>Cuts a split's window indices into batches.</summary>
public static class WindowBatches
{
    /// <summary>
    /// Training batches: the windows in a fresh order for each <paramref name="shuffleSeed"/>
    /// (<c>torch.randperm</c>), cut into full batches; the last partial batch is dropped.
    /// </summary>
    public static IReadOnlyList<long[]> Shuffled(long[] windows, int batchSize, long shuffleSeed)
    {
        using var generator = new torch.Generator((ulong)shuffleSeed);
        using var permutation = torch.randperm(windows.Length, generator: generator);   // (n,) int64
        long[] order = permutation.data<long>().ToArray();
        var batches = new List<long[]>(windows.Length / batchSize);
        for (int start = 0; start + batchSize <= order.Length; start += batchSize)
        {
            var batch = new long[batchSize];
            for (int i = 0; i < batchSize; i++) batch[i] = windows[order[start + i]];
            batches.Add(batch);
        }
        return batches;
    }

    /// <summary>Evaluation batches: the windows in split order; the last partial batch is kept.</summary>
    public static IReadOnlyList<long[]> InOrder(long[] windows, int batchSize) =>
        windows.Chunk(batchSize).ToList();

    public static int TrainBatchCount(int windowCount, int batchSize) => windowCount / batchSize;

    public static int EvalBatchCount(int windowCount, int batchSize) => (windowCount + batchSize - 1) / batchSize;
}
