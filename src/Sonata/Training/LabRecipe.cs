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
    private LstmState?[] _states = [];   // one per member

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

    public Tensor Loss(MusicModel model, int batch)
    {
        var (inputs, labels) = _windows.Batch(_batches[batch], _device);      // (B, L), (B,)
        var members = model.Members;
        if (_states.Length != members.Count) { ResetState(); _states = new LstmState?[members.Count]; }
        Tensor? total = null;
        for (int m = 0; m < members.Count; m++)
        {
            // Every training batch is full (the partial one is dropped), so the carried state fits.
            var (logProbabilities, hidden, cell) = members[m].forward(inputs, _states[m]?.For(inputs.shape[0]));  // (B, V)
            _states[m]?.Dispose();
            _states[m] = LstmState.Detached(hidden, cell);
            // The negative log-likelihood of the log-probabilities: the same value as the lab's
            // CrossEntropyLoss applied to the LogSoftmax output (log_softmax is idempotent).
            var loss = nn.functional.nll_loss(logProbabilities, labels);        // scalar
            total = total is null ? loss : total + loss;
        }
        return total!;
    }

    public void Dispose() => ResetState();

    private void ResetState()
    {
        foreach (var state in _states) state?.Dispose();
        Array.Clear(_states);
    }
}
