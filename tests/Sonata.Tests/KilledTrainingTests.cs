using System.Diagnostics;

namespace Sonata.Tests;

/// <summary>
/// A training process killed with SIGKILL, mid-epoch or mid-checkpoint-write, leaves a run folder
/// that resumes from its last complete checkpoint to exactly the weights of an uninterrupted run.
/// Each run is a real child process (<c>dotnet sonata.dll train</c>).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class KilledTrainingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sonata-killed-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The lab's full-size network (its checkpoints take a while to write), three batches an epoch.</summary>
    private static string[] Train(string run, int epochs, bool resume = false) =>
    [
        "train", "--tokens", ReferenceTokens.File, "--out", run, "--recipe", "lab", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--max-batches", "3", "--max-eval-batches", "1", "--threads", "1", "--device", "cpu", .. (resume ? new[] { "--resume" } : []),
    ];

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sonata.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Only a guard against a hung child, far beyond any machine's time for three batches an epoch
    /// (a run takes about 10 s on a 2-core AMD EPYC, so 30 minutes is 45 times a machine 4 times
    /// slower): nothing here asserts how fast training is.
    /// </summary>
    private static readonly TimeSpan Hung = TimeSpan.FromMinutes(30);

    private static void RunToEnd(string[] args)
    {
        using var process = Start(args);
        Assert.True(process.WaitForExit(Hung), "training did not finish: hung");
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>Starts a training and kills it (SIGKILL) as soon as <paramref name="killNow"/> says so.</summary>
    private static void RunAndKill(string[] args, Func<bool> killNow)
    {
        using var process = Start(args);
        // No clock: a child that never reaches the moment ends by itself (its epochs are bounded),
        // and that ending fails the test.
        while (!killNow())
            Assert.False(process.WaitForExit(1), "training ended before it could be killed");
        process.Kill();   // SIGKILL on Unix: no handler, no cleanup
        process.WaitForExit();
    }

    private static string Checkpoint(string run, int epoch) => Path.Combine(run, "checkpoints", $"epoch-{epoch:000}.bin");

    private static void AssertSameWeights(string expected, string actual)
    {
        var a = TrainerTests.Weights(expected);
        var b = TrainerTests.Weights(actual);
        Assert.Equal(a.Select(w => w.Name), b.Select(w => w.Name));
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i].Values, b[i].Values);
    }

    [Fact]
    public void Killed_mid_epoch_or_mid_checkpoint_a_run_resumes_to_the_weights_of_an_uninterrupted_one()
    {
        string straight = Path.Combine(_root, "straight");
        RunToEnd(Train(straight, epochs: 2));

        // Mid-epoch: once epoch 1's checkpoint is there, epoch 2 is training.
        string midEpoch = Path.Combine(_root, "mid-epoch");
        RunAndKill(Train(midEpoch, epochs: 2), () => File.Exists(Checkpoint(midEpoch, 1)));
        Assert.False(File.Exists(Checkpoint(midEpoch, 2)));
        RunToEnd(Train(midEpoch, epochs: 2, resume: true));
        AssertSameWeights(Checkpoint(straight, 2), Checkpoint(midEpoch, 2));

        // Mid-write: killed while epoch 2's checkpoint is being written (its temporary file exists and
        // the checkpoint does not yet); the kill can land just after the rename, so try a few times.
        string midWrite = Path.Combine(_root, "mid-write");
        bool caughtMidWrite = false;
        for (int attempt = 0; attempt < 5 && !caughtMidWrite; attempt++)
        {
            if (Directory.Exists(midWrite)) Directory.Delete(midWrite, recursive: true);
            string folder = Path.Combine(midWrite, "checkpoints");
            RunAndKill(Train(midWrite, epochs: 2), () =>
                Directory.Exists(folder) && Directory.EnumerateFiles(folder, "epoch-002.bin.tmp-*").Any());
            caughtMidWrite = !File.Exists(Checkpoint(midWrite, 2));
        }
        Assert.True(caughtMidWrite, "no kill landed while the checkpoint was being written");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(midWrite, "checkpoints"), "epoch-002.bin.tmp-*"));   // the torn file is left, unnamed
        RunToEnd(Train(midWrite, epochs: 2, resume: true));
        AssertSameWeights(Checkpoint(straight, 2), Checkpoint(midWrite, 2));
    }
}
