using Sonata.Data;
using Sonata.Model;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// The lab's recipe: shuffled batches of training windows, the loss on the prediction after each
/// window's last step, and the LSTM state zeroed at the start of an epoch and then carried,
/// detached, from one batch to the next (as the lab does, although consecutive batches hold
/// unrelated windows).
/// </summary>
public sealed class LabRecipe : ITrainingRecipe
{
    private readonly TokenWindows _windows;
    private readonly long[] _trainWindows;
    private readonly int _batchSize;
    private readonly Device _device;
    private IReadOnlyList<long[]> _batches = [];
    private LstmState? _state;

    public LabRecipe(TokenWindows windows, long[] trainWindows, int batchSize, Device device)
    {
        _windows = windows;
        _trainWindows = trainWindows;
        _batchSize = batchSize;
        _device = device;
        BatchesPerEpoch = WindowBatches.TrainBatchCount(trainWindows.Length, batchSize);
    }

    public string Name => "lab";

    public int BatchesPerEpoch { get; }

    public void BeginEpoch(long shuffleSeed)
    {
        _batches = WindowBatches.Shuffled(_trainWindows, _batchSize, shuffleSeed);
        ResetState();
    }

    public Tensor Loss(MusicLstm model, int batch)
    {
        var (inputs, labels) = _windows.Batch(_batches[batch], _device);      // (B, L), (B,)
        // Every training batch is full (the partial one is dropped), so the carried state fits.
        var (logProbabilities, hidden, cell) = model.forward(inputs, _state?.For(inputs.shape[0]));  // (B, V)
        var carried = LstmState.Detached(hidden, cell);
        ResetState();
        _state = carried;
        // The negative log-likelihood of the log-probabilities: the same value as the lab's
        // CrossEntropyLoss applied to the LogSoftmax output (log_softmax is idempotent).
        return nn.functional.nll_loss(logProbabilities, labels);               // scalar
    }

    public void Dispose() => ResetState();

    private void ResetState()
    {
        _state?.Dispose();
        _state = null;
    }
}
