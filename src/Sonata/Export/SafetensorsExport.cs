using Sonata.Data;
using Sonata.IO;
using Sonata.Model;
using Sonata.Training;
using TorchSharp.PyBridge;

namespace Sonata.Export;

/// <summary>
/// Writes a run's weights as safetensors, with vocab.json beside them, so that PyTorch can load
/// them: the tensor names are those of a PyTorch module with the same fields
/// (<c>embedding.weight</c>, <c>lstm.weight_ih_l0</c>, <c>lstm_norm.running_mean</c>, ...).
/// </summary>
public static class SafetensorsExport
{
    /// <summary>What was written.</summary>
    public sealed record Result(int Epoch, string ModelFile, string VocabularyFile, ModelOptions Model, int VocabularySize);

    /// <summary>
    /// Exports the checkpoint of <paramref name="epoch"/>, or by default of the epoch with the best
    /// validation accuracy, from <paramref name="run"/> to <paramref name="modelFile"/>.
    /// </summary>
    public static Result Export(RunFolder run, string modelFile, int? epoch = null)
    {
        string newest = run.NewestCheckpoint() ?? throw new FileNotFoundException($"{run.Path} holds no checkpoint");
        var history = Checkpoint.ReadHeader(newest).History;
        int chosen = epoch ?? history.MaxBy(m => m.ValAccuracy)?.Epoch ?? Checkpoint.ReadHeader(newest).Epoch;
        string checkpoint = run.CheckpointFile(chosen);
        if (!File.Exists(checkpoint)) throw new FileNotFoundException($"{run.Path} holds no checkpoint of epoch {chosen}", checkpoint);

        var header = Checkpoint.ReadHeader(checkpoint);
        using var model = MusicModel.Create(header.Vocabulary.Count, header.Config.Model);
        Checkpoint.Load(checkpoint, model, optimizer: null);
        string fullPath = Path.GetFullPath(modelFile);
        AtomicFile.Write(fullPath, stream => model.save_safetensors(stream, leaveOpen: true));
        string vocabularyFile = Path.Combine(Path.GetDirectoryName(fullPath)!, "vocab.json");
        new Vocabulary(header.Vocabulary).Save(vocabularyFile);
        return new Result(chosen, fullPath, vocabularyFile, header.Config.Model, header.Vocabulary.Count);
    }
}
