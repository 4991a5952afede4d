using Sonata.Dataset;
using Sonata.IO;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Runtime;
using Sonata.Training;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>Training, run folder, resume and refusal, with a tiny model on the real corpus's tokens.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-train-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Embedding 8, hidden 32, one layer; 3 training and 2 evaluation batches an epoch.</summary>
    internal static TrainingConfig Tiny(int epochs, Recipe recipe = Recipe.Lab) => new()
    {
        Recipe = recipe,
        TokenSource = "test",
        Data = new DataOptions(),                      // the corpus's own 668 tokens, untransposed
        Model = new ModelOptions { EmbeddingSize = 8, HiddenSize = 32, Layers = 1 },
        Memory = new MemoryOptions(),
        Training = new TrainingOptions
        {
            Epochs = epochs,
            MaxBatchesPerEpoch = 3,
            MaxEvalBatches = 2,
            Threads = 1,
            Device = DeviceChoice.Cpu,
        },
    };

    private RunFolder Folder(string name) => new(Path.Combine(_root, name));

    private static TrainingSummary Train(TrainingConfig config, RunFolder folder, bool resume = false,
        IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)>? files = null, CancellationToken cancellationToken = default) =>
        new Trainer(config).Run(new TrainingCorpus(files ?? ReferenceTokens.Files), folder, resume, progress: null, cancellationToken);

    [Fact]
    public void One_epoch_writes_the_whole_run_folder()
    {
        var folder = Folder("one");
        var summary = Train(Tiny(epochs: 1), folder);

        Assert.Equal((624, 535, 535, 1), (summary.TrainBatches, summary.ValBatches, summary.TestBatches, summary.Epochs));
        Assert.Equal("best (epoch 1)", summary.TestModel);
        Assert.InRange(summary.TestAccuracy!.Value, 0, 1);

        Assert.Equal(Tiny(1), JsonFiles.Read<TrainingConfig>(folder.ConfigFile));
        Assert.Equal(668, Vocabulary.Load(folder.VocabularyFile).Count);
        string[] metrics = File.ReadAllLines(folder.MetricsFile);
        Assert.Equal(["epoch,train_loss,val_loss,val_accuracy,seconds,network_val_accuracy,train_seconds,batches,val_step_accuracy"], metrics[..1]);
        Assert.StartsWith("1,", metrics[1]);
        Assert.Equal(2, metrics.Length);
        foreach (string png in new[] { folder.LossPlotFile, folder.AccuracyPlotFile })
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        Assert.Equal([(1, folder.CheckpointFile(1))], folder.Checkpoints());
        var written = JsonFiles.Read<TrainingSummary>(folder.SummaryFile);
        Assert.Equal(summary, written);
        Assert.Equal(1, Checkpoint.ReadHeader(folder.CheckpointFile(1)).Epoch);
        Assert.Equal(ReferenceTokens.Files.Select(f => f.FileName), folder.ReadCorpusTokens().Select(f => f.FileName));
        Assert.Equal(ReferenceTokens.Files.SelectMany(f => f.Tokens), folder.ReadCorpusTokens().SelectMany(f => f.Tokens));
        Assert.Null(folder.ReadCorpusSteps());   // a tokens file knows no onsets
    }

    [Theory]
    [InlineData(Recipe.Lab, false, 1)]
    [InlineData(Recipe.Streams, false, 1)]
    [InlineData(Recipe.Streams, true, 1)]
    [InlineData(Recipe.Streams, false, 2)]
    [InlineData(Recipe.Lab, true, 1)]
    [InlineData(Recipe.Stretches, true, 1)]
    [InlineData(Recipe.Stretches, false, 2)]
    public void Two_epochs_straight_equal_one_epoch_and_a_resumed_one(Recipe recipe, bool regularized, int members)
    {
        var straight = Folder("straight");
        var resumed = Folder("resumed");
        TrainingConfig Config(int epochs) => regularized
            ? Tiny(epochs, recipe) with
            {
                Data = new DataOptions { Transpose = true },
                Model = Tiny(epochs).Model with { Dropout = 0.3 },
                // A warm-up longer than an epoch (3 batches), so that the resumed run must know where it was.
                Training = Tiny(epochs).Training with
                {
                    WeightDecay = 1e-5, WarmupBatches = 4, Optimizer = recipe == Recipe.Stretches ? OptimizerKind.AdamW : OptimizerKind.RmsProp,
                },
            }
            : Tiny(epochs, recipe) with
            {
                Model = Tiny(epochs).Model with { Members = members },
                Memory = new MemoryOptions { Weight = members > 1 ? 0.5 : 0 },
            };
        Train(Config(2), straight);
        Train(Config(1), resumed);
        var summary = Train(Config(2), resumed, resume: true);

        Assert.Equal(2, summary.Epochs);
        var expected = Weights(straight.CheckpointFile(2));
        var actual = Weights(resumed.CheckpointFile(2));
        Assert.Equal(expected.Select(w => w.Name), actual.Select(w => w.Name));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Values, actual[i].Values);
        Assert.Equal(WithoutSeconds(straight), WithoutSeconds(resumed));
    }

    [Fact]
    public void A_checkpoint_of_another_model_shape_or_vocabulary_is_refused()
    {
        var folder = Folder("refuse");
        Train(Tiny(epochs: 1), folder);

        var wider = Tiny(epochs: 2) with { Model = new ModelOptions { EmbeddingSize = 8, HiddenSize = 16, Layers = 1 } };
        var shape = Assert.Throws<CheckpointMismatchException>(() => Train(wider, folder, resume: true));
        Assert.Contains("embedding 8, hidden 32, 1 layer", shape.Message);
        Assert.Contains("embedding 8, hidden 16, 1 layer", shape.Message);

        var fewerFiles = ReferenceTokens.Files.Skip(1).ToList();
        var vocabulary = Assert.Throws<CheckpointMismatchException>(() => Train(Tiny(epochs: 2), folder, resume: true, fewerFiles));
        Assert.Contains(Vocabulary.Build(ReferenceTokens.Files).ToString(), vocabulary.Message);
        Assert.Contains(Vocabulary.Build(fewerFiles).ToString(), vocabulary.Message);

        var inEveryKey = Tiny(epochs: 2) with { Data = new DataOptions { Transpose = true } };
        var keys = Assert.Throws<CheckpointMismatchException>(() => Train(inEveryKey, folder, resume: true));
        Assert.Contains("resumes with --no-transpose", keys.Message);
    }

    [Fact]
    public void A_resume_with_other_training_options_is_refused_naming_both_and_config_json_is_kept()
    {
        var folder = Folder("options");
        var config = Tiny(epochs: 1, Recipe.Streams);
        Train(config, folder);
        string written = File.ReadAllText(folder.ConfigFile);

        var faster = config with { Training = config.Training with { Epochs = 2, LearningRate = 0.002 } };
        var refused = Assert.Throws<CheckpointMismatchException>(() => Train(faster, folder, resume: true));
        Assert.Contains("training.learning_rate 0.001 → 0.002", refused.Message);

        var longer = config with { Training = config.Training with { Epochs = 2 }, Streams = config.Streams with { ChunkLength = 50 } };
        refused = Assert.Throws<CheckpointMismatchException>(() => Train(longer, folder, resume: true));
        Assert.Contains("streams.chunk_length 25 → 50", refused.Message);

        var remembering = config with { Training = config.Training with { Epochs = 2 }, Memory = new MemoryOptions { Weight = 0.3 } };
        refused = Assert.Throws<CheckpointMismatchException>(() => Train(remembering, folder, resume: true));
        Assert.Contains("memory.weight 0 → 0.3", refused.Message);

        Assert.Equal(written, File.ReadAllText(folder.ConfigFile));
        // More epochs, more threads and another budget are the same run, continued.
        var resumed = Train(config with { Training = config.Training with { Epochs = 2, Threads = 2, Minutes = 30 } }, folder, resume: true);
        Assert.Equal(2, resumed.Epochs);
    }

    [Fact]
    public void The_checkpoint_that_speaks_for_a_run_is_its_best_by_validation_not_its_newest()
    {
        var folder = Folder("best");
        Directory.CreateDirectory(folder.CheckpointFolder);
        foreach (int epoch in new[] { 1, 2, 3 }) File.WriteAllText(folder.CheckpointFile(epoch), "");
        EpochMetrics Epoch(int epoch, double accuracy) => new(epoch, 1, 1, accuracy, 1);

        var best = CheckpointChoice.Best([Epoch(1, 0.30), Epoch(2, 0.45), Epoch(3, 0.40)], folder);

        Assert.Equal((2, folder.CheckpointFile(2)), (best!.Epoch, best.File));
        Assert.Equal("the best validation accuracy of 3 epochs, 45.00 %", best.Why);
        File.Delete(folder.CheckpointFile(2));   // a best epoch whose file is gone gives way to the next best
        Assert.Equal(3, CheckpointChoice.Best([Epoch(1, 0.30), Epoch(2, 0.45), Epoch(3, 0.40)], folder)!.Epoch);
        Assert.Null(CheckpointChoice.Best([], folder));
    }

    [Fact]
    public void A_run_keeps_its_newest_and_its_best_checkpoint_unless_asked_for_all()
    {
        var folder = Folder("keep");
        Directory.CreateDirectory(folder.CheckpointFolder);
        foreach (int epoch in new[] { 1, 2, 3, 4 }) File.WriteAllText(folder.CheckpointFile(epoch), "");
        EpochMetrics Epoch(int epoch, double accuracy) => new(epoch, 1, 1, accuracy, 1);

        folder.KeepNewestAndBest([Epoch(1, 0.30), Epoch(2, 0.45), Epoch(3, 0.40), Epoch(4, 0.41)]);

        Assert.Equal([2, 4], folder.Checkpoints().Select(c => c.Epoch));

        var all = Folder("all");
        var kept = Tiny(epochs: 3) with { Training = Tiny(3).Training with { KeepCheckpoints = CheckpointKeeping.All } };
        Train(kept, all);
        Assert.Equal([1, 2, 3], all.Checkpoints().Select(c => c.Epoch));
        var pruned = Folder("pruned");
        var summary = Train(Tiny(epochs: 3), pruned);
        var epochs = pruned.Checkpoints().Select(c => c.Epoch).ToList();
        Assert.Contains(3, epochs);
        Assert.Contains(summary.BestEpoch!.Value, epochs);
        Assert.InRange(epochs.Count, 1, 2);
        var missing = Enumerable.Range(1, 3).First(e => !epochs.Contains(e));
        var refusal = Assert.Throws<FileNotFoundException>(() => CheckpointChoice.Of(pruned, epoch: missing));
        Assert.Contains("--keep-checkpoints all", refusal.Message);
    }

    [Fact]
    public void Patience_stops_a_run_whose_validation_stops_improving()
    {
        var folder = Folder("patience");
        var stuck = Tiny(epochs: 10) with { Training = Tiny(10).Training with { LearningRate = 1e-30, Patience = 2 } };

        var summary = Train(stuck, folder);

        Assert.Equal(StopReason.Patience, summary.StopReason);
        Assert.Equal(3, summary.Epochs);                     // epochs 2 and 3 were no better than epoch 1
    }

    [Fact]
    public void Cancelling_mid_epoch_keeps_the_finished_epochs_and_tests_the_best()
    {
        var folder = Folder("cancel");
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAt(TrainingPhase.Training, epoch: 2, cancellation);
        var summary = new Trainer(Tiny(epochs: 3)).Run(ReferenceTokens.Corpus, folder, resume: false, progress, cancellation.Token);

        Assert.Equal(StopReason.Cancelled, summary.StopReason);
        Assert.Equal(1, summary.Epochs);
        Assert.Equal([(1, folder.CheckpointFile(1))], folder.Checkpoints());
        Assert.NotNull(summary.TestAccuracy);
    }

    [Fact]
    public void A_folder_holding_a_run_is_not_overwritten_without_resume()
    {
        var folder = Folder("twice");
        Train(Tiny(epochs: 1), folder);
        Assert.Throws<UserErrorException>(() => Train(Tiny(epochs: 1), folder));
    }

    [Fact]
    public void The_streams_recipe_trains_and_scores_the_lab_s_windows()
    {
        var folder = Folder("streams");
        var summary = Train(Tiny(epochs: 1, Recipe.Streams) with { Data = new DataOptions { Transpose = true } }, folder);

        Assert.Equal((535, 535, 1), (summary.ValBatches, summary.TestBatches, summary.Epochs));
        Assert.Equal(71, summary.TrainBatches);   // one pass of 64 streams of 25-token chunks through 114,208 tokens
        Assert.InRange(summary.TestAccuracy!.Value, 0, 1);
        var vocabulary = Vocabulary.Load(folder.VocabularyFile);
        Assert.True(vocabulary.Count > 668);
        Assert.Equal(Vocabulary.Build(ReferenceTokens.Files).Tokens, vocabulary.Tokens.Take(668));
        Assert.Equal(Recipe.Streams, JsonFiles.Read<TrainingConfig>(folder.ConfigFile).Recipe);
    }

    internal static List<(string Name, float[] Values)> Weights(string checkpoint)
    {
        var header = Checkpoint.ReadHeader(checkpoint);
        using var model = MusicModel.Create(header.Vocabulary.Count, header.Config.Model);
        Checkpoint.Load(checkpoint, model, optimizer: null);
        return model.state_dict()
            .Where(entry => entry.Value.dtype == torch.float32)
            .Select(entry => (entry.Key, entry.Value.data<float>().ToArray()))
            .ToList();
    }

    private static IEnumerable<string> WithoutSeconds(RunFolder folder) =>
        File.ReadAllLines(folder.MetricsFile).Select(line => string.Join(',', line.Split(',').Where((_, column) => column is not (4 or 6))));

    /// <summary>Cancels when a report of <paramref name="phase"/> in <paramref name="epoch"/> arrives.</summary>
    private sealed class CancelAt(TrainingPhase phase, int epoch, CancellationTokenSource cancellation) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Phase == phase && value.Epoch == epoch) cancellation.Cancel();
        }
    }
}
