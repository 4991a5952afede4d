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
        var (validationPieces, testPieces) = HeldOutPieces(fileLengths.Count, options);
        int heldOut = validationPieces + testPieces;
        long[] order = Permutation(fileLengths.Count, seed);
        var owner = new int[fileLengths.Count];   // 0 train, 1 validation, 2 test
        for (int i = 0; i < order.Length; i++)
            owner[order[i]] = i < validationPieces ? 1 : i < heldOut ? 2 : 0;

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

    /// <summary>
    /// How many of <paramref name="files"/> files validate and test under a split by pieces: those
    /// <paramref name="options"/> ask for, or fewer (one each at least) so that a file is left to train on.
    /// </summary>
    /// <exception cref="UserErrorException">Fewer than 3 files: one each to train, validate and test.</exception>
    public static (int Validation, int Test) HeldOutPieces(int files, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (files < 3)
            throw new UserErrorException(
                $"a split by pieces needs at least 3 files (one each to train, validate and test); the corpus has {files}: use --split windows");
        int validation = Math.Min(options.ValidationPieces, (files - 1) / 2);
        return (validation, Math.Min(options.TestPieces, files - 1 - validation));
    }

    private static long[] Permutation(long count, long seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        using var permutation = torch.randperm(count, generator: generator);   // (n,) int64
        return permutation.data<long>().ToArray();
    }
}
