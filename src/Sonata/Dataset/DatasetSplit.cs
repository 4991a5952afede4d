using TorchSharp;

namespace Sonata.Dataset;

/// <summary>Which windows (by start index) train, validate and test.</summary>
public sealed record DatasetSplit(long[] Train, long[] Validation, long[] Test)
{
    /// <summary>The split <paramref name="options"/> asks for, over files of <paramref name="fileLengths"/> tokens concatenated.</summary>
    public static DatasetSplit Make(IReadOnlyList<int> fileLengths, DataOptions options, long seed)
    {
        ArgumentNullException.ThrowIfNull(fileLengths);
        ArgumentNullException.ThrowIfNull(options);
        long windowCount = fileLengths.Sum(n => (long)n) - options.SequenceLength;
        return options.Split switch
        {
            SplitKind.Windows => RandomWindows(windowCount, options, seed),
            SplitKind.Pieces => Pieces(fileLengths, options, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Split, "unknown split"),
        };
    }

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
        long[] order = Permutation(windowCount, seed);
        return new DatasetSplit(
            order[..(int)trainCount],
            order[(int)trainCount..(int)(trainCount + validationCount)],
            order[(int)(trainCount + validationCount)..]);
    }

    /// <summary>
    /// Whole files held out: a seeded permutation of the files gives <see cref="DataOptions.ValidationPieces"/>
    /// validation files, then <see cref="DataOptions.TestPieces"/> test files; the rest train. A window
    /// (its L tokens and its label) belongs to a split when all of it lies in that split's files;
    /// windows straddling two splits are used by none, so no held-out token is ever a training
    /// input or label.
    /// </summary>
    public static DatasetSplit Pieces(IReadOnlyList<int> fileLengths, DataOptions options, long seed)
    {
        int heldOut = options.ValidationPieces + options.TestPieces;
        if (fileLengths.Count <= heldOut)
            throw new ArgumentException($"a split by pieces holding out {heldOut} files needs more than the corpus's {fileLengths.Count}");
        long[] order = Permutation(fileLengths.Count, seed);
        var owner = new int[fileLengths.Count];   // 0 train, 1 validation, 2 test
        for (int i = 0; i < order.Length; i++)
            owner[order[i]] = i < options.ValidationPieces ? 1 : i < heldOut ? 2 : 0;

        // changes[p]: how many times the owning split changed between token 0 and token p.
        long tokens = fileLengths.Sum(n => (long)n);
        var changes = new int[tokens];
        var ownerAt = new int[tokens];
        long position = 0;
        for (int file = 0; file < fileLengths.Count; file++)
        {
            for (int t = 0; t < fileLengths[file]; t++, position++)
            {
                ownerAt[position] = owner[file];
                changes[position] = position == 0 ? 0 : changes[position - 1] + (owner[file] != ownerAt[position - 1] ? 1 : 0);
            }
        }
        var splits = new[] { new List<long>(), new List<long>(), new List<long>() };
        int length = options.SequenceLength;
        for (long start = 0; start + length < tokens; start++)
        {
            if (changes[start] == changes[start + length]) splits[ownerAt[start]].Add(start);
        }
        return new DatasetSplit([.. splits[0]], [.. splits[1]], [.. splits[2]]);
    }

    private static long[] Permutation(long count, long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        using var permutation = torch.randperm(count, generator: generator);   // (n,) int64
        return permutation.data<long>().ToArray();
    }
}
