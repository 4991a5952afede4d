using Sonata.Dataset;
using Sonata.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Training;

/// <summary>
/// The lab's recipe: shuffled batches of training windows, the loss on the prediction after each
/// window's last step, and the LSTM state zeroed at the start of an epoch and then carried,
/// detached, from one batch to the next (as the lab does, although consecutive batches hold
/// unrelated windows). With a transposition table each window (and its label) is moved by its own
/// random −5..+6 semitones, drawn each epoch.
/// </summary>
public sealed class LabRecipe : ITrainingRecipe
{
    private readonly TokenWindows _windows;
    private readonly long[] _trainWindows;
    private readonly int _batchSize;
    private readonly Device _device;
    private IReadOnlyList<long[]> _batches = [];
    private readonly CarriedStates _states;
    private readonly Tensor? _transpose;    // (12, V_corpus) int64, or null
    private long _epochSeed;

    public LabRecipe(TokenWindows windows, long[] trainWindows, int batchSize, Device device, int members = 1, long[]? transpositionTable = null)
    {
        _windows = windows;
        _trainWindows = trainWindows;
        _batchSize = batchSize;
        _device = device;
        _states = new CarriedStates(members);
        if (transpositionTable is not null)
            _transpose = torch.tensor(transpositionTable).reshape(Transpositions.Count, -1).DetachFromDisposeScope();
        BatchesPerEpoch = WindowBatches.TrainBatchCount(trainWindows.Length, batchSize);
        if (BatchesPerEpoch == 0)
            throw new UserErrorException(
                $"the training split holds {trainWindows.Length:N0} windows, fewer than one batch of {batchSize}: the lab's recipe drops a partial batch, so it needs more music; the streams recipe (--recipe streams) trains on less");
    }

    public Recipe Kind => Recipe.Lab;

    public int BatchesPerEpoch { get; }

    public void BeginEpoch(long shuffleSeed)
    {
        _batches = WindowBatches.Shuffled(_trainWindows, _batchSize, shuffleSeed);
        _epochSeed = shuffleSeed;
        _states.Reset();
    }

    public Tensor Loss(MusicModel model, int batch)
    {
        var (inputs, labels, _) = _windows.Batch(_batches[batch], _device);   // (B, L), (B,)
        if (_transpose is not null) (inputs, labels) = Moved(inputs.Tokens, labels, batch);
        _states.EnsureFits(model);
        var members = model.Members;
        Tensor? total = null;
        for (int m = 0; m < members.Count; m++)
        {
            // Every training batch is full (the partial one is dropped), so the carried state fits.
            var (logProbabilities, hidden, cell) = members[m].forward(inputs, _states.For(m, inputs.Tokens.shape[0]));  // (B, V)
            _states.Carry(m, hidden, cell);
            // The negative log-likelihood of the log-probabilities: the same value as the lab's
            // CrossEntropyLoss applied to the LogSoftmax output (log_softmax is idempotent).
            var loss = nn.functional.nll_loss(logProbabilities, labels);        // scalar
            total = total is null ? loss : total + loss;
        }
        return total!;
    }

    /// <summary>Each window of a batch and its label moved by the batch's draws (one key a window), on the device.</summary>
    private (Tensor Inputs, Tensor Labels) Moved(Tensor inputs, Tensor labels, int batch)
    {
        // Each batch's keys come from (epoch, batch) alone, whatever batches ran before it.
        var random = new Random(unchecked((int)((_epochSeed * 1_000_003L) + batch)));
        var shifts = torch.tensor(Enumerable.Range(0, (int)inputs.shape[0]).Select(_ => (long)random.Next(Transpositions.Count)).ToArray());
        var rows = _transpose!.index_select(0, shifts).to(inputs.device);                  // (B, V_corpus)
        return (rows.gather(1, inputs), rows.gather(1, labels.unsqueeze(1)).squeeze(1));   // (B, L), (B,)
    }

    public void Dispose()
    {
        _states.Dispose();
        _transpose?.Dispose();
    }
}
