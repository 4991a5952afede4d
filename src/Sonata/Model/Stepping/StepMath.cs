using System.Numerics.Tensors;
using Tensor = TorchSharp.torch.Tensor;

namespace Sonata.Model.Stepping;

/// <summary>A linear layer's weights as arrays: y = W x + b, W (out × in) row-major.</summary>
internal sealed class Dense(float[] weight, float[] bias, int inputs)
{
    public int Inputs { get; } = inputs;

    public int Outputs => bias.Length;

    /// <summary>y = W x + b.</summary>
    public void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int o = 0; o < bias.Length; o++)
            y[o] = TensorPrimitives.Dot(weight.AsSpan(o * Inputs, Inputs), x) + bias[o];
    }

    /// <summary>y += W x (no bias).</summary>
    public void Accumulate(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int o = 0; o < bias.Length; o++)
            y[o] += TensorPrimitives.Dot(weight.AsSpan(o * Inputs, Inputs), x);
    }

    public static Dense Of(IReadOnlyDictionary<string, Tensor> weights, string name) =>
        Of(weights[$"{name}.weight"], weights[$"{name}.bias"]);

    public static Dense Of(Tensor weight, Tensor? bias) =>
        new(Floats(weight), bias is null ? new float[weight.shape[0]] : Floats(bias), (int)weight.shape[1]);

    public static float[] Floats(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();
}

/// <summary>A BatchNorm1d in eval mode as one affine map: y = x · scale + shift.</summary>
internal sealed class Affine(float[] scale, float[] shift)
{
    public void Apply(Span<float> x)
    {
        TensorPrimitives.Multiply(x, scale, x);
        TensorPrimitives.Add(x, shift, x);
    }

    public static Affine Of(IReadOnlyDictionary<string, Tensor> weights, string name, double epsilon = 1e-5)
    {
        float[] gamma = Dense.Floats(weights[$"{name}.weight"]), beta = Dense.Floats(weights[$"{name}.bias"]);
        float[] mean = Dense.Floats(weights[$"{name}.running_mean"]), variance = Dense.Floats(weights[$"{name}.running_var"]);
        var scale = new float[gamma.Length];
        var shift = new float[gamma.Length];
        for (int i = 0; i < gamma.Length; i++)
        {
            scale[i] = (float)(gamma[i] / Math.Sqrt(variance[i] + epsilon));
            shift[i] = beta[i] - (mean[i] * scale[i]);
        }
        return new Affine(scale, shift);
    }
}

/// <summary>An embedding table: one row a token.</summary>
internal sealed class Table(float[] weight, int width)
{
    public int Width { get; } = width;

    public ReadOnlySpan<float> Row(long id) => weight.AsSpan((int)id * Width, Width);

    public static Table Of(IReadOnlyDictionary<string, Tensor> weights, string name)
    {
        var w = weights[$"{name}.weight"];
        return new Table(Dense.Floats(w), (int)w.shape[1]);
    }
}

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

/// <summary>
/// The token head both networks share: batch-norm → dense → batch-norm → ReLU → output →
/// batch-norm → log-softmax (eval mode), over whatever vector the network feeds it.
/// </summary>
internal sealed class TokenHead
{
    private readonly Affine _inputNorm, _denseNorm, _outputNorm;
    private readonly Dense _dense, _output;
    private readonly float[] _x, _y;

    public TokenHead(IReadOnlyDictionary<string, Tensor> weights)
    {
        _inputNorm = Affine.Of(weights, "lstm_norm");
        _dense = Dense.Of(weights, "dense");
        _denseNorm = Affine.Of(weights, "dense_norm");
        _output = Dense.Of(weights, "output");
        _outputNorm = Affine.Of(weights, "output_norm");
        _x = new float[_dense.Inputs];
        _y = new float[_dense.Outputs];
    }

    /// <summary>The length of the vector the head reads.</summary>
    public int Inputs => _dense.Inputs;

    public int Outputs => _output.Outputs;

    /// <summary>Log-probabilities of <paramref name="input"/>'s next token, into <paramref name="into"/>.</summary>
    public void Apply(ReadOnlySpan<float> input, Span<float> into)
    {
        input.CopyTo(_x);
        _inputNorm.Apply(_x);
        _dense.Apply(_x, _y);
        _denseNorm.Apply(_y);
        TensorPrimitives.Max(_y, 0f, _y);   // ReLU
        _output.Apply(_y, into);
        _outputNorm.Apply(into);
        NetworkStepper.LogSoftmax(into);
    }
}
