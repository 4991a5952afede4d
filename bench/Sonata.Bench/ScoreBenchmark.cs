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
        using var windows = new TokenWindows(run.Corpus.Ids, run.ContextLength);
        Console.WriteLine($"score: {run.Folder.Path}, epoch {run.Checkpoint.Epoch} ({run.Checkpoint.Why}); {run.Config.Model}; {run.Config.Memory}; batches of {batchSize}");
        foreach (var (name, split) in new[] { ("validation", run.Split.Validation), ("test", run.Split.Test) })
        {
            var clock = Stopwatch.StartNew();
            var score = Evaluator.Score(run.Predictor, windows, split, new EvaluationOptions { BatchSize = batchSize });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {split.Length,6:N0} windows  accuracy {score.Accuracy:P2}  loss {score.Loss:F4}{(score.NetworkAccuracy is { } alone ? $"  networks alone {alone:P2}" : "")}  {clock.Elapsed.TotalSeconds:F1} s"));
        }
        return 0;
    }
}
