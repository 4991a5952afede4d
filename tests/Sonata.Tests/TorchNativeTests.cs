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
    public void Torch_s_lstm_in_float32_computes_what_it_computes_in_float64()
    {
        // oneDNN's AVX-512 LSTM was off by 0.07 on some processors (TorchRuntime.KeepLstmExact).
        torch.manual_seed(3);
        using var lstm = torch.nn.LSTM(8, 16, 2, batchFirst: true);
        lstm.eval();
        using var noGrad = torch.no_grad();
        using var input = torch.randn(2, 50, 8);
        var (single, h, c) = lstm.forward(input);
        float[] singles = single.data<float>().ToArray();
        lstm.to(torch.float64);
        var (doubles, h64, c64) = lstm.forward(input.to(torch.float64));
        double worst = singles.Zip(doubles.data<double>().ToArray()).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-5, $"float32 off by {worst}");
        foreach (var t in new[] { single, h, c, doubles, h64, c64 }) t.Dispose();
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
