using Sonata.Build;
using Sonata.Runtime;
using TorchSharp;

namespace Sonata.Tests;

/// <summary>The build step that lets libLibTorchSharp.so load on a libstdc++ without GLIBCXX_3.4.32.</summary>
[Collection(TorchCollection.Name)]
public class TorchNativeTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string CopiedLibrary =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void A_tensor_operation_runs()
    {
        using var a = torch.ones(2, 3);
        using var b = torch.ones(3, 2);
        using var product = a.matmul(b);   // (2, 2), each 3
        Assert.Equal(12f, product.sum().item<float>());
    }

    [Fact]
    public void The_default_networks_lstm_is_computed_right_here_and_a_wrong_one_is_named()
    {
        // The default model's shapes (the lab's and the rhythm-aware first layer), as libtorch runs them on this processor.
        Assert.InRange(LstmCheck.Deviation(64, 256), 0, LstmCheck.Tolerance);
        Assert.InRange(LstmCheck.Deviation(96, 256), 0, LstmCheck.Tolerance);
        Assert.Null(LstmCheck.Warning(64, 256));
        // Hidden 16 is wrong on some processors (AVX-512), right on others: either way the warning says so exactly then.
        string? warning = LstmCheck.Warning(8, 16);
        Assert.Equal(LstmCheck.Deviation(8, 16) > LstmCheck.Tolerance, warning is not null);
        if (warning is not null) Assert.Contains("--hidden 256", warning);
    }

    [Fact]
    public void The_passive_wait_policy_reaches_the_native_environment_and_a_set_one_stands()
    {
        string? before = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        TorchRuntime.SleepWhileWaiting();
        Assert.Equal(before ?? "PASSIVE", TorchRuntime.WaitPolicy);   // libgomp reads the native environment, which .NET's setter misses
        TorchRuntime.PrepareEnvironment();
        Assert.Equal(before ?? "PASSIVE", TorchRuntime.WaitPolicy);
    }

    [Fact]
    public void Threads_sleep_on_a_busy_machine_and_spin_a_little_on_an_idle_one()
    {
        Assert.False(TorchRuntime.IsBusy(0.1));
        Assert.True(TorchRuntime.IsBusy(0.5));
        Assert.True(TorchRuntime.IsBusy(1.7));
        Assert.True(TorchRuntime.IsBusy(null));
    }

    [Fact]
    public void The_copied_library_asks_for_GLIBCXX_3_4_32_only_weakly()
    {
        if (!OperatingSystem.IsLinux()) return;   // the step runs, and matters, on Linux only
        Assert.True(ElfWeakVersion.IsWeak(CopiedLibrary, Version));
    }

    [Fact]
    public void Marking_is_idempotent_and_ignores_versions_not_asked_for()
    {
        if (!OperatingSystem.IsLinux()) return;
        string copy = Path.Combine(Path.GetTempPath(), $"sonata-elf-{Guid.NewGuid():N}.so");
        File.Copy(CopiedLibrary, copy);
        try
        {
            byte[] before = File.ReadAllBytes(copy);
            Assert.Equal(ElfWeakVersionResult.AlreadyWeak, ElfWeakVersion.MarkWeak(copy, Version));
            Assert.Equal(ElfWeakVersionResult.NotRequired, ElfWeakVersion.MarkWeak(copy, "GLIBCXX_9.9.99"));
            Assert.Equal(before, File.ReadAllBytes(copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
