using System.Globalization;
using System.Text.RegularExpressions;
using Sonata.Dataset;
using Sonata.IO;
using Sonata.Plots;
using Sonata.Tokenization;

namespace Sonata.Training;

/// <summary>
/// A training run's folder: config.json, vocab.json, corpus-tokens.json (and corpus-steps.json
/// when the corpus's onsets were known), metrics.csv, loss.png, accuracy.png, summary.json and
/// checkpoints/epoch-NNN.bin. Every file is written atomically.
/// </summary>
public sealed partial class RunFolder(string path)
{
    /// <summary>Where a run goes when no folder is named: runs/ and the time it started (<see cref="NewPath"/>).</summary>
    public const string NewFolderParent = "runs";

    /// <summary>A new run folder's name: its start time in this format.</summary>
    public const string NewFolderStamp = "yyyyMMdd-HHmmss";

    /// <summary>The folder of a run started at <paramref name="now"/> when none is named.</summary>
    public static string NewPath(DateTime now) =>
        System.IO.Path.Combine(NewFolderParent, now.ToString(NewFolderStamp, CultureInfo.InvariantCulture));

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ConfigFile => Combine("config.json");

    public string VocabularyFile => Combine("vocab.json");

    public string MetricsFile => Combine("metrics.csv");

    public string LossPlotFile => Combine("loss.png");

    public string AccuracyPlotFile => Combine("accuracy.png");

    public string SummaryFile => Combine("summary.json");

    public string CheckpointFolder => Combine("checkpoints");

    /// <summary>The tokens the run trained on (file name → tokens, in training order): rebuilds the split.</summary>
    public string CorpusTokensFile => Combine("corpus-tokens.json");

    /// <summary>The corpus's steps between consecutive onsets (quarter notes → count), for <c>--offsets corpus</c>.</summary>
    public string CorpusStepsFile => Combine("corpus-steps.json");

    /// <summary>The tokens with music21's offset and duration of each (file → [[token, offset, duration], …]), when the corpus's timing was known.</summary>
    public string CorpusEventsFile => Combine("corpus-events.json");

    public string CheckpointFile(int epoch) =>
        System.IO.Path.Combine(CheckpointFolder, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:000}.bin"));

    /// <summary>The complete checkpoints, by epoch (files left half-written by a killed process are never named so).</summary>
    public IReadOnlyList<(int Epoch, string File)> Checkpoints() =>
        !Directory.Exists(CheckpointFolder)
            ? []
            : Directory.EnumerateFiles(CheckpointFolder)
                .Select(file => (Match: CheckpointName().Match(System.IO.Path.GetFileName(file)), File: file))
                .Where(found => found.Match.Success)
                .Select(found => (int.Parse(found.Match.Groups[1].Value, CultureInfo.InvariantCulture), found.File))
                .OrderBy(found => found.Item1)
                .ToList();

    public string? NewestCheckpoint() => Checkpoints() is { Count: > 0 } all ? all[^1].File : null;

    /// <summary>
    /// Deletes every checkpoint but the newest (what a resume continues from) and the best of
    /// <paramref name="history"/> by validation (what speaks for the run). Called once the newest is
    /// complete, so a process killed midway leaves both still in the folder.
    /// </summary>
    public void KeepNewestAndBest(IReadOnlyList<EpochMetrics> history)
    {
        var all = Checkpoints();
        if (all.Count <= 1) return;
        var keep = new HashSet<string>(StringComparer.Ordinal) { all[^1].File };
        if (CheckpointChoice.Best(history, this) is { } best) keep.Add(best.File);
        foreach (var (_, file) in all)
            if (!keep.Contains(file)) File.Delete(file);
    }

    public void WriteConfig(TrainingConfig config) => JsonFiles.Write(ConfigFile, config);

    public void WriteVocabulary(Vocabulary vocabulary) => vocabulary.Save(VocabularyFile);

    /// <summary>
    /// corpus-tokens.json, and, when the corpus's timing is known, corpus-events.json and
    /// corpus-steps.json (step in quarter notes → count, see <see cref="StepDistribution"/>).
    /// </summary>
    public void WriteCorpus(TrainingCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        TokensJsonFile.Write(CorpusTokensFile, corpus.Files);
        if (corpus.Events is null) return;
        TokenEventsJsonFile.Write(CorpusEventsFile, corpus.Events);
        JsonFiles.Write(CorpusStepsFile, corpus.Steps!.OrderBy(s => s.Key).ToDictionary(
            s => s.Key.ToString("R", CultureInfo.InvariantCulture), s => s.Value));
    }

    /// <summary>The corpus's tokens with their offsets and durations, in training order, or null when the run does not keep them.</summary>
    public IReadOnlyList<TokenizedFile>? ReadCorpusEvents() =>
        File.Exists(CorpusEventsFile) ? TokenEventsJsonFile.Read(CorpusEventsFile) : null;

    /// <summary>The tokens the run trained on, in training order.</summary>
    /// <exception cref="FileNotFoundException">The run was trained before Sonata kept its corpus.</exception>
    public IReadOnlyList<(string FileName, IReadOnlyList<string> Tokens)> ReadCorpusTokens() =>
        File.Exists(CorpusTokensFile)
            ? TokensJsonFile.ReadInWrittenOrder(CorpusTokensFile)
            : throw new FileNotFoundException(
                $"the run folder {Path} has no corpus-tokens.json (it was trained by an older Sonata): train it again", CorpusTokensFile);

    /// <summary>The corpus's steps between onsets (quarter notes → count), or null when the run does not know them.</summary>
    public IReadOnlyDictionary<double, double>? ReadCorpusSteps() =>
        File.Exists(CorpusStepsFile)
            ? JsonFiles.Read<Dictionary<string, double>>(CorpusStepsFile)
                .ToDictionary(s => double.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value)
            : null;

    /// <summary>metrics.csv and both plots, from the whole history.</summary>
    public void WriteMetrics(IReadOnlyList<EpochMetrics> history)
    {
        AtomicFile.WriteAllText(MetricsFile, MetricsCsv.Format(history));
        double[] epochs = [.. history.Select(m => (double)m.Epoch)];
        AtomicFile.WriteAllBytes(LossPlotFile, TrainingPlots.Loss(epochs, [.. history.Select(m => m.TrainLoss)], [.. history.Select(m => m.ValLoss)]));
        double[]? networkAlone = history.Any(m => m.NetworkValAccuracy is not null) ? [.. history.Select(m => m.NetworkValAccuracy ?? double.NaN)] : null;
        AtomicFile.WriteAllBytes(AccuracyPlotFile, TrainingPlots.Accuracy(epochs, [.. history.Select(m => m.ValAccuracy)], networkAlone));
    }

    /// <summary>The performer's weights (TorchSharp's Module.save format), when the run trained one.</summary>
    public string PerformerFile => Combine("performer.bin");

    /// <summary>Writes the performer's weights (atomically).</summary>
    public void WritePerformer(Model.PerformerLstm performer)
    {
        ArgumentNullException.ThrowIfNull(performer);
        AtomicFile.WriteVia(PerformerFile, temporary => performer.save(temporary));
    }

    /// <summary>
    /// The run's performer, or null when it trained none (or an older Sonata trained it).
    /// </summary>
    /// <exception cref="InvalidDataException">performer.bin does not hold a performer of that width.</exception>
    public Model.PerformerLstm? ReadPerformer(int hiddenSize)
    {
        if (!File.Exists(PerformerFile)) return null;
        var performer = new Model.PerformerLstm(hiddenSize);
        try
        {
            performer.load(PerformerFile);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            performer.Dispose();
            throw new InvalidDataException($"{PerformerFile} holds no performer of width {hiddenSize}: {e.Message} (train the run again)", e);
        }
        performer.eval();
        return performer;
    }

    public void WriteSummary(TrainingSummary summary) => JsonFiles.Write(SummaryFile, summary);

    /// <summary>What summary.json says of how training ended, or null when it has not ended.</summary>
    public TrainingSummary? ReadSummary() => File.Exists(SummaryFile) ? JsonFiles.Read<TrainingSummary>(SummaryFile) : null;

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    [GeneratedRegex(@"^epoch-(\d+)\.bin$")]
    private static partial Regex CheckpointName();
}
