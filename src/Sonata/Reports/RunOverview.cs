using Sonata.Dataset;
using Sonata.IO;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Runs;
using Sonata.Training;

namespace Sonata.Reports;

/// <summary>What a report says of a training run: what it learned from, with what, for how long, how well.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="TokenSource">Where its tokens came from (config.json's token source).</param>
/// <param name="Recipe">How epochs walked the training split.</param>
/// <param name="Split">How windows were dealt into training, validation and test.</param>
/// <param name="Model">The networks' shape.</param>
/// <param name="Memory">The n-gram memory blended into each prediction.</param>
/// <param name="Vocabulary">Distinct tokens the model knows.</param>
/// <param name="Checkpoint">The checkpoint that speaks for the run, and why.</param>
/// <param name="Summary">summary.json; null while the run has not ended (or never wrote one).</param>
/// <param name="LossPlot">loss.png's bytes; null when the run has none.</param>
/// <param name="AccuracyPlot">accuracy.png's bytes; null when the run has none.</param>
public sealed record RunOverview(
    string Folder, string TokenSource, Recipe Recipe, SplitKind Split, ModelOptions Model, MemoryOptions Memory, int Vocabulary,
    CheckpointChoice Checkpoint, TrainingSummary? Summary, byte[]? LossPlot, byte[]? AccuracyPlot)
{
    /// <summary>Reads what the report needs of an opened run (its files; never its networks).</summary>
    public static RunOverview Of(TrainedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunOverview(run.Folder.Path, run.Config.TokenSource, run.Config.Recipe, run.Config.Data.Split, run.Config.Model, run.Config.Memory,
            run.Vocabulary.Count, run.Checkpoint, run.Folder.ReadSummary(), BytesOrNull(run.Folder.LossPlotFile), BytesOrNull(run.Folder.AccuracyPlotFile));
    }

    private static byte[]? BytesOrNull(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;
}
