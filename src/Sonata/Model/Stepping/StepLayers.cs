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
