using System.Text.Json.Nodes;
using System.Text;
using Sonata.Dataset;
using Sonata.IO;
using Sonata.Model;
using TorchSharp.Modules;

namespace Sonata.Training;

/// <summary>
/// Reads and writes checkpoint files:
/// <code>
///   "SONATA-CHECKPOINT\n"            magic
///   int32 n, n bytes                 <see cref="CheckpointHeader"/> as UTF-8 JSON
///   model state                      TorchSharp's Module.save format
///   optimizer state                  TorchSharp's Optimizer.save_state_dict format
///   "END\n"                          marker: the file is whole
/// </code>
/// Files are written through <see cref="AtomicFile"/>, so a checkpoint on disk is always complete.
/// </summary>
public static class Checkpoint
{
    public const int Format = 1;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SONATA-CHECKPOINT\n");
    private static readonly byte[] EndMarker = Encoding.ASCII.GetBytes("END\n");

    public static void Save(string path, CheckpointHeader header, MusicModel model, OptimizerHelper optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            byte[] json = Encoding.UTF8.GetBytes(JsonFiles.Serialize(header));
            writer.Write(json.Length);
            writer.Write(json);
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Write(EndMarker);
        });

    public static CheckpointHeader ReadHeader(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>
    /// Loads the weights (and, if given, the optimizer state) of a checkpoint already found
    /// compatible. A file without its end marker is refused before anything is read, with or
    /// without the optimizer.
    /// </summary>
    public static void Load(string path, MusicModel model, OptimizerHelper? optimizer)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        EnsureWhole(reader.BaseStream, path);
        ReadHeader(reader, path);
        model.load(reader);
        if (optimizer is null) return;
        optimizer.load_state_dict(reader);
        if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker))
            throw new InvalidDataException($"{path} is not a whole checkpoint (its end marker is not where its optimizer state ends)");
    }

    private static void EnsureWhole(Stream stream, string path)
    {
        var tail = new byte[EndMarker.Length];
        if (stream.Length < Magic.Length + tail.Length) throw new InvalidDataException($"{path} is not a whole checkpoint (too short)");
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        stream.Seek(0, SeekOrigin.Begin);
        if (!tail.AsSpan().SequenceEqual(EndMarker)) throw new InvalidDataException($"{path} is not a whole checkpoint (no end marker)");
    }

    /// <summary>
    /// Refuses a checkpoint that a different vocabulary, model shape, recipe, data split or any
    /// other option that changes training made (see <see cref="ConfigDifferences"/>), with a
    /// message that names both sides.
    /// </summary>
    public static void EnsureCompatible(CheckpointHeader header, string path, Vocabulary vocabulary, TrainingConfig config)
    {
        string name = Path.GetFileName(path);
        var theirs = new Vocabulary(header.Vocabulary);
        if (!theirs.SameAs(vocabulary))
            throw new CheckpointMismatchException(
                $"checkpoint {name} was made with another vocabulary ({theirs}) than this run's ({vocabulary})"
                + (theirs.Count != vocabulary.Count ? TranspositionHint(config) : ""));
        if (header.Config.Model != config.Model)
            throw new CheckpointMismatchException(
                $"checkpoint {name} was made with another model shape ({header.Config.Model}) than this run's ({config.Model})");
        if (header.Config.Recipe != config.Recipe)
            throw new CheckpointMismatchException(
                $"checkpoint {name} was trained with recipe '{Name(header.Config.Recipe)}', this run asks for '{Name(config.Recipe)}'");
        if (header.Config.Data != config.Data || header.Config.Training.Seed != config.Training.Seed)
            throw new CheckpointMismatchException(
                $"checkpoint {name} was made with another data split ({Describe(header.Config)}) than this run's ({Describe(config)})");
        if (ConfigDifferences.Between(header.Config, config) is { Count: > 0 } differences)
            throw new CheckpointMismatchException(
                $"checkpoint {name} was trained with other options than this run asks for ({string.Join("; ", differences)}): resume with the run's own options, or train into another folder");
    }

    /// <summary>Transposition grows the vocabulary: a run from before it was the default reads its own keys only.</summary>
    private static string TranspositionHint(TrainingConfig config) => config.Data.Transpose
        ? "; a run trained in the corpus's own keys (before transposition was the default) resumes with --no-transpose"
        : "; a run trained in every key resumes without --no-transpose (with --transpose, for the lab's recipe)";

    private static string Name(Recipe recipe) => recipe.ToString().ToLowerInvariant();

    private static string Describe(TrainingConfig config) =>
        $"seed {config.Training.Seed}, {config.Data}";

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a Sonata checkpoint");
        int length = reader.ReadInt32();
        CheckpointHeader header;
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(reader.ReadBytes(length)))?.AsObject()
                ?? throw new InvalidDataException($"{path} has an empty checkpoint header");
            if (json["config"] is JsonObject config) ConfigMigration.Apply(config);
            header = JsonFiles.Deserialize<CheckpointHeader>(json.ToJsonString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} has an unreadable checkpoint header: {e.Message}");
        }
        if (header.Format != Format)
            throw new InvalidDataException($"{path} has checkpoint format {header.Format}; this Sonata reads format {Format}");
        return header;
    }
}

/// <summary>A checkpoint that another vocabulary, model shape or data split made: resuming it would be wrong.</summary>
public sealed class CheckpointMismatchException(string message) : Exception(message);

/// <summary>
/// What a checkpoint says about itself, ahead of its tensors: the epoch it ends, every option,
/// the vocabulary (token per id) and the metrics of every epoch so far, the last being this one's
/// loss. That is all resuming needs: each epoch draws its shuffle and torch's random state from
/// (seed, epoch), and the carried LSTM state restarts at zero every epoch.
/// </summary>
public sealed record CheckpointHeader(
    int Format,
    int Epoch,
    TrainingConfig Config,
    IReadOnlyList<string> Vocabulary,
    IReadOnlyList<EpochMetrics> History);
