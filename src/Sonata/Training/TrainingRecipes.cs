using Sonata.Dataset;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>Builds the recipe a config names.</summary>
public static class TrainingRecipes
{
    /// <summary>The recipe <paramref name="config"/> names, over the training split of <paramref name="corpus"/>.</summary>
    public static ITrainingRecipe Create(
        TrainingConfig config, CorpusData corpus, TokenWindows windows, DatasetSplit split, Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(split);
        bool rhythm = config.Model.ReadsTiming;
        if (rhythm && config.Recipe == Recipe.Lab)
            throw new UserErrorException($"the {Name(config.Model.Network)} network trains with the streams or stretches recipe, which learn every step's timing; the lab's recipe trains the lab's network");
        if (rhythm && corpus.Timing is null)
            throw new UserErrorException($"the {Name(config.Model.Network)} network needs each token's step and duration, which a tokens file does not keep: train on the MIDI files (--data), or with --network lab");
        if (!config.Model.IsRecurrent && config.Recipe != Recipe.Stretches)
            throw new UserErrorException("the attending network carries no state from one chunk to the next: it trains with the stretches recipe (--recipe stretches)");
        if (!config.Model.IsRecurrent && config.Model.HiddenSize % config.Model.AttentionHeads != 0)
            throw new UserErrorException($"the attending network splits its width into whole heads: --heads {config.Model.AttentionHeads} does not divide --hidden {config.Model.HiddenSize}");
        var tokens = TrainingTokens.From(corpus.Ids, split.Train, config.Data.SequenceLength);
        return config.Recipe switch
        {
            Recipe.Lab => new LabRecipe(windows, split.Train, config.Data.TrainBatchSize, device, config.Model.Members,
                config.Data.Transpose ? corpus.TranspositionTable() : null),
            Recipe.Streams => new StreamsRecipe(
                tokens, config.Data.SequenceLength, config.Streams, config.Data.Transpose ? corpus.TranspositionTable() : null, device,
                config.Model.Members, rhythm ? tokens.TimingOf(corpus.Timing!) : null),
            Recipe.Stretches => new StretchesRecipe(
                tokens, rhythm ? tokens.TimingOf(corpus.Timing!) : null, config.Data.SequenceLength, config.Stretches.BatchSize,
                config.Data.Transpose ? corpus.TranspositionTable() : null, device, config.Model.Members, config.Stretches.PassesPerEpoch),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Recipe, "unknown training recipe"),
        };
    }

    private static string Name(Model.NetworkKind network) => network == Model.NetworkKind.Transformer ? "attending" : "rhythm-aware";
}
