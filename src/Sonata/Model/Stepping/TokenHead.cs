using System.Numerics.Tensors;
using Tensor = TorchSharp.torch.Tensor;

namespace Sonata.Model.Stepping;

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
