using System.Diagnostics;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Prediction;
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
    /// The folder keeps the corpus's tokens (and onset steps, when known), so that a trained run
    /// can rebuild its split and draw the corpus's rhythm.
    /// </summary>
    public TrainingSummary Run(
        TrainingCorpus corpus, RunFolder folder, bool resume, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(folder);
        // A tokens file keeps no timing for the rhythm-aware network to read: the lab's network
        // trains instead, and the run records it (and says so).
        if (Config.Model.Network == NetworkKind.Rhythm && corpus.Events is null)
            return new Trainer(Config with { Model = Config.Model with { Network = NetworkKind.Lab } })
                .Train(corpus, folder, resume, progress, ["the lab's network instead of the rhythm-aware one: the tokens file keeps no timing"], cancellationToken);
        return Train(corpus, folder, resume, progress, [], cancellationToken);
    }

    private TrainingSummary Train(
        TrainingCorpus corpus, RunFolder folder, bool resume, IProgress<TrainingProgress>? progress, IReadOnlyList<string> fitted,
        CancellationToken cancellationToken)
    {
        var options = Config.Training;
        int threads = options.Threads ?? TorchRuntime.DefaultThreads;
        TorchRuntime.SetThreads(threads);
        var device = TorchRuntime.ResolveDevice(options.Device);
        var evaluation = new EvaluationOptions { BatchSize = Config.Data.EvalBatchSize, MaxBatches = options.MaxEvalBatches };

        // ---- Data: vocabulary, windows, the seeded split
        var data = CorpusData.Build(corpus.Files, Config.Data, corpus.Events is null ? null : CorpusTiming.Of(corpus.Events.Select(f => f.Tokens)));
        var vocabulary = data.Vocabulary;
        using var windows = new TokenWindows(data.Ids, Config.Data.SequenceLength, data.Timing);
        var split = data.Split(Config.Data, options.Seed);
        using var recipe = TrainingRecipes.Create(Config, data, windows, split, device);

        // ---- Model, its predictor (with the run's memory) and optimizer (initial weights drawn from the seed)
        torch.manual_seed(options.Seed);
        var model = MusicModel.Create(vocabulary.Count, Config.Model);
        model.to(device);
        using var predictor = Predictor.ForSplit(model, data, split, Config.Data.SequenceLength, Config.Memory, device);
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
        folder.WriteCorpus(corpus);
        int firstEpoch = history.Count == 0 ? 1 : history[^1].Epoch + 1;
        int valBatches = WindowBatches.EvalBatchCount(split.Validation.Length, evaluation.BatchSize);
        int testBatches = WindowBatches.EvalBatchCount(split.Test.Length, evaluation.BatchSize);
        progress?.Report(new TrainingProgress(TrainingPhase.Started)
        {
            Epochs = options.Epochs,
            Plan = new TrainingPlan
            {
                Tokens = windows.Count + windows.SequenceLength, VocabularySize = vocabulary.Count, Windows = windows.Count,
                TrainWindows = split.Train.Length, ValWindows = split.Validation.Length, TestWindows = split.Test.Length,
                TrainBatches = recipe.BatchesPerEpoch, ValBatches = valBatches, TestBatches = testBatches,
                FirstEpoch = firstEpoch, Epochs = options.Epochs, Device = device.ToString(), Threads = threads,
                ResumedFrom = resumedFrom, Recipe = recipe.Kind, Fitted = [.. fitted, .. Fitted(recipe, data)],
            },
        });

        // ---- Epochs: train, validate (every window, or the seeded subset), save; stop at the
        //      last epoch, the target accuracy, the patience's end, or in time for the final
        //      scoring to end within the time budget
        long[] validationWindows = options.ValidationWindows is { } subset
            ? WindowSubset.Of(split.Validation, subset, options.Seed) : split.Validation;
        var clock = new TrainingClock(options.Minutes, validationWindows.Length,
            split.Test.Length + (options.ValidationWindows is null ? 0 : split.Validation.Length));
        if (clock.HasBudget) MeasureScoring(predictor, windows, validationWindows, evaluation, clock);
        var stopReason = StopReason.Epochs;
        try
        {
            for (int epoch = firstEpoch; epoch <= options.Epochs; epoch++)
            {
                if (clock.OutOfTime)
                {
                    stopReason = StopReason.TimeBudget;
                    break;
                }
                double started = clock.Elapsed;
                var trained = TrainEpoch(model, optimizer, recipe, epoch, clock, history, progress, cancellationToken);
                double trainSeconds = clock.Elapsed - started;
                clock.Trained(trained.Batches, trainSeconds);
                var validation = Evaluator.Score(predictor, windows, validationWindows, evaluation,
                    BatchProgress(progress, TrainingPhase.Validating, epoch), cancellationToken);
                clock.Scored(validationWindows.Length, clock.Elapsed - started - trainSeconds);
                var metrics = new EpochMetrics(
                    epoch, trained.Loss, validation.Loss, validation.Accuracy, clock.Elapsed - started, validation.NetworkAccuracy,
                    trainSeconds, trained.Batches, validation.StepAccuracy);
                history.Add(metrics);
                Checkpoint.Save(folder.CheckpointFile(epoch),
                    new CheckpointHeader(Checkpoint.Format, epoch, Config, vocabulary.Tokens, history), model, optimizer);
                folder.WriteMetrics(history);
                progress?.Report(new TrainingProgress(TrainingPhase.EpochFinished)
                {
                    Epoch = epoch, Epochs = options.Epochs, Metrics = metrics,
                    SecondsLeft = clock.SecondsLeft((long)(options.Epochs - epoch) * recipe.BatchesPerEpoch, options.Epochs - epoch),
                });
                if (StopAfter(history, trained.OutOfTime) is { } reason)
                {
                    stopReason = reason;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopReason = StopReason.Cancelled;
        }

        // ---- Test: the best epoch's checkpoint on the test split (and on the whole validation
        //      split, when epochs were validated on a subset)
        var summary = new TrainingSummary
        {
            TrainBatches = recipe.BatchesPerEpoch,
            ValBatches = valBatches,
            TestBatches = testBatches,
            Epochs = history.Count,
            StopReason = stopReason,
            Seconds = history.Sum(m => m.Seconds),
        };
        if (CheckpointChoice.Best(history, folder) is { } best)
        {
            var testClock = Stopwatch.StartNew();
            Checkpoint.Load(best.File, model, optimizer: null);
            var wholeValidation = options.ValidationWindows is null ? null
                : Evaluator.Score(predictor, windows, split.Validation, evaluation, BatchProgress(progress, TrainingPhase.Validating, best.Epoch));
            var test = Evaluator.Score(predictor, windows, split.Test, evaluation, BatchProgress(progress, TrainingPhase.Testing, best.Epoch));
            summary = summary with
            {
                BestValAccuracy = history.Single(m => m.Epoch == best.Epoch).ValAccuracy,
                BestEpoch = best.Epoch,
                ValAccuracy = wholeValidation?.Accuracy,
                ValLoss = wholeValidation?.Loss,
                NetworkValAccuracy = wholeValidation?.NetworkAccuracy,
                TestAccuracy = test.Accuracy,
                TestLoss = test.Loss,
                NetworkTestAccuracy = test.NetworkAccuracy,
                ValStepAccuracy = wholeValidation?.StepAccuracy,
                TestStepAccuracy = test.StepAccuracy,
                TestModel = $"best (epoch {best.Epoch})",
                Seconds = summary.Seconds + testClock.Elapsed.TotalSeconds,
            };
        }
        folder.WriteSummary(summary);
        return summary;
    }

    /// <summary>What the corpus was too small for, and what the run does instead.</summary>
    private List<string> Fitted(ITrainingRecipe recipe, CorpusData data)
    {
        var fitted = new List<string>();
        if (recipe is StreamsRecipe streams && streams.Streams < Config.Streams.Streams)
            fitted.Add($"{streams.Streams} stream(s) instead of {Config.Streams.Streams}: the training split is too short for more of at least {4 * Config.Data.SequenceLength} tokens each");
        if (Config.Data.Split == SplitKind.Pieces
            && DatasetSplit.HeldOutPieces(data.FileLengths.Count, Config.Data) is var (validation, test)
            && (validation, test) != (Config.Data.ValidationPieces, Config.Data.TestPieces))
            fitted.Add($"{validation} file(s) validate and {test} test instead of {Config.Data.ValidationPieces} and {Config.Data.TestPieces}: the corpus has {data.FileLengths.Count} files");
        return fitted;
    }

    /// <summary>Times the scoring of one batch, so that even the first epoch leaves time for the scoring after it.</summary>
    private static void MeasureScoring(Predictor predictor, TokenWindows windows, long[] validation, EvaluationOptions evaluation, TrainingClock clock)
    {
        long[] probe = validation[..Math.Min(validation.Length, evaluation.BatchSize)];
        var started = Stopwatch.StartNew();
        Evaluator.Score(predictor, windows, probe, evaluation);
        clock.Scored(probe.Length, started.Elapsed.TotalSeconds);
    }

    /// <summary>Why training stops after the last epoch of <paramref name="history"/>, or null to go on.</summary>
    private StopReason? StopAfter(List<EpochMetrics> history, bool outOfTime)
    {
        var options = Config.Training;
        if (history[^1].ValAccuracy >= options.TargetAccuracy) return StopReason.TargetAccuracy;
        if (options.Patience is { } patience && history.Count > patience
            && history[^patience..].Max(m => m.ValAccuracy) <= history[..^patience].Max(m => m.ValAccuracy))
            return StopReason.Patience;
        return outOfTime ? StopReason.TimeBudget : null;
    }

    /// <summary>
    /// One epoch of training: its mean loss, how many batches it ran, and whether the time budget
    /// ended it early. Throws when cancelled between batches.
    /// </summary>
    private (double Loss, int Batches, bool OutOfTime) TrainEpoch(
        MusicModel model, OptimizerHelper optimizer, ITrainingRecipe recipe, int epoch, TrainingClock clock,
        List<EpochMetrics> history, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        // Each epoch draws its shuffle and torch's random numbers from (seed, epoch) alone, so a
        // resumed run repeats exactly what an uninterrupted one would have done.
        long epochSeed = unchecked(Config.Training.Seed * 1_000_003L + epoch);
        torch.manual_seed(epochSeed);
        recipe.BeginEpoch(epochSeed);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRateSchedule.For(Config.Training, epoch);
        model.train();
        int batches = Math.Min(recipe.BatchesPerEpoch, Config.Training.MaxBatchesPerEpoch ?? int.MaxValue);
        int epochsLeft = Config.Training.Epochs - epoch;
        double lossSum = 0;
        var started = Stopwatch.StartNew();
        for (int batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch > 0 && clock.OutOfTime) return (lossSum / batch, batch, true);
            lossSum += TrainingStep.Run(model, optimizer, recipe, batch, Config.Training.ClipNorm);
            if (batch == 0) clock.Trained(1, started.Elapsed.TotalSeconds);
            progress?.Report(new TrainingProgress(TrainingPhase.Training)
            {
                Epoch = epoch,
                Epochs = Config.Training.Epochs,
                Batch = batch + 1,
                Batches = batches,
                RunningLoss = lossSum / (batch + 1),
                Seconds = started.Elapsed.TotalSeconds,
                LastValAccuracy = history.Count > 0 ? history[^1].ValAccuracy : null,
                SecondsLeft = clock.SecondsLeft(batches - batch - 1 + (long)epochsLeft * batches, epochsLeft + 1),
            });
        }
        return (lossSum / batches, batches, false);
    }

    /// <summary>The evaluator's batch counts, reported as <paramref name="phase"/> of <paramref name="epoch"/>.</summary>
    private IProgress<(int Batch, int Batches)>? BatchProgress(IProgress<TrainingProgress>? progress, TrainingPhase phase, int epoch) =>
        progress is null ? null : new CallbackProgress<(int Batch, int Batches)>(done => progress.Report(
            new TrainingProgress(phase) { Epoch = epoch, Epochs = Config.Training.Epochs, Batch = done.Batch, Batches = done.Batches }));
}
