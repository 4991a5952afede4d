using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Runtime;

/// <summary>Process-wide torch settings: OpenMP's wait policy, thread count, device.</summary>
public static partial class TorchRuntime
{
    private const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Asks OpenMP's idle threads to sleep rather than spin (<c>OMP_WAIT_POLICY=PASSIVE</c>)
    /// unless the environment already sets a policy. With spinning threads on every core, another
    /// busy process makes each step about twice as slow as one thread alone (10x has been seen);
    /// passive threads keep nearly all of the second thread's gain on an idle machine and lose
    /// nothing when it is busy (see the train-step benchmark). OpenMP reads the variable once,
    /// when libtorch loads: call this before the first torch call. On Unix the variable is set
    /// with libc's <c>setenv</c>, since .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/>
    /// does not reach native code there.
    /// </summary>
    public static void PrepareEnvironment()
    {
        if (WaitPolicy is not null) return;
        Environment.SetEnvironmentVariable(WaitPolicyVariable, "PASSIVE");
        if (!OperatingSystem.IsWindows() && SetNativeEnvironment(WaitPolicyVariable, "PASSIVE", overwrite: 0) != 0)
            throw new InvalidOperationException($"setenv({WaitPolicyVariable}) failed");
    }

    /// <summary>The OpenMP wait policy in the process's native environment, if any.</summary>
    public static string? WaitPolicy =>
        OperatingSystem.IsWindows()
            ? Environment.GetEnvironmentVariable(WaitPolicyVariable)
            : Marshal.PtrToStringUTF8(GetNativeEnvironment(WaitPolicyVariable));

    /// <summary>Threads torch uses when <c>--threads</c> is not given: every core (with passive waiting).</summary>
    public static int DefaultThreads => Environment.ProcessorCount;

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

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetNativeEnvironment(string name);
}
