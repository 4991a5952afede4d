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
/// <param name="job">Where the time budget started and what it keeps for after training, and the clock it reads; default: <see cref="JobBudget.None"/>.</param>
public sealed class Trainer(TrainingConfig config, JobBudget? job = null)
{
    public TrainingConfig Config { get; } = config;

    private readonly JobBudget _job = job ?? JobBudget.None;

    /// <summary>Epochs over which the summary gives the validation accuracy's recent gain.</summary>
    private const int RecentEpochs = 3;

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
        if (Config.Model.ReadsTiming && corpus.Events is null)
            return new Trainer(Config with { Model = Config.Model with { Network = NetworkKind.Lab } }, _job)
                .Train(corpus, folder, resume, progress, [$"the lab's network instead of the {(Config.Model.IsRecurrent ? "rhythm-aware" : "attending")} one: the tokens file keeps no timing"], cancellationToken);
        return Train(corpus, folder, resume, progress, [], cancellationToken);
    }

    /// <summary>
    /// Trains the performer on the corpus's performance and saves it, when the network reads timing,
    /// the corpus's performance is known and the run has none yet: before the first epoch, in at
    /// most <see cref="PerformerOptions.BudgetShare"/> of a time budget.
    /// </summary>
    private void TrainPerformer(CorpusData data, DatasetSplit split, RunFolder folder, TrainingClock clock,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var options = Config.Performer;
        if (options.Steps <= 0 || !Config.Model.ReadsTiming || File.Exists(folder.PerformerFile) || PerformanceFeatures.OfCorpus(data) is not { } corpus) return;
        double started = clock.Elapsed, allowed = clock.HasBudget ? options.BudgetShare * clock.TrainingSeconds : double.PositiveInfinity;
        var result = PerformerTraining.Train(corpus, split.Train, options, Config.Training.Seed,
            () => cancellationToken.IsCancellationRequested || clock.Elapsed - started >= allowed,
            progress is null ? null : new StepReports(progress));
        if (result is null) return;
        using var performer = result.Performer;
        cancellationToken.ThrowIfCancellationRequested();
        folder.WritePerformer(performer);
        progress?.Report(new TrainingProgress(TrainingPhase.PerformerTrained)
        {
            Batch = result.Steps, Batches = options.Steps, RunningLoss = result.Loss, Seconds = clock.Elapsed - started,
            ValLoss = PerformerTraining.Loss(performer, corpus, split.Validation, options, Config.Training.Seed),
        });
    }

    /// <summary>The performer's steps as training reports (synchronously: <see cref="Progress{T}"/> would post them to a thread pool).</summary>
    private sealed class StepReports(IProgress<TrainingProgress> progress) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) =>
            progress.Report(new TrainingProgress(TrainingPhase.Performing) { Batch = value.Done, Batches = value.Total });
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
        using var optimizer = CreateOptimizer(model, options);

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
            throw new UserErrorException($"{folder.Path} already holds a run: resume it, or train into another folder");
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
                Warnings = device.type == DeviceType.CPU && Config.Model.IsRecurrent
                    && LstmCheck.Warning(MusicModel.LstmInputSize(Config.Model), Config.Model.HiddenSize) is { } lstm ? [lstm] : [],
            },
        });

        // ---- Epochs: train, validate (every window, or the seeded subset), save; stop at the
        //      last epoch, the target accuracy, the patience's end, or in time for the final
        //      scoring to end within the time budget. A budget too small for one epoch is refused
        //      before the first, from speeds measured on this machine.
        long[] validationWindows = options.ValidationWindows is { } subset
            ? WindowSubset.Of(split.Validation, subset, options.Seed) : split.Validation;
        var finalScoring = FinalScoring.For(options, split);
        var clock = new TrainingClock(options.Minutes, _job, validationWindows.Length, finalScoring.Windows);
        int epochBatches = Math.Min(recipe.BatchesPerEpoch, options.MaxBatchesPerEpoch ?? int.MaxValue);
        if (clock.HasBudget)
        {
            SpeedProbe.Measure(model, recipe, predictor, windows, validationWindows, evaluation, clock, progress);
            TimeBudget.EnsureOneEpochFits(options.Minutes!.Value, _job, clock, epochBatches);
            progress?.Report(new TrainingProgress(TrainingPhase.Budgeted) { Budget = clock.Plan(epochBatches) });
        }
        TrainPerformer(data, split, folder, clock, progress, cancellationToken);
        var stopReason = StopReason.Epochs;
        try
        {
            for (int epoch = firstEpoch; epoch <= options.Epochs; epoch++)
            {
                if (epoch > firstEpoch && clock.OutOfTime)
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
                if (options.KeepCheckpoints == CheckpointKeeping.NewestAndBest) folder.KeepNewestAndBest(history);
                progress?.Report(new TrainingProgress(TrainingPhase.EpochFinished)
                {
                    Epoch = epoch, Epochs = options.Epochs, Metrics = metrics,
                    SecondsLeft = clock.SecondsLeft((long)(options.Epochs - epoch) * epochBatches, options.Epochs - epoch),
                    JobSecondsLeft = clock.JobSecondsLeft,
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

        // ---- Test: the best epoch's checkpoint on the test split (its seeded subset, or the
        //      whole split and the whole validation split too, the lab's way)
        var summary = new TrainingSummary
        {
            TrainBatches = recipe.BatchesPerEpoch,
            ValBatches = valBatches,
            TestBatches = testBatches,
            Epochs = history.Count,
            StopReason = stopReason,
            Seconds = history.Sum(m => m.Seconds),
            EpochSeconds = TimeBudget.TypicalEpochSeconds(history, epochBatches),
            TestSplitWindows = split.Test.Length,
            RecentGain = history.Count > RecentEpochs ? history[^1].ValAccuracy - history[^(RecentEpochs + 1)].ValAccuracy : null,
        };
        if (CheckpointChoice.Best(history, folder) is { } best)
        {
            double testStarted = clock.Elapsed;
            Checkpoint.Load(best.File, model, optimizer: null);
            var wholeValidation = finalScoring.Validation is { } whole
                ? Evaluator.Score(predictor, windows, whole, evaluation, BatchProgress(progress, TrainingPhase.Validating, best.Epoch))
                : null;
            var test = Evaluator.Score(predictor, windows, finalScoring.Test, evaluation, BatchProgress(progress, TrainingPhase.Testing, best.Epoch));
            var bestMetrics = history.Single(m => m.Epoch == best.Epoch);
            summary = summary with
            {
                BestValAccuracy = bestMetrics.ValAccuracy,
                ValWindowsScored = wholeValidation?.Windows ?? Math.Min(validationWindows.Length, (long)(options.MaxEvalBatches ?? int.MaxValue) * evaluation.BatchSize),
                BestEpoch = best.Epoch,
                ValAccuracy = wholeValidation?.Accuracy,
                ValLoss = wholeValidation is null ? bestMetrics.ValLoss : wholeValidation.Loss,
                NetworkValAccuracy = wholeValidation is null ? bestMetrics.NetworkValAccuracy : wholeValidation.NetworkAccuracy,
                TestAccuracy = test.Accuracy,
                TestLoss = test.Loss,
                NetworkTestAccuracy = test.NetworkAccuracy,
                ValStepAccuracy = wholeValidation is null ? bestMetrics.ValStepAccuracy : wholeValidation.StepAccuracy,
                TestStepAccuracy = test.StepAccuracy,
                TestModel = $"best (epoch {best.Epoch})",
                TestWindowsScored = test.Windows,
                Seconds = summary.Seconds + clock.Elapsed - testStarted,
            };
        }
        folder.WriteSummary(summary);
        return summary;
    }

    /// <summary>The optimizer <paramref name="options"/> name, over the model's weights.</summary>
    internal static OptimizerHelper CreateOptimizer(MusicModel model, TrainingOptions options) => options.Optimizer switch
    {
        OptimizerKind.AdamW => optim.AdamW(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay),
        _ => optim.RMSProp(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay),
    };

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
        long batchesBefore = history.Sum(m => (long)(m.Batches ?? 0));
        model.train();
        int batches = Math.Min(recipe.BatchesPerEpoch, Config.Training.MaxBatchesPerEpoch ?? int.MaxValue);
        int epochsLeft = Config.Training.Epochs - epoch;
        double lossSum = 0;
        double started = clock.Elapsed;
        for (int batch = 0; batch < batches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (batch > 0 && clock.OutOfTime) return (lossSum / batch, batch, true);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRateSchedule.For(Config.Training, epoch, batchesBefore + batch);
            lossSum += TrainingStep.Run(model, optimizer, recipe, batch, Config.Training.ClipNorm);
            progress?.Report(new TrainingProgress(TrainingPhase.Training)
            {
                Epoch = epoch,
                Epochs = Config.Training.Epochs,
                Batch = batch + 1,
                Batches = batches,
                RunningLoss = lossSum / (batch + 1),
                Seconds = clock.Elapsed - started,
                LastValAccuracy = history.Count > 0 ? history[^1].ValAccuracy : null,
                SecondsLeft = clock.SecondsLeft(batches - batch - 1 + (long)epochsLeft * batches, epochsLeft + 1),
                JobSecondsLeft = clock.JobSecondsLeft,
            });
            if (batch == 0) clock.Trained(1, clock.Elapsed - started);   // read after the report: a test's clock moves there
        }
        return (lossSum / batches, batches, false);
    }

    /// <summary>The evaluator's batch counts, reported as <paramref name="phase"/> of <paramref name="epoch"/>.</summary>
    private IProgress<(int Batch, int Batches)>? BatchProgress(IProgress<TrainingProgress>? progress, TrainingPhase phase, int epoch) =>
        progress is null ? null : new CallbackProgress<(int Batch, int Batches)>(done => progress.Report(
            new TrainingProgress(phase) { Epoch = epoch, Epochs = Config.Training.Epochs, Batch = done.Batch, Batches = done.Batches }));
}

/// <summary>The learning rate of each batch: a pure function of the options, the epoch and the batches before, so resuming needs no state.</summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// <see cref="TrainingOptions.LearningRate"/> × <see cref="TrainingOptions.LearningRateDecay"/>^(epoch − 1),
    /// times (b + 1) / <see cref="TrainingOptions.WarmupBatches"/> while the run's batch b (from 0) is within its warm-up.
    /// </summary>
    public static double For(TrainingOptions options, int epoch, long batch = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        double warmup = options.WarmupBatches > 0 ? Math.Min(1.0, (batch + 1.0) / options.WarmupBatches) : 1;
        return options.LearningRate * Math.Pow(options.LearningRateDecay, epoch - 1) * warmup;
    }
}
