using System.Diagnostics;
using System.Globalization;
using Sonata.Dataset;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Training;

namespace Sonata.Bench;

/// <summary>
/// A trained run's checkpoint (by default its best by validation) scored on its whole validation
/// and test splits, the lab's way, and how long that took: what a run's accuracy is, measured
/// again with today's evaluator.
///
///   score --run DIR [--epoch N] [--memory-weight W] [--batch-size 32] [--threads N]
///   score --run DIR --speed [--windows 2048] [--batch-sizes 32,128,512] [--rounds 2]
///
/// With --speed it times the scoring of a seeded subset of validation windows at each batch size,
/// the sizes taking turns round after round (the machine's noise spread over all of them).
/// </summary>
internal static class ScoreBenchmark
{
    public static int Run(string[] args)
    {
        string folder = Arguments.Option(args, "--run", "");
        string? epoch = Arguments.Option(args, "--epoch", "");
        string? weight = Arguments.Option(args, "--memory-weight", "");
        int batchSize = int.Parse(Arguments.Option(args, "--batch-size", "32"), CultureInfo.InvariantCulture);
        using var run = TrainedRun.Open(folder, new RunOpening
        {
            Epoch = epoch.Length == 0 ? null : int.Parse(epoch, CultureInfo.InvariantCulture),
            MemoryWeight = weight.Length == 0 ? null : double.Parse(weight, CultureInfo.InvariantCulture),
            Device = DeviceChoice.Cpu,
            Threads = int.Parse(Arguments.Option(args, "--threads", TorchRuntime.DefaultThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        });
        using var windows = new TokenWindows(run.Corpus.Ids, run.ContextLength, run.Corpus.Timing);
        if (args.Contains("--speed")) return Speed(args, run, windows);
        Console.WriteLine($"score: {run.Folder.Path}, epoch {run.Checkpoint.Epoch} ({run.Checkpoint.Why}); {run.Config.Model}; {run.Config.Memory}; batches of {batchSize}");
        foreach (var (name, split) in new[] { ("validation", run.Split.Validation), ("test", run.Split.Test) })
        {
            var clock = Stopwatch.StartNew();
            var score = Evaluator.Score(run.Predictor, windows, split, new EvaluationOptions { BatchSize = batchSize });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {split.Length,6:N0} windows  accuracy {score.Accuracy:P2}  loss {score.Loss:F4}{(score.NetworkAccuracy is { } alone ? $"  networks alone {alone:P2}" : "")}{(score.StepAccuracy is { } steps ? $"  steps {steps:P2}" : "")}  {clock.Elapsed.TotalSeconds:F1} s"));
        }
        return 0;
    }

    private static int Speed(string[] args, TrainedRun run, TokenWindows windows)
    {
        int count = int.Parse(Arguments.Option(args, "--windows", "2048"), CultureInfo.InvariantCulture);
        int rounds = int.Parse(Arguments.Option(args, "--rounds", "2"), CultureInfo.InvariantCulture);
        int[] sizes = [.. Arguments.Option(args, "--batch-sizes", "32,128,512").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture))];
        long[] subset = WindowSubset.Of(run.Split.Validation, count, seed: 42);
        var seconds = sizes.ToDictionary(size => size, _ => new List<double>());
        for (int round = 0; round < rounds; round++)
        {
            foreach (int size in sizes)
            {
                var clock = Stopwatch.StartNew();
                var score = Evaluator.Score(run.Predictor, windows, subset, new EvaluationOptions { BatchSize = size });
                seconds[size].Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}  batch {size,4}  {clock.Elapsed.TotalSeconds,6:F1} s  accuracy {score.Accuracy:P2}"));
            }
        }
        foreach (int size in sizes)
        {
            double best = seconds[size].Min();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"batch {size,4}: best {best:F1} s for {subset.Length} windows ({subset.Length / best:F0} windows/s; whole validation and test splits ≈ {(run.Split.Validation.Length + run.Split.Test.Length) * best / subset.Length:F0} s)"));
        }
        return 0;
    }
}
