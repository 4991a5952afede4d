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
        return config.Recipe switch
        {
            Recipe.Lab => new LabRecipe(windows, split.Train, config.Data.TrainBatchSize, device, config.Model.Members),
            Recipe.Streams => new StreamsRecipe(
                TrainingTokens.From(corpus.Ids, split.Train, config.Data.SequenceLength), config.Data.SequenceLength, config.Streams,
                config.Data.Transpose ? corpus.TranspositionTable() : null, device, config.Model.Members),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Recipe, "unknown training recipe"),
        };
    }
}
