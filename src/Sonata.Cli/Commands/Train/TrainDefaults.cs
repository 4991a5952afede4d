using Sonata.Cli.Help;
using Sonata.Training;

namespace Sonata.Cli.Commands.Train;

/// <summary>
/// What each option of <c>sonata train</c> defaults to: read from the library's records, the
/// default recipe's (<c>new TrainingConfig()</c>) and, where it differs, the lab's
/// (<see cref="TrainingConfig.For"/>), and the attending network's, which <c>--network transformer</c>
/// trains with. A value the options write as 0 (no patience, every window) is null in the records.
/// </summary>
public sealed class TrainDefaults : IOptionDefaults
{
    private static readonly TrainingConfig Default = new();
    private static readonly TrainingConfig Lab = TrainingConfig.For(Recipe.Lab);
    private static readonly TrainingConfig Attending = TrainingConfig.For(Recipe.Stretches);

    private static readonly Dictionary<string, Func<TrainingConfig, object>> PerRecipe = new()
    {
        [nameof(TrainCommand.Settings.Epochs)] = c => c.Training.Epochs,
        [nameof(TrainCommand.Settings.Minutes)] = c => c.Training.Minutes as object ?? "none",
        [nameof(TrainCommand.Settings.Patience)] = c => c.Training.Patience ?? 0,
        [nameof(TrainCommand.Settings.ValidationWindows)] = c => c.Training.ValidationWindows ?? 0,
        [nameof(TrainCommand.Settings.TestWindows)] = c => c.Training.TestWindows ?? 0,
        [nameof(TrainCommand.Settings.KeepCheckpoints)] = c => c.Training.KeepCheckpoints,
        [nameof(TrainCommand.Settings.TargetAccuracy)] = c => c.Training.TargetAccuracy as object ?? "none",
        [nameof(TrainCommand.Settings.Network)] = c => c.Model.Network,
        [nameof(TrainCommand.Settings.Split)] = c => c.Data.Split,
        [nameof(TrainCommand.Settings.ValPieces)] = c => c.Data.ValidationPieces,
        [nameof(TrainCommand.Settings.TestPieces)] = c => c.Data.TestPieces,
        [nameof(TrainCommand.Settings.SequenceLength)] = c => c.Data.SequenceLength,
        [nameof(TrainCommand.Settings.Embedding)] = c => c.Model.EmbeddingSize,
        [nameof(TrainCommand.Settings.Hidden)] = c => c.Model.HiddenSize,
        [nameof(TrainCommand.Settings.Layers)] = c => c.Model.Layers,
        [nameof(TrainCommand.Settings.Dropout)] = c => c.Model.Dropout,
        [nameof(TrainCommand.Settings.Members)] = c => c.Model.Members,
        [nameof(TrainCommand.Settings.MemoryWeight)] = c => c.Memory.Weight,
        [nameof(TrainCommand.Settings.MemoryOrder)] = c => c.Memory.Order,
        [nameof(TrainCommand.Settings.MemoryHalfContext)] = c => c.Memory.HalfContext,
        [nameof(TrainCommand.Settings.CacheWeight)] = c => c.Memory.CacheWeight,
        [nameof(TrainCommand.Settings.CacheHalfMatch)] = c => c.Memory.CacheHalfMatch,
        [nameof(TrainCommand.Settings.Streams)] = c => c.Streams.Streams,
        [nameof(TrainCommand.Settings.ChunkLength)] = c => c.Streams.ChunkLength,
        [nameof(TrainCommand.Settings.Passes)] = c => c.Recipe == Recipe.Stretches ? c.Stretches.PassesPerEpoch : c.Streams.PassesPerEpoch,
        [nameof(TrainCommand.Settings.BatchSize)] = c => c.Stretches.BatchSize,
        [nameof(TrainCommand.Settings.Heads)] = c => c.Model.AttentionHeads,
        [nameof(TrainCommand.Settings.Transpose)] = c => c.Data.Transpose,
        [nameof(TrainCommand.Settings.Optimizer)] = c => c.Training.Optimizer.ToString().ToLowerInvariant(),   // as the option takes it: rmsprop, adamw
        [nameof(TrainCommand.Settings.Warmup)] = c => c.Training.WarmupBatches,
        [nameof(TrainCommand.Settings.Seed)] = c => c.Training.Seed,
        [nameof(TrainCommand.Settings.LearningRate)] = c => c.Training.LearningRate,
        [nameof(TrainCommand.Settings.LearningRateDecay)] = c => c.Training.LearningRateDecay,
        [nameof(TrainCommand.Settings.WeightDecay)] = c => c.Training.WeightDecay,
        [nameof(TrainCommand.Settings.Threads)] = c => c.Training.Threads as object ?? "all cores",
        [nameof(TrainCommand.Settings.Device)] = c => c.Training.Device,
        [nameof(TrainCommand.Settings.PerformerSteps)] = c => c.Performer.Steps,
        [nameof(TrainCommand.Settings.MaxBatches)] = c => c.Training.MaxBatchesPerEpoch as object ?? "all",
        [nameof(TrainCommand.Settings.MaxEvalBatches)] = c => c.Training.MaxEvalBatches as object ?? "all",
    };

    public static string Of(string property) => property switch
    {
        nameof(TrainCommand.Settings.Recipe) => DefaultText.Of(Default.Recipe),
        nameof(TrainCommand.Settings.Out) => $"{RunFolder.NewFolderParent}/<{RunFolder.NewFolderStamp}>",
        nameof(TrainCommand.Settings.BudgetFrom) => "when training starts",
        nameof(TrainCommand.Settings.BudgetReserve) => DefaultText.Of(JobBudget.None.ReserveSeconds),
        _ when PerRecipe.TryGetValue(property, out var read) =>
            DefaultText.WithOthers(DefaultText.Of(read(Default)), ("lab", DefaultText.Of(read(Lab))), ("transformer", DefaultText.Of(read(Attending)))),
        _ => throw new ArgumentOutOfRangeException(nameof(property), property, "no default known for this option"),
    };
}
