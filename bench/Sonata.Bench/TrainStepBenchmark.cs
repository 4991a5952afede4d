using System.Diagnostics;
using System.Globalization;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Runtime;
using Sonata.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Sonata.Bench;

/// <summary>
/// Seconds per training step of the full lab model (batch 128 × 100 tokens, V = 668): Sonata's
/// step (<see cref="TrainingStep"/> over <see cref="LabRecipe"/>) next to a bare TorchSharp loop
/// (forward, NLL loss, backward, RMSprop step on random tensors of the same shapes), with 1 and 2
/// threads, on an idle machine and with another process busy on one core, under three OpenMP
/// wait policies: "default" (none set: threads spin, then sleep), "passive" (OMP_WAIT_POLICY=PASSIVE
/// in the environment) and "sonata" (none set, and <see cref="TorchRuntime.PrepareEnvironment"/>
/// called in-process, as the sonata program does). OpenMP reads the policy when libtorch loads,
/// so each policy runs in a child process. Steps alternate between the two loops so that both
/// see the same machine; the median is reported.
///
///   train-step [--steps N] [--threads 1,2] [--load idle,busy] [--policy default,passive,sonata]
/// </summary>
internal static class TrainStepBenchmark
{
    private const int Vocabulary = 668;
    private const int Tokens = 114_208;
    private const int Batch = 128;
    private const string ChildFlag = "--measure";
    private const string PrepareFlag = "--prepare";
    private const string WaitPolicy = "OMP_WAIT_POLICY";
    private static readonly ModelOptions Lab = new();
    private static readonly DataOptions Data = new();

    public static int Run(string[] args)
    {
        string steps = Arguments.Option(args, "--steps", "5");
        string threads = Arguments.Option(args, "--threads", "1,2");
        if (args.Contains(ChildFlag) && args.Contains(PrepareFlag)) TorchRuntime.PrepareEnvironment();
        if (args.Contains(ChildFlag)) return Measure(int.Parse(steps, CultureInfo.InvariantCulture), threads.Split(',').Select(int.Parse), Arguments.Option(args, "--load", "idle"));

        Console.WriteLine($"train-step: full lab model, batch {Batch} x {Data.SequenceLength}, V = {Vocabulary}; " +
                          $"median of {steps} steps per loop after 1 warm-up; {Environment.ProcessorCount} cores; " +
                          $"Sonata's default: {TorchRuntime.DefaultThreads} thread(s), OMP_WAIT_POLICY=PASSIVE unless set");
        Console.WriteLine();
        Console.WriteLine("policy   OpenMP saw  threads  load   sonata s/step   bare s/step   sonata/bare");
        foreach (string load in Arguments.Option(args, "--load", "idle,busy").Split(','))
        {
            using var busy = load == "busy" ? BusyLoop.Start() : null;
            foreach (string policy in Arguments.Option(args, "--policy", "default,passive,sonata").Split(','))
            {
                var child = BusyLoop.StartInfo();
                child.Environment.Remove(WaitPolicy);
                if (policy == "passive") child.Environment[WaitPolicy] = "PASSIVE";
                foreach (string arg in new[] { "train-step", ChildFlag, "--steps", steps, "--threads", threads, "--load", load })
                    child.ArgumentList.Add(arg);
                if (policy == "sonata") child.ArgumentList.Add(PrepareFlag);
                child.RedirectStandardOutput = true;
                using var process = Process.Start(child)!;
                string? line;
                while ((line = process.StandardOutput.ReadLine()) is not null) Console.WriteLine($"{policy,-7}  {line}");
                process.WaitForExit();
                if (process.ExitCode != 0) return process.ExitCode;
            }
        }
        return 0;
    }

    /// <summary>The child: one row per thread count, under the wait policy it was started with.</summary>
    private static int Measure(int steps, IEnumerable<int> threadCounts, string load)
    {
        foreach (int threads in threadCounts)
        {
            TorchRuntime.SetThreads(threads);
            var (sonata, bare) = Measure(steps);
            Console.WriteLine($"{TorchRuntime.WaitPolicy ?? "(unset)",-10}  {threads,7}  {load,-5}  {sonata,13:F3}   {bare,11:F3}   {sonata / bare,11:F2}");
        }
        return 0;
    }

    /// <summary>Median seconds per step of each loop, steps interleaved.</summary>
    private static (double Sonata, double Bare) Measure(int steps)
    {
        torch.manual_seed(1);
        using var sonata = new SonataLoop();
        using var bare = new BareLoop();
        sonata.Step();
        bare.Step();
        var sonataTimes = new List<double>();
        var bareTimes = new List<double>();
        for (int i = 0; i < steps; i++)
        {
            sonataTimes.Add(Time(sonata.Step));
            bareTimes.Add(Time(bare.Step));
        }
        return (Median(sonataTimes), Median(bareTimes));
    }

    private static double Time(Action step)
    {
        var clock = Stopwatch.StartNew();
        step();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    /// <summary>Sonata's own step: the library's model, recipe and step on a random token stream.</summary>
    private sealed class SonataLoop : IDisposable
    {
        private readonly TokenWindows _windows;
        private readonly MusicModel _model = MusicModel.Create(Vocabulary, Lab);
        private readonly optim.Optimizer _optimizer;
        private readonly LabRecipe _recipe;
        private int _batch;

        public SonataLoop()
        {
            var random = new Random(1);
            long[] ids = Enumerable.Range(0, Tokens).Select(_ => (long)random.Next(Vocabulary)).ToArray();
            _windows = new TokenWindows(ids, Data.SequenceLength);
            var split = DatasetSplit.RandomWindows(_windows.Count, Data, seed: 1);
            _recipe = new LabRecipe(_windows, split.Train, Batch, torch.CPU);
            _recipe.BeginEpoch(shuffleSeed: 1);
            _optimizer = optim.RMSProp(_model.parameters(), lr: 1e-3);
        }

        public void Step() => TrainingStep.Run(_model, _optimizer, _recipe, _batch++, clipNorm: 5);

        public void Dispose()
        {
            _recipe.Dispose();
            _optimizer.Dispose();
            _model.Dispose();
            _windows.Dispose();
        }
    }

    /// <summary>The same layers written out in plain TorchSharp, on fixed random tensors.</summary>
    private sealed class BareLoop : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> _embedding = nn.Embedding(Vocabulary, Lab.EmbeddingSize);
        private readonly TorchSharp.Modules.LSTM _lstm = nn.LSTM(Lab.EmbeddingSize, Lab.HiddenSize, Lab.Layers, batchFirst: true);
        private readonly nn.Module<Tensor, Tensor> _head = nn.Sequential(
            nn.BatchNorm1d(Lab.HiddenSize), nn.Linear(Lab.HiddenSize, Lab.HiddenSize), nn.BatchNorm1d(Lab.HiddenSize),
            nn.ReLU(), nn.Linear(Lab.HiddenSize, Vocabulary), nn.BatchNorm1d(Vocabulary), nn.LogSoftmax(1));
        private readonly optim.Optimizer _optimizer;
        private readonly Tensor _inputs = torch.randint(0, Vocabulary, [Batch, Data.SequenceLength]);   // (B, L)
        private readonly Tensor _labels = torch.randint(0, Vocabulary, [Batch]);                        // (B,)

        public BareLoop() =>
            _optimizer = optim.RMSProp(_embedding.parameters().Concat(_lstm.parameters()).Concat(_head.parameters()), lr: 1e-3);

        public void Step()
        {
            using var scope = torch.NewDisposeScope();
            _optimizer.zero_grad();
            var (sequence, _, _) = _lstm.forward(_embedding.forward(_inputs), null);   // (B, L, H)
            var loss = nn.functional.nll_loss(_head.forward(sequence.select(1, -1)), _labels);
            loss.backward();
            _optimizer.step();
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _embedding.Dispose();
            _lstm.Dispose();
            _head.Dispose();
            _inputs.Dispose();
            _labels.Dispose();
        }
    }
}
