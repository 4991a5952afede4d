using Sonata.IO;
using Sonata.Model;
using Sonata.Runs;
using TorchSharp.PyBridge;

namespace Sonata.Export;

/// <summary>
/// Writes a run's weights as safetensors, with vocab.json beside them, so that PyTorch can load
/// them: the tensor names are those of a PyTorch module with the same fields
/// (<c>embedding.weight</c>, <c>lstm.weight_ih_l0</c>, <c>lstm_norm.running_mean</c>, ...).
/// </summary>
public static class SafetensorsExport
{
    /// <summary>The weights' file name when none is given.</summary>
    public const string DefaultFileName = "model.safetensors";

    /// <summary>What was written.</summary>
    public sealed record Result(int Epoch, string ModelFile, string VocabularyFile, ModelOptions Model, int VocabularySize);

    /// <summary>Exports the networks of <paramref name="run"/>'s checkpoint to <paramref name="modelFile"/>.</summary>
    public static Result Export(TrainedRun run, string modelFile)
    {
        ArgumentNullException.ThrowIfNull(run);
        string fullPath = Path.GetFullPath(modelFile);
        AtomicFile.Write(fullPath, stream => run.Networks.save_safetensors(stream, leaveOpen: true));
        string vocabularyFile = Path.Combine(Path.GetDirectoryName(fullPath)!, "vocab.json");
        run.Vocabulary.Save(vocabularyFile);
        return new Result(run.Checkpoint.Epoch, fullPath, vocabularyFile, run.Config.Model, run.Vocabulary.Count);
    }
}
