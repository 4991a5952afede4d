using System.Diagnostics;
using System.Globalization;
using Sonata.Dataset;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Training;

namespace Sonata.Bench;

/// <summary>
/// Trains a run's performer again (replacing its performer.bin) and prints its training and
/// validation loss and time: what a choice of the performer's options is worth, on a run whose
/// networks stay as they are. Then `music --run DIR` measures the pieces it plays.
///
///   performer --run DIR [--steps 2000] [--hidden 128] [--seed 42] [--keep]
///
/// With --keep the performer is only scored, not trained again.
/// </summary>
internal static class PerformerBenchmark
{
    public static int Run(string[] args)
    {
        string folder = Arguments.Option(args, "--run", "");
        int Int(string name, string fallback) => int.Parse(Arguments.Option(args, name, fallback), CultureInfo.InvariantCulture);
        using var run = TrainedRun.Open(folder, new RunOpening { Device = DeviceChoice.Cpu });
        var options = run.Config.Performer with { Steps = Int("--steps", "2000"), HiddenSize = Int("--hidden", run.Config.Performer.HiddenSize.ToString(CultureInfo.InvariantCulture)) };
        long seed = Int("--seed", run.Config.Training.Seed.ToString(CultureInfo.InvariantCulture));
        var corpus = PerformanceFeatures.OfCorpus(run.Corpus) ?? throw new InvalidOperationException($"{folder}: its corpus keeps no performance");
        Console.WriteLine($"performer: {run.Folder.Path}; {options}; {Environment.ProcessorCount} cores");
        if (args.Contains("--keep"))
        {
            var kept = run.Performer ?? throw new InvalidOperationException($"{folder} has no performer");
            Console.WriteLine($"validation loss {PerformerTraining.Loss(kept, corpus, run.Split.Validation, options, seed):F4}");
            return 0;
        }
        var clock = Stopwatch.StartNew();
        var result = PerformerTraining.Train(corpus, run.Split.Train, options, seed, () => false)
            ?? throw new InvalidOperationException("no stretch to train on");
        using var performer = result.Performer;
        double seconds = clock.Elapsed.TotalSeconds;
        double? validation = PerformerTraining.Loss(performer, corpus, run.Split.Validation, options, seed);
        run.Folder.WritePerformer(performer);
        Console.WriteLine($"{result.Steps} steps in {seconds:F1} s ({1000 * seconds / result.Steps:F1} ms a step): training loss {result.Loss:F4}, validation {validation:F4}; written to {run.Folder.PerformerFile}");
        return 0;
    }
}
