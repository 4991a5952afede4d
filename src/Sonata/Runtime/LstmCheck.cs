using System.Collections.Concurrent;
using TorchSharp;

namespace Sonata.Runtime;

/// <summary>
/// Whether this machine's libtorch computes an LSTM of a given shape right. libtorch's oneDNN
/// (3.7.1) runs LSTMs with AVX-512 kernels where the processor has them, and on an AMD EPYC of
/// family 26 those gave hidden states off by 0.03-0.16 from the float64 result for some hidden
/// sizes (4, 8, 16, 40, 48, 80, 112, 144, 200, 240, 272), while 24, 32, 64, 96, 128, 250, 256
/// and 512 agreed within 1e-7, as did its AVX2 kernels for every size. The lab's size, 256, is
/// exact; an odd <c>--hidden</c> may not be.
/// </summary>
public static class LstmCheck
{
    /// <summary>Deviation from float64 above which an LSTM is taken as computed wrong (float32 rounding is about 1e-7).</summary>
    public const double Tolerance = 1e-4;

    private static readonly ConcurrentDictionary<(int, int), double> Measured = new();

    /// <summary>
    /// The largest difference between the float32 and the float64 output of a seeded two-layer
    /// LSTM of these sizes, on the CPU, over 20 steps (measured once per shape and process).
    /// </summary>
    public static double Deviation(int inputSize, int hiddenSize) => Measured.GetOrAdd((inputSize, hiddenSize), shape =>
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var generator = new torch.Generator(7);
        using var lstm = torch.nn.LSTM(shape.Item1, shape.Item2, 2, batchFirst: true);
        foreach (var parameter in lstm.parameters()) parameter.uniform_(-0.5, 0.5, generator);
        lstm.eval();
        var input = torch.randn([2, 20, shape.Item1], generator: generator);
        var (single, _, _) = lstm.forward(input);
        lstm.to(torch.float64);
        var (exact, _, _) = lstm.forward(input.to(torch.float64));
        return (single.to(torch.float64) - exact).abs().max().item<double>();
    });

    /// <summary>A warning, in words, when an LSTM of these sizes is computed wrong here; else null.</summary>
    public static string? Warning(int inputSize, int hiddenSize) => Deviation(inputSize, hiddenSize) is var off && off > Tolerance
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"this machine's libtorch computes an LSTM of hidden size {hiddenSize} wrong (off by {off:0.###} from float64; a fault of oneDNN's AVX-512 kernels at some sizes): use --hidden 256 (or 32, 64, 128), or set ONEDNN_MAX_CPU_ISA=AVX2 (exact, about 1.6 times slower here)")
        : null;
}
