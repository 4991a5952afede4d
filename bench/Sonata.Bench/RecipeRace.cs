using System.Globalization;
using ScottPlot;
using Sonata.Dataset;
using Sonata.Prediction;
using Sonata.Runs;
using Sonata.Runtime;
using Sonata.Tokenization;
using Sonata.Training;

namespace Sonata.Bench;

/// <summary>
/// Validation accuracy against wall time, for each recipe in turn on the same machine, through the
/// trainer's own epoch loop: each trains the full-size model into a run folder under --out for a
/// budget of --minutes (training and the per-epoch validation, on a fixed seeded subset of
/// --eval-windows validation windows), then the best epoch is scored on the whole validation and
/// test splits, as <c>sonata train --minutes</c> does. The curve has a point per epoch: the streams
/// recipe's epochs are --passes passes (default 1, about a minute here), the lab's are cut to
/// --lab-batches batches (default 85, about a minute; each epoch reshuffles). A model with a memory
/// is also scored without it ("RECIPE network"). --sweep-memory-weights 0.3,0.7 scores the tested
/// checkpoint on the whole validation split with each weight. Writes recipe-race.csv
/// (recipe,seconds,val_accuracy), recipe-race-final.csv and recipe-race.png into --out.
///
///   recipe-race [--minutes 15] [--recipes lab,streams] [--eval-windows 2048] [--out bench-out/recipe-race]
///               [--tokens FILE] [--split windows|pieces] [--seed 42] [--threads N] [--lab-batches 85]
///               [--dropout P] [--members K] [--memory-weight W] [--sweep-memory-weights W,W] [--transpose]
///               [--weight-decay W] [--lr R] [--lr-decay F] [--streams B] [--chunk-length C] [--passes P]
/// </summary>
internal static class RecipeRace
{
    public static int Run(string[] args)
    {
        double minutes = Number(args, "--minutes", "15");
        int evalWindows = (int)Number(args, "--eval-windows", "2048");
        string output = Arguments.Option(args, "--out", Path.Combine("bench-out", "recipe-race"));
        string tokensFile = Arguments.Option(args, "--tokens", Arguments.DefaultTokens());
        string[] recipes = Arguments.Option(args, "--recipes", "lab,streams").Split(',');
        double[] memoryWeights = [.. Arguments.Option(args, "--sweep-memory-weights", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => double.Parse(w, CultureInfo.InvariantCulture))];
        int threads = (int)Number(args, "--threads", TorchRuntime.DefaultThreads.ToString(CultureInfo.InvariantCulture));
        var corpus = new TrainingCorpus(TokensJsonFile.Read(tokensFile));
        Directory.CreateDirectory(output);
        Console.WriteLine($"recipe-race: {minutes} min each (training and subset validation), {Environment.ProcessorCount} cores, " +
                          $"{threads} thread(s); each epoch scored on {evalWindows} seeded validation windows");
        var curves = new List<(string Recipe, double Seconds, double Accuracy)>();
        var finals = new List<string> { "recipe,seconds,epochs,best_epoch,subset_val_accuracy,val_accuracy,val_loss,test_accuracy,test_loss,network_val_accuracy,network_test_accuracy,config" };
        foreach (string name in recipes)
        {
            var config = Config(Enum.Parse<Recipe>(name, ignoreCase: true), args, tokensFile, minutes, evalWindows, threads);
            Console.WriteLine($"== {name}: {config.Model}, {config.Memory}, {config.Training}, {config.Data}, {config.Streams}");
            var folder = new RunFolder(Path.Combine(output, "runs", name));
            if (Directory.Exists(folder.Path)) Directory.Delete(folder.Path, recursive: true);
            var lines = new EpochLines(name);
            var summary = new Trainer(config).Run(corpus, folder, resume: false, lines, CancellationToken.None);
            double elapsed = 0;
            foreach (var epoch in lines.Epochs)
            {
                elapsed += epoch.Seconds;
                curves.Add((name, elapsed, epoch.ValAccuracy));
                if (epoch.NetworkValAccuracy is { } alone) curves.Add(($"{name} network", elapsed, alone));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: best epoch {summary.BestEpoch} of {summary.Epochs} ({summary.StopReason}): validation {summary.ValAccuracy:P2} (loss {summary.ValLoss:F3}){Alone(summary.NetworkValAccuracy)}, test {summary.TestAccuracy:P2} (loss {summary.TestLoss:F3}){Alone(summary.NetworkTestAccuracy)}"));
            Sweep(folder, memoryWeights, config);
            string described = $"\"{config.Model}; {config.Memory}; lr {config.Training.LearningRate} decay {config.Training.LearningRateDecay}; weight decay {config.Training.WeightDecay}; transpose {config.Data.Transpose}; split {config.Data.Split}; {config.Streams}\"";
            finals.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name},{elapsed:F1},{summary.Epochs},{summary.BestEpoch},{summary.BestValAccuracy:F4},{summary.ValAccuracy:F4},{summary.ValLoss:F4},{summary.TestAccuracy:F4},{summary.TestLoss:F4},{summary.NetworkValAccuracy:F4},{summary.NetworkTestAccuracy:F4},{described}"));
            WriteResults(output, curves, finals);
        }
        return 0;
    }

    /// <summary>The recipe's defaults with the options given; epochs as many as the budget allows.</summary>
    private static TrainingConfig Config(Recipe recipe, string[] args, string tokensFile, double minutes, int evalWindows, int threads)
    {
        var defaults = TrainingConfig.For(recipe);
        var config = defaults with
        {
            TokenSource = tokensFile,
            Data = defaults.Data with { Split = Enum.Parse<SplitKind>(Arguments.Option(args, "--split", "windows"), ignoreCase: true) },
            Training = defaults.Training with
            {
                Seed = (long)Number(args, "--seed", "42"),
                Epochs = 100_000,
                Minutes = minutes,
                ValidationWindows = evalWindows,
                Threads = threads,
                Device = DeviceChoice.Cpu,
                MaxBatchesPerEpoch = recipe == Recipe.Lab ? (int)Number(args, "--lab-batches", "85") : null,
            },
        };
        if (recipe == Recipe.Lab) return config;   // the lab's recipe runs as the lab's
        return config with
        {
            Data = config.Data with { Transpose = args.Contains("--transpose") },
            Model = config.Model with
            {
                Dropout = Number(args, "--dropout", "0"),
                Members = (int)Number(args, "--members", config.Model.Members.ToString(CultureInfo.InvariantCulture)),
            },
            Memory = config.Memory with { Weight = Number(args, "--memory-weight", config.Memory.Weight.ToString(CultureInfo.InvariantCulture)) },
            Training = config.Training with
            {
                WeightDecay = Number(args, "--weight-decay", "0"),
                LearningRate = Number(args, "--lr", "0.001"),
                LearningRateDecay = Number(args, "--lr-decay", "1"),
            },
            Streams = new StreamsOptions
            {
                Streams = (int)Number(args, "--streams", new StreamsOptions().Streams.ToString(CultureInfo.InvariantCulture)),
                ChunkLength = (int)Number(args, "--chunk-length", new StreamsOptions().ChunkLength.ToString(CultureInfo.InvariantCulture)),
                PassesPerEpoch = (int)Number(args, "--passes", "1"),
            },
        };
    }

    /// <summary>The tested checkpoint on the whole validation split with each memory weight.</summary>
    private static void Sweep(RunFolder folder, double[] weights, TrainingConfig config)
    {
        if (weights.Length == 0 || config.Memory.Weight <= 0) return;
        using var run = TrainedRun.Open(folder.Path, new RunOpening { Device = DeviceChoice.Cpu, Threads = config.Training.Threads });
        using var windows = new TokenWindows(run.Corpus.Ids, run.ContextLength);
        foreach (double weight in weights)
        {
            var score = Evaluator.Score(run.Predictor.WithMemoryWeight(weight), windows, run.Split.Validation, new EvaluationOptions { BatchSize = config.Data.EvalBatchSize });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{config.Recipe}: memory weight {weight}: validation {score.Accuracy:P2} (loss {score.Loss:F3})"));
        }
    }

    private static double Number(string[] args, string name, string fallback) =>
        double.Parse(Arguments.Option(args, name, fallback), CultureInfo.InvariantCulture);

    private static string Alone(double? accuracy) =>
        accuracy is { } alone ? string.Create(CultureInfo.InvariantCulture, $" [network alone {alone:P2}]") : "";

    /// <summary>A line per finished epoch, and the epochs' metrics.</summary>
    private sealed class EpochLines(string recipe) : IProgress<TrainingProgress>
    {
        private double _seconds;

        public List<EpochMetrics> Epochs { get; } = [];

        public void Report(TrainingProgress report)
        {
            if (report.Phase != TrainingPhase.EpochFinished || report.Metrics is not { } m) return;
            Epochs.Add(m);
            _seconds += m.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{recipe,-8} {_seconds,7:F0} s  epoch {m.Epoch,3}  {m.Batches,4} batches  train loss {m.TrainLoss:F3}  val accuracy (subset) {m.ValAccuracy:P2}{Alone(m.NetworkValAccuracy)}"));
        }
    }

    private static void WriteResults(string output, List<(string Recipe, double Seconds, double Accuracy)> curves, List<string> finals)
    {
        File.WriteAllLines(Path.Combine(output, "recipe-race.csv"),
            curves.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Recipe},{p.Seconds:F1},{p.Accuracy:F4}")).Prepend("recipe,seconds,val_accuracy"));
        File.WriteAllLines(Path.Combine(output, "recipe-race-final.csv"), finals);
        var plot = new Plot();
        foreach (var group in curves.GroupBy(p => p.Recipe))
        {
            var line = plot.Add.Scatter(group.Select(p => p.Seconds / 60).ToArray(), group.Select(p => p.Accuracy * 100).ToArray());
            line.LegendText = group.Key;
        }
        var goal = plot.Add.HorizontalLine(46);
        goal.LinePattern = LinePattern.Dashed;
        goal.LegendText = "46%";
        plot.ShowLegend();
        plot.Title("Validation accuracy against time (2-core CPU)");
        plot.XLabel("minutes (training and subset validation)");
        plot.YLabel("validation accuracy, % (seeded subset)");
        plot.SavePng(Path.Combine(output, "recipe-race.png"), 900, 550);
    }
}
