using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Runtime;

/// <summary>Process-wide torch settings: thread count and device.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Threads torch uses when <c>--threads</c> is not given: one on a machine of one or two
    /// cores, else all cores but one. OpenMP's threads spin while they wait for each other; when
    /// every core has a torch thread and another process takes one of them, a step gets 2x (as
    /// measured here; up to 10x elsewhere) slower than with one thread. Leaving a core free keeps
    /// that from happening; on two cores it costs up to half the speed of an idle machine, which
    /// <c>--threads 2</c> wins back. OMP_WAIT_POLICY=PASSIVE avoids the trap too, but also loses
    /// the whole gain of a second thread (see the train-step benchmark).
    /// </summary>
    public static int DefaultThreads => Environment.ProcessorCount <= 2 ? 1 : Environment.ProcessorCount - 1;

    /// <summary>Sets torch's intra-op thread count.</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        torch.set_num_threads(threads);
    }

    /// <summary>The device for <paramref name="choice"/>; asking for CUDA without a usable GPU is an error.</summary>
    public static Device ResolveDevice(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => torch.CPU,
        DeviceChoice.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceChoice.Cuda => throw new InvalidOperationException(
            "--device cuda: libtorch sees no CUDA device. This build uses the CPU package " +
            "libtorch-cpu-linux-x64; build against libtorch's CUDA package (see the README)."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };
}
