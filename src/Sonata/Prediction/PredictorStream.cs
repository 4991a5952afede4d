using Sonata.Dataset;
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
    /// The next token after <paramref name="sequence"/> (with its timing for a rhythm-aware model),
    /// which must extend the sequence of the step before; the memory reads its last
    /// <paramref name="contextLength"/> tokens. Its tensors belong to the caller's dispose scope.
    /// </summary>
    public Prediction Next(TimedSequence sequence, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        if (sequence.Count <= _read) throw new ArgumentException("the sequence did not grow since the last step", nameof(sequence));
        using var eval = new Predictor.EvalMode(_predictor.Networks);
        using var noGrad = torch.no_grad();
        var unread = sequence.Contexts(_read, sequence.Count - _read, _predictor.ReadsTiming).To(_predictor.Device);   // (1, n)
        var output = _predictor.Networks.forward(unread, _state is null ? null : (_state.Hidden, _state.Cell));           // (1, V)
        var carried = LstmState.Detached(output.Hidden, output.Cell);
        _state?.Dispose();
        _state = carried;
        _read = sequence.Count;
        int context = Math.Min(contextLength, sequence.Count);
        var recent = sequence.Contexts(sequence.Count - context, context, timing: false).Tokens;                          // (1, L) ids
        return new Prediction(_predictor.Blend(output.LogProbabilities, recent), output.LogProbabilities) { Rhythm = output.Rhythm };
    }

    public void Dispose() => _state?.Dispose();
}
