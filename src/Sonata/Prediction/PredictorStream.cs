using Sonata.Model;
using TorchSharp;

namespace Sonata.Prediction;

/// <summary>
/// Predictions over one sequence as it grows (see <see cref="Predictor.OpenStream"/>): the first
/// step reads the whole context from a zero state, each later one only the tokens added since.
/// The memory, when there is one, reads the last <c>context length</c> tokens each step.
/// </summary>
public sealed class PredictorStream : IDisposable
{
    private readonly Predictor _predictor;
    private LstmState? _state;
    private int _read;

    internal PredictorStream(Predictor predictor) => _predictor = predictor;

    /// <summary>
    /// The next token's log-probabilities (V) after <paramref name="sequence"/>, which must extend
    /// the sequence of the step before; the memory reads its last <paramref name="contextLength"/> tokens.
    /// </summary>
    public float[] Next(IReadOnlyList<long> sequence, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        if (sequence.Count <= _read) throw new ArgumentException("the sequence did not grow since the last step", nameof(sequence));
        using var scope = torch.NewDisposeScope();
        using var eval = new Predictor.EvalMode(_predictor.Networks);
        using var noGrad = torch.no_grad();
        long[] unread = [.. sequence.Skip(_read)];
        var input = torch.tensor(unread).reshape(1, unread.Length).to(_predictor.Device);                  // (1, n) ids
        var (network, hidden, cell) = _predictor.Networks.forward(input, _state is null ? null : (_state.Hidden, _state.Cell));  // (1, V)
        var carried = LstmState.Detached(hidden, cell);
        _state?.Dispose();
        _state = carried;
        _read = sequence.Count;
        var logProbabilities = network;
        if (_predictor.Memory is { } memory)
        {
            int context = Math.Min(contextLength, sequence.Count);
            var recent = torch.tensor(sequence.Skip(sequence.Count - context).ToArray()).reshape(1, context);   // (1, L) ids
            logProbabilities = memory.Apply(network, recent);                                                 // (1, V)
        }
        return logProbabilities.select(0, 0).to(torch.CPU).data<float>().ToArray();                          // (V,)
    }

    public void Dispose() => _state?.Dispose();
}
