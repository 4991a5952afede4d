using System.Diagnostics;
using System.Globalization;
using ScottPlot;
using Sonata.Data;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Tokens;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Bench;

/// <summary>
/// Validation accuracy against wall time of training, for each recipe in turn on the same
/// machine: each trains the full-size model for --minutes of training time (evaluation pauses the
/// clock), and every --eval-every seconds is scored on a fixed seeded subset of --eval-windows
/// validation windows (the lab's scoring: 100-token windows, last step, eval mode). At the end
/// the final model is scored on the whole validation and test splits. Writes recipe-race.csv
/// (recipe,seconds,val_accuracy), recipe-race-final.csv and recipe-race.png into --out.
/// The lab recipe runs as the lab's; --dropout, --members, --memory-weight, --transpose and
/// --weight-decay apply to streams. A model with a memory is also scored without it: its curve is
/// "RECIPE network" in the CSV and the plot. --sweep-memory-weights 0.3,0.5,0.7 scores the final
/// model on the whole validation split with each memory weight before the chosen one.
///
///   recipe-race [--minutes 15] [--recipes lab,streams] [--eval-every 60] [--eval-windows 2048]
///               [--out bench-out/recipe-race] [--tokens FILE] [--split windows|pieces] [--seed 42]
///               [--dropout P] [--members K] [--memory-weight W] [--sweep-memory-weights W,W] [--transpose] [--weight-decay W] [--lr R] [--lr-decay F] [--threads N] [--streams B] [--chunk-length C] [--passes P]
/// </summary>
internal static class RecipeRace
{
    public static int Run(string[] args)
    {
        double minutes = double.Parse(Arguments.Option(args, "--minutes", "15"), CultureInfo.InvariantCulture);
        double evalEvery = double.Parse(Arguments.Option(args, "--eval-every", "60"), CultureInfo.InvariantCulture);
        int evalWindows = int.Parse(Arguments.Option(args, "--eval-windows", "2048"), CultureInfo.InvariantCulture);
        string output = Arguments.Option(args, "--out", Path.Combine("bench-out", "recipe-race"));
        string tokensFile = Arguments.Option(args, "--tokens", Arguments.DefaultTokens());
        string[] recipes = Arguments.Option(args, "--recipes", "lab,streams").Split(',');
        double[] memoryWeights = [.. Arguments.Option(args, "--sweep-memory-weights", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => double.Parse(w, CultureInfo.InvariantCulture))];
        var lab = new TrainingConfig
        {
            Recipe = "lab",
            TokenSource = tokensFile,
            Data = new DataOptions { Split = Enum.Parse<SplitKind>(Arguments.Option(args, "--split", "windows"), ignoreCase: true) },
            Training = new TrainingOptions { Seed = long.Parse(Arguments.Option(args, "--seed", "42"), CultureInfo.InvariantCulture) },
        };
        var streams = lab with
        {
            Recipe = "streams",
            Data = lab.Data with { Transpose = args.Contains("--transpose") },
            Model = lab.Model with
            {
                Dropout = double.Parse(Arguments.Option(args, "--dropout", "0"), CultureInfo.InvariantCulture),
                Members = int.Parse(Arguments.Option(args, "--members", StreamsOptions.DefaultMembers.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
                MemoryWeight = double.Parse(Arguments.Option(args, "--memory-weight", StreamsOptions.DefaultMemoryWeight.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            },
            Training = lab.Training with
            {
                WeightDecay = double.Parse(Arguments.Option(args, "--weight-decay", "0"), CultureInfo.InvariantCulture),
                LearningRate = double.Parse(Arguments.Option(args, "--lr", "0.001"), CultureInfo.InvariantCulture),
                LearningRateDecay = double.Parse(Arguments.Option(args, "--lr-decay", "1"), CultureInfo.InvariantCulture),
            },
            Streams = new StreamsOptions
            {
                Streams = int.Parse(Arguments.Option(args, "--streams", new StreamsOptions().Streams.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
                ChunkLength = int.Parse(Arguments.Option(args, "--chunk-length", new StreamsOptions().ChunkLength.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
                PassesPerEpoch = int.Parse(Arguments.Option(args, "--passes", new StreamsOptions().PassesPerEpoch.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            },
        };

        var files = TokensJsonFile.Read(tokensFile);
        int threads = int.Parse(Arguments.Option(args, "--threads", TorchRuntime.DefaultThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        TorchRuntime.SetThreads(threads);
        Directory.CreateDirectory(output);
        Console.WriteLine($"recipe-race: {minutes} min of training each, {Environment.ProcessorCount} cores, " +
                          $"{threads} thread(s); scored every {evalEvery} s on {evalWindows} seeded validation windows");
        var curves = new List<(string Recipe, double Seconds, double Accuracy)>();
        var finals = new List<string> { "recipe,seconds,steps,subset_val_accuracy,val_accuracy,val_loss,test_accuracy,test_loss,network_val_accuracy,network_test_accuracy,config" };
        foreach (string name in recipes)
        {
            var config = name == "lab" ? lab : streams with { Recipe = name };
            Console.WriteLine($"== {name}: {config.Model}, {config.Training}, {config.Data}, {config.Streams}");
            var (curve, final) = Race(config, files, minutes * 60, evalEvery, evalWindows, memoryWeights);
            curves.AddRange(curve.Select(point => (name, point.Seconds, point.Score.Accuracy)));
            curves.AddRange(curve.Where(point => point.Score.NetworkAccuracy is not null)
                .Select(point => ($"{name} network", point.Seconds, point.Score.NetworkAccuracy!.Value)));
            finals.Add(string.Create(CultureInfo.InvariantCulture, $"{name},{final}"));
            WriteResults(output, curves, finals);
        }
        return 0;
    }

    private static (List<(double Seconds, SplitScore Score)> Curve, string Final) Race(
        TrainingConfig config, IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> files,
        double seconds, double evalEvery, int evalWindows, double[] memoryWeights)
    {
        var device = torch.CPU;
        var corpus = CorpusData.Build(files, config.Data);
        using var windows = new TokenWindows(corpus.Ids, config.Data.SequenceLength);
        var split = corpus.Split(config.Data, config.Training.Seed);
        long[] subset = Subset(split.Validation, evalWindows, config.Training.Seed);
        using var recipe = Trainer.CreateRecipe(config, corpus, windows, split, device);
        var memory = Trainer.CreateMemory(config, corpus, split);
        torch.manual_seed(config.Training.Seed);
        using var model = MusicModel.Create(corpus.Vocabulary.Count, config.Model);
        using var optimizer = optim.RMSProp(model.parameters(), lr: config.Training.LearningRate, weight_decay: config.Training.WeightDecay);

        var curve = new List<(double Seconds, SplitScore Score)> { (0, Score(model, memory, windows, subset, config)) };
        var clock = new Stopwatch();
        long steps = 0;
        double nextEval = evalEvery;
        for (int epoch = 1; clock.Elapsed.TotalSeconds < seconds; epoch++)
        {
            long epochSeed = unchecked(config.Training.Seed * 1_000_003L + epoch);
            torch.manual_seed(epochSeed);
            recipe.BeginEpoch(epochSeed);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRateSchedule.For(config.Training, epoch);
            model.train();
            double lossSum = 0;
            int batch = 0;
            for (; batch < recipe.BatchesPerEpoch && clock.Elapsed.TotalSeconds < seconds; batch++)
            {
                clock.Start();
                lossSum += TrainingStep.Run(model, optimizer, recipe, batch, config.Training.ClipNorm);
                clock.Stop();
                steps++;
                if (clock.Elapsed.TotalSeconds >= nextEval || clock.Elapsed.TotalSeconds >= seconds)
                {
                    var score = Score(model, memory, windows, subset, config);
                    curve.Add((clock.Elapsed.TotalSeconds, score));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{config.Recipe,-8} {clock.Elapsed.TotalSeconds,7:F0} s  epoch {epoch,3}  step {steps,6}  train loss {lossSum / (batch + 1):F3}  val accuracy (subset) {score.Accuracy:P2}{Network(score)}"));
                    nextEval += evalEvery;
                }
            }
        }
        foreach (double weight in memoryWeights.Where(_ => memory is not null))
        {
            var swept = Evaluator.Evaluate(model, memory! with { Weight = weight }, windows, split.Validation, config.Data.EvalBatchSize, device, null, null, default);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{config.Recipe}: memory weight {weight}: validation {swept.Accuracy:P2} (loss {swept.Loss:F3})"));
        }
        var validation = Evaluator.Evaluate(model, memory, windows, split.Validation, config.Data.EvalBatchSize, device, null, null, default);
        var test = Evaluator.Evaluate(model, memory, windows, split.Test, config.Data.EvalBatchSize, device, null, null, default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{config.Recipe}: final model after {clock.Elapsed.TotalSeconds:F0} s ({steps} steps): validation {validation.Accuracy:P2} (loss {validation.Loss:F3}){Network(validation)}, test {test.Accuracy:P2} (loss {test.Loss:F3}){Network(test)}"));
        string described = $"\"{config.Model}; lr {config.Training.LearningRate} decay {config.Training.LearningRateDecay}; weight decay {config.Training.WeightDecay}; transpose {config.Data.Transpose}; split {config.Data.Split}; {config.Streams}\"";
        return (curve, string.Create(CultureInfo.InvariantCulture,
            $"{clock.Elapsed.TotalSeconds:F1},{steps},{curve[^1].Score.Accuracy:F4},{validation.Accuracy:F4},{validation.Loss:F4},{test.Accuracy:F4},{test.Loss:F4},{validation.NetworkAccuracy:F4},{test.NetworkAccuracy:F4},{described}"));
    }

    private static SplitScore Score(MusicModel model, MemoryBlend? memory, TokenWindows windows, long[] subset, TrainingConfig config) =>
        Evaluator.Evaluate(model, memory, windows, subset, config.Data.EvalBatchSize, torch.CPU, null, null, default);

    private static string Network(SplitScore score) =>
        score.NetworkAccuracy is { } alone ? string.Create(CultureInfo.InvariantCulture, $" [network alone {alone:P2}]") : "";

    /// <summary>A fixed seeded choice of <paramref name="count"/> of the validation windows.</summary>
    private static long[] Subset(long[] validation, int count, long seed)
    {
        if (validation.Length <= count) return validation;
        long[] shuffled = (long[])validation.Clone();
        new Random(unchecked((int)seed)).Shuffle(shuffled);
        return shuffled[..count];
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
        plot.Title("Validation accuracy against training time (2-core CPU)");
        plot.XLabel("minutes of training");
        plot.YLabel("validation accuracy, % (seeded subset)");
        plot.SavePng(Path.Combine(output, "recipe-race.png"), 900, 550);
    }
}
