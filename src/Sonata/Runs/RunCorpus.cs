using Sonata.Dataset;
using Sonata.Training;

namespace Sonata.Runs;

/// <summary>A run's corpus and split, rebuilt from its corpus tokens exactly as the trainer made them.</summary>
internal static class RunCorpus
{
    /// <exception cref="InvalidDataException">The corpus tokens do not give the checkpoint's vocabulary.</exception>
    /// <param name="timing">The corpus's timing, when the run keeps it.</param>
    public static (CorpusData Data, DatasetSplit Split) Rebuild(
        IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> corpus, Vocabulary vocabulary, TrainingConfig config, CorpusTiming? timing)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = CorpusData.Build(corpus, config.Data, timing);
        if (!data.Vocabulary.SameAs(vocabulary))
            throw new InvalidDataException(
                $"the run's corpus tokens give another vocabulary ({data.Vocabulary}) than the checkpoint's ({vocabulary})");
        if (data.Ids.Length <= config.Data.SequenceLength)
            throw new InvalidDataException($"the run's {data.Ids.Length} corpus tokens make no window of {config.Data.SequenceLength} plus a label");
        return (data, data.Split(config.Data, config.Training.Seed));
    }
}
