using System.Numerics.Tensors;
using Tensor = TorchSharp.torch.Tensor;

namespace Sonata.Model.Stepping;

/// <summary>
/// A stacked LSTM stepped one input at a time, PyTorch's equations (gates i, f, g, o):
/// c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c').
/// </summary>
internal sealed class StackedLstm
{
    private readonly Dense[] _input;     // per layer: W_ih, b_ih + b_hh
    private readonly Dense[] _hidden;    // per layer: W_hh
    private readonly float[][] _h;
    private readonly float[][] _c;
    private readonly float[] _gates;
    private readonly int _size;

    public StackedLstm(IReadOnlyDictionary<string, Tensor> weights, string name, int layers)
    {
        _input = new Dense[layers];
        _hidden = new Dense[layers];
        for (int l = 0; l < layers; l++)
        {
            var bias = weights[$"{name}.bias_ih_l{l}"] + weights[$"{name}.bias_hh_l{l}"];
            _input[l] = Dense.Of(weights[$"{name}.weight_ih_l{l}"], bias);
            _hidden[l] = Dense.Of(weights[$"{name}.weight_hh_l{l}"], null);
        }
        _size = _hidden[0].Inputs;
        _h = [.. Enumerable.Range(0, layers).Select(_ => new float[_size])];
        _c = [.. Enumerable.Range(0, layers).Select(_ => new float[_size])];
        _gates = new float[4 * _size];
    }

    /// <summary>The top layer's output after the last step.</summary>
    public ReadOnlySpan<float> Output => _h[^1];

    /// <summary>Back to the zero state, as made.</summary>
    public void Reset()
    {
        foreach (var h in _h) Array.Clear(h);
        foreach (var c in _c) Array.Clear(c);
    }

    /// <summary>Reads one input (the first layer's width).</summary>
    public void Step(ReadOnlySpan<float> x)
    {
        for (int l = 0; l < _h.Length; l++)
        {
            _input[l].Apply(l == 0 ? x : _h[l - 1], _gates);
            _hidden[l].Accumulate(_h[l], _gates);
            int n = _size;
            var i = _gates.AsSpan(0, n);
            var f = _gates.AsSpan(n, n);
            var g = _gates.AsSpan(2 * n, n);
            var o = _gates.AsSpan(3 * n, n);
            TensorPrimitives.Sigmoid(i, i);
            TensorPrimitives.Sigmoid(f, f);
            TensorPrimitives.Tanh(g, g);
            TensorPrimitives.Sigmoid(o, o);
            var c = _c[l].AsSpan();
            TensorPrimitives.Multiply(f, c, c);
            TensorPrimitives.MultiplyAdd(i, g, c, c);
            TensorPrimitives.Tanh(c, _h[l]);
            TensorPrimitives.Multiply(_h[l], o, _h[l]);
        }
    }
}
