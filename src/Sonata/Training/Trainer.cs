using System.Diagnostics;
using Sonata.Data;
using Sonata.Model;
using Sonata.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// Trains <see cref="MusicModel"/> on a corpus's tokens into a <see cref="RunFolder"/>: the lab's
/// Problem 3. One epoch: train on every batch of the recipe (zero grad → forward → loss →
/// backward → clip → step), score the validation split, write a checkpoint, metrics.csv and the
/// plots. At the end, the checkpoint with the best validation accuracy is scored on the test split.
/// </summary>
public sealed class Trainer(TrainingConfig config)
{
    public TrainingConfig Config { get; } = config;

    /// <summary>
    /// Runs (or, with <paramref name="resume"/>, continues from the newest checkpoint in
    /// <paramref name="folder"/>) until the epochs are done, the target accuracy is reached, or
    /// <paramref name="cancellationToken"/> fires; an interrupted epoch is dropped, never half-saved.
    /// The folder keeps the tokens (and, when given, the corpus's <paramref name="steps"/> between
    /// onsets), so that generation can rebuild the test split and draw the corpus's rhythm.
    /// </summary>
    public TrainingSummary Run(
        IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> files, RunFolder folder, bool resume,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        IReadOnlyDictionary<double, double>? steps = null)
    {
        var options = Config.Training;
        int threads = options.Threads ?? TorchRuntime.DefaultThreads;
        TorchRuntime.SetThreads(threads);
        var device = TorchRuntime.ResolveDevice(options.Device);

        // ---- Data: vocabulary, windows, the seeded split
        var corpus = CorpusData.Build(files, Config.Data);
        var vocabulary = corpus.Vocabulary;
        using var data = new TokenWindows(corpus.Ids, Config.Data.SequenceLength);
        var split = corpus.Split(Config.Data, options.Seed);
        using var recipe = CreateRecipe(Config, corpus, data, split, device);
        var memory = CreateMemory(Config, corpus, split);
        int valBatches = WindowBatches.EvalBatchCount(split.Validation.Length, Config.Data.EvalBatchSize);
        int testBatches = WindowBatches.EvalBatchCount(split.Test.Length, Config.Data.EvalBatchSize);

        // ---- Model and optimizer (initial weights drawn from the seed)
        torch.manual_seed(options.Seed);
        using var model = MusicModel.Create(vocabulary.Count, Config.Model);
        model.to(device);
        using var optimizer = optim.RMSProp(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);

        // ---- Run folder: start, or resume from the newest complete checkpoint
        var history = new List<EpochMetrics>();
        string? resumedFrom = resume ? folder.NewestCheckpoint() : null;
        if (resumedFrom is not null)
        {
            var header = Checkpoint.ReadHeader(resumedFrom);
            Checkpoint.EnsureCompatible(header, resumedFrom, vocabulary, Config);
            Checkpoint.Load(resumedFrom, model, optimizer);
            history.AddRange(header.History);
        }
        else if (folder.Checkpoints().Count > 0)
        {
            throw new InvalidOperationException($"{folder.Path} already holds a run: resume it, or train into another folder");
        }
        folder.WriteConfig(Config);
        folder.WriteVocabulary(vocabulary);
        folder.WriteCorpus(files, steps);
        int firstEpoch = history.Count == 0 ? 1 : history[^1].Epoch + 1;
        progress?.Report(new TrainingProgress(TrainingPhase.Started)
        {
            Epochs = options.Epochs,
            Plan = new TrainingPlan(
                data.Count + data.SequenceLength, vocabulary.Count, data.Count, split.Train.Length, split.Validation.Length,
                split.Test.Length, recipe.BatchesPerEpoch, valBatches, testBatches, firstEpoch, options.Epochs,
                device.ToString(), threads, resumedFrom, recipe.Name),
        });

        // ---- Epochs
        var stopReason = StopReason.Epochs;
        try
        {
            for (int epoch = firstEpoch; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                double trainLoss = TrainEpoch(model, optimizer, recipe, epoch, progress, cancellationToken);
                var validation = Evaluator.Evaluate(
                    model, memory, data, split.Validation, Config.Data.EvalBatchSize, device, options.MaxEvalBatches,
                    (batch, batches) => progress?.Report(new TrainingProgress(TrainingPhase.Validating)
                        { Epoch = epoch, Epochs = options.Epochs, Batch = batch, Batches = batches }),
                    cancellationToken);
                var metrics = new EpochMetrics(
                    epoch, trainLoss, validation.Loss, validation.Accuracy, clock.Elapsed.TotalSeconds, validation.NetworkAccuracy);
                history.Add(metrics);
                Checkpoint.Save(folder.CheckpointFile(epoch),
                    new CheckpointHeader(Checkpoint.Format, epoch, Config, vocabulary.Tokens, history), model, optimizer);
                folder.WriteMetrics(history);
                progress?.Report(new TrainingProgress(TrainingPhase.EpochFinished)
                    { Epoch = epoch, Epochs = options.Epochs, Metrics = metrics });
                if (validation.Accuracy >= options.TargetAccuracy)
                {
                    stopReason = StopReason.TargetAccuracy;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopReason = StopReason.Cancelled;
        }

        // ---- Test: the best epoch's checkpoint on the test split
        var summary = new TrainingSummary
        {
            TrainBatches = recipe.BatchesPerEpoch,
            ValBatches = valBatches,
            TestBatches = testBatches,
            Epochs = history.Count,
            StopReason = stopReason,
            Seconds = history.Sum(m => m.Seconds),
        };
        var best = history.Count == 0 ? null : history.MaxBy(m => m.ValAccuracy);
        if (best is not null && File.Exists(folder.CheckpointFile(best.Epoch)))
        {
            var clock = Stopwatch.StartNew();
            Checkpoint.Load(folder.CheckpointFile(best.Epoch), model, optimizer: null);
            var test = Evaluator.Evaluate(
                model, memory, data, split.Test, Config.Data.EvalBatchSize, device, options.MaxEvalBatches,
                (batch, batches) => progress?.Report(new TrainingProgress(TrainingPhase.Testing)
                    { Epoch = best.Epoch, Epochs = options.Epochs, Batch = batch, Batches = batches }),
                CancellationToken.None);
            summary = summary with
            {
                BestValAccuracy = best.ValAccuracy,
                BestEpoch = best.Epoch,
                TestAccuracy = test.Accuracy,
                TestLoss = test.Loss,
                NetworkTestAccuracy = test.NetworkAccuracy,
                TestModel = $"best (epoch {best.Epoch})",
                Seconds = summary.Seconds + clock.Elapsed.TotalSeconds,
            };
        }
        folder.WriteSummary(summary);
        return summary;
    }

    /// <summary>One epoch of training; returns its mean loss. Throws when cancelled between batches.</summary>
    private double TrainEpoch(
        MusicModel model, OptimizerHelper optimizer, ITrainingRecipe recipe, int epoch,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        // Each epoch draws its shuffle and torch's random numbers from (seed, epoch) alone, so a
        // resumed run repeats exactly what an uninterrupted one would have done.
        long epochSeed = unchecked(Config.Training.Seed * 1_000_003L + epoch);
        torch.manual_seed(epochSeed);
        recipe.BeginEpoch(epochSeed);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRateSchedule.For(Config.Training, epoch);
        model.train();
        int batches = Math.Min(recipe.BatchesPerEpoch, Config.Training.MaxBatchesPerEpoch ?? int.MaxValue);
        double lossSum = 0;
        var clock = Stopwatch.StartNew();
        for (int batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lossSum += TrainingStep.Run(model, optimizer, recipe, batch, Config.Training.ClipNorm);
            progress?.Report(new TrainingProgress(TrainingPhase.Training)
            {
                Epoch = epoch,
                Epochs = Config.Training.Epochs,
                Batch = batch + 1,
                Batches = batches,
                RunningLoss = lossSum / (batch + 1),
                Seconds = clock.Elapsed.TotalSeconds,
            });
        }
        return lossSum / batches;
    }

    /// <summary>
    /// The n-gram memory of the training split's labels that <paramref name="config"/>'s model
    /// blends in, or null when its <see cref="ModelOptions.MemoryWeight"/> is 0.
    /// </summary>
    public static MemoryBlend? CreateMemory(TrainingConfig config, CorpusData corpus, DatasetSplit split) =>
        config.Model.MemoryWeight <= 0 ? null : new MemoryBlend(
            NGramMemory.Build(TrainingTokens.From(corpus.Ids, split.Train, config.Data.SequenceLength), corpus.Vocabulary.Count, config.Model.MemoryOrder),
            config.Model.MemoryWeight);

    /// <summary>The recipe <paramref name="config"/> names, over the training split of <paramref name="corpus"/>.</summary>
    public static ITrainingRecipe CreateRecipe(
        TrainingConfig config, CorpusData corpus, TokenWindows windows, DatasetSplit split, Device device) => config.Recipe switch
    {
        "lab" => new LabRecipe(windows, split.Train, config.Data.TrainBatchSize, device, config.Model.Members),
        "streams" => new StreamsRecipe(
            TrainingTokens.From(corpus.Ids, split.Train, config.Data.SequenceLength), config.Data.SequenceLength, config.Streams,
            config.Data.Transpose ? corpus.TranspositionTable() : null, device, config.Model.Members),
        _ => throw new ArgumentException($"unknown training recipe '{config.Recipe}' (lab or streams)"),
    };
}
