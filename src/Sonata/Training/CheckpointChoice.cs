using System.Globalization;

namespace Sonata.Training;

/// <summary>
/// Which checkpoint of a run speaks for it: by default the epoch with the best validation
/// accuracy (what training tests, exports and generates from), or one asked for by epoch or file.
/// </summary>
/// <param name="File">The checkpoint file.</param>
/// <param name="Epoch">The epoch it ends.</param>
/// <param name="Why">For messages, after the epoch: "the best validation accuracy of 7 epochs, 47.31 %", "asked for", "the newest".</param>
public sealed record CheckpointChoice(string File, int Epoch, string Why)
{
    /// <summary>
    /// The epoch of <paramref name="history"/> with the best validation accuracy whose checkpoint is
    /// in <paramref name="folder"/> (the earliest among equals); null when none is.
    /// </summary>
    public static CheckpointChoice? Best(IReadOnlyList<EpochMetrics> history, RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(folder);
        var best = history.Where(m => System.IO.File.Exists(folder.CheckpointFile(m.Epoch))).MaxBy(m => m.ValAccuracy);
        return best is null ? null : new CheckpointChoice(folder.CheckpointFile(best.Epoch), best.Epoch,
            string.Create(CultureInfo.InvariantCulture, $"the best validation accuracy of {history.Count} epoch{(history.Count == 1 ? "" : "s")}, {best.ValAccuracy:P2}"));
    }

    /// <summary>
    /// The checkpoint of <paramref name="epoch"/>, or the file <paramref name="file"/>, or by
    /// default the best of the run's history (the newest checkpoint's header holds it).
    /// </summary>
    /// <exception cref="FileNotFoundException">The run holds no such checkpoint, or none at all.</exception>
    public static CheckpointChoice Of(RunFolder folder, int? epoch = null, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (file is not null)
        {
            if (!System.IO.File.Exists(file)) throw new FileNotFoundException($"no checkpoint {file}", file);
            var header = Checkpoint.ReadHeader(file);
            return new CheckpointChoice(Path.GetFullPath(file), header.Epoch, "asked for");
        }
        string newest = folder.NewestCheckpoint()
            ?? throw new FileNotFoundException($"the run folder {folder.Path} holds no checkpoint (checkpoints/epoch-NNN.bin): train it first");
        if (epoch is { } asked)
        {
            string chosen = folder.CheckpointFile(asked);
            return System.IO.File.Exists(chosen)
                ? new CheckpointChoice(chosen, asked, "asked for")
                : throw new FileNotFoundException(
                    $"the run folder {folder.Path} holds no checkpoint of epoch {asked}: it keeps epochs {string.Join(", ", folder.Checkpoints().Select(c => c.Epoch))} " +
                    "(a run keeps its newest and its best; train with --keep-checkpoints all to keep every epoch)", chosen);
        }
        var newestHeader = Checkpoint.ReadHeader(newest);
        return Best(newestHeader.History, folder) ?? new CheckpointChoice(newest, newestHeader.Epoch, "the newest");
    }
}
