using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Runtime;

/// <summary>Process-wide torch settings: OpenMP's wait policy, thread count, device.</summary>
public static partial class TorchRuntime
{
    private const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>
    /// Chooses how OpenMP's idle threads wait, unless the environment already sets a policy. On a
    /// busy machine (other work keeping at least half a core busy when Sonata starts) they sleep
    /// (<c>OMP_WAIT_POLICY=PASSIVE</c>): with a torch thread spinning on every core, another busy
    /// process made each step twice as slow as one thread alone (10x has been seen). On an idle
    /// machine they keep libgomp's default (spin a little, then sleep): passive threads made a
    /// streams step 1.4x and scoring 2.4x slower there, since an LSTM of small batches opens many
    /// short parallel regions (docs/speed.md: threads). OpenMP reads the variable once, when libtorch
    /// loads: call this before the first torch call. On Unix the variable is set with libc's
    /// <c>setenv</c>, since .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/>
    /// does not reach native code there.
    /// </summary>
    public static void PrepareEnvironment()
    {
        if (WaitPolicy is null && IsBusy(BusyCores())) SleepWhileWaiting();
    }

    /// <summary>Sets <c>OMP_WAIT_POLICY=PASSIVE</c> where libgomp will read it (unless a policy is set already).</summary>
    internal static void SleepWhileWaiting()
    {
        Environment.SetEnvironmentVariable(WaitPolicyVariable, "PASSIVE");
        if (!OperatingSystem.IsWindows() && SetNativeEnvironment(WaitPolicyVariable, "PASSIVE", overwrite: 0) != 0)
            throw new InvalidOperationException($"setenv({WaitPolicyVariable}) failed");
    }

    /// <summary>Whether other work keeps at least half a core busy (<paramref name="busyCores"/>: cores in use; null: unknown, taken as busy).</summary>
    public static bool IsBusy(double? busyCores) => busyCores is not { } cores || cores >= 0.5;

    /// <summary>
    /// How many cores other work keeps busy now: the machine's busy time over 0.1 s (Linux's
    /// /proc/stat), in cores; null elsewhere. A load average would still count a build that just ended.
    /// </summary>
    public static double? BusyCores()
    {
        const string file = "/proc/stat";
        if (!File.Exists(file)) return null;
        var (busy, total) = CpuTimes(file);
        Thread.Sleep(100);
        var (busyAfter, totalAfter) = CpuTimes(file);
        return totalAfter > total ? (double)(busyAfter - busy) / (totalAfter - total) * Environment.ProcessorCount : null;
    }

    /// <summary>The first line of /proc/stat: the busy and total jiffies of all cores since boot.</summary>
    private static (long Busy, long Total) CpuTimes(string file)
    {
        long[] fields = [.. File.ReadLines(file).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture))];
        long idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);   // idle and iowait
        return (fields.Sum() - idle, fields.Sum());
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
        DeviceChoice.Cuda => throw new UserErrorException(
            "--device cuda: libtorch sees no CUDA device. This build uses the CPU package " +
            "libtorch-cpu-linux-x64; build against libtorch's CUDA package (docs/cuda.md)."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetNativeEnvironment(string name);
}
