using System.Globalization;
using Sonata.Dataset;
using Sonata.Prediction;
using Sonata.Runs;
using Sonata.Runtime;
using TorchSharp;

namespace Sonata.Bench;

/// <summary>
/// How much the context cache (<see cref="ContextCache"/>) adds to a run's predictions, for each
/// of a grid of its largest shares and half-match lengths: the run's networks (and memory) read
/// the windows once, and each setting blends its cache into the same predictions. The windows are
/// the run's held-out pieces (a pieces split), or its validation and test windows (the lab's split).
///
///   cache --run DIR [--windows 4000] [--weights 0,0.3,0.5,0.7,0.9] [--halves 1,2,4] [--memory-weight W] [--memory-half H] [--threads N]
/// --memory-half H makes the memory's share follow what it saw of each context (MemoryOptions.HalfContext).
/// </summary>
internal static class CacheBenchmark
{
    public static int Run(string[] args)
    {
        string folder = Arguments.Option(args, "--run", "");
        string memory = Arguments.Option(args, "--memory-weight", "");
        int count = int.Parse(Arguments.Option(args, "--windows", "4000"), CultureInfo.InvariantCulture);
        double[] weights = Numbers(Arguments.Option(args, "--weights", "0,0.3,0.5,0.7,0.9"));
        double[] halves = Numbers(Arguments.Option(args, "--halves", "1,2,4"));
        using var run = TrainedRun.Open(folder, new RunOpening
        {
            MemoryWeight = memory.Length == 0 ? null : double.Parse(memory, CultureInfo.InvariantCulture), CacheWeight = 0, Device = DeviceChoice.Cpu,
            Threads = int.Parse(Arguments.Option(args, "--threads", TorchRuntime.DefaultThreads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        });
        string memoryHalf = Arguments.Option(args, "--memory-half", "");
        var memoryOptions = run.Config.Memory with { HalfContext = memoryHalf.Length == 0 ? run.Config.Memory.HalfContext : double.Parse(memoryHalf, CultureInfo.InvariantCulture) };
        // Shares the run's networks: the run disposes them.
        var predictor = Predictor.ForSplit(run.Networks, run.Corpus, run.Split, run.ContextLength, memoryOptions, run.Predictor.Device);
        Console.WriteLine($"cache: {run.Folder.Path}, epoch {run.Checkpoint.Epoch}; {run.Config.Model}; {memoryOptions}, half at a context of {memoryOptions.HalfContext}; {Environment.ProcessorCount} cores");
        foreach (var (name, ids, timing, windows) in Sets(run, count))
        {
            var read = Read(predictor, run.ContextLength, ids, timing, windows);
            Console.WriteLine($"{name}: {windows.Length:N0} windows");
            foreach (double weight in weights)
            {
                foreach (double half in weight == 0 ? [halves[0]] : halves)
                {
                    var (accuracy, loss) = Score(read, new ContextCache(weight, half), run.VocabularySize());
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cache {weight,4:0.0#} half {half,3:0.#}  accuracy {accuracy:P2}  loss {loss:F3}"));
                }
            }
        }
        return 0;
    }

    private static int VocabularySize(this TrainedRun run) => run.Vocabulary.Count;

    private static double[] Numbers(string list) => [.. list.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture))];

    /// <summary>The held-out pieces' windows, or the lab's split's validation and test windows, each seeded to at most <paramref name="count"/>.</summary>
    private static IEnumerable<(string Name, long[] Ids, CorpusTiming? Timing, long[] Windows)> Sets(TrainedRun run, int count)
    {
        if (run.HeldOutPieces() is { Count: > 0 } pieces)
        {
            var tokens = new NearestToken(run.Vocabulary).Read([.. pieces.SelectMany(p => p.Tokens.Select(e => e.Token))]).Tokens;
            long[] ids = [.. tokens.Select(t => (long)run.Vocabulary.IdOf(t))];
            long[] all = [.. Enumerable.Range(0, ids.Length - run.ContextLength).Select(i => (long)i)];
            yield return ($"held-out pieces ({string.Join(", ", pieces.Select(p => p.Key))})", ids,
                run.ReadsTiming ? CorpusTiming.Of(pieces.Select(p => p.Tokens)) : null, Sorted(WindowSubset.Of(all, count, 42)));
            yield break;
        }
        yield return ("validation windows", run.Corpus.Ids, run.Corpus.Timing, Sorted(WindowSubset.Of(run.Split.Validation, count, 42)));
        yield return ("test windows", run.Corpus.Ids, run.Corpus.Timing, Sorted(WindowSubset.Of(run.Split.Test, count, 42)));
    }

    private static long[] Sorted(long[] windows)
    {
        long[] sorted = (long[])windows.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Each window's context, label and the predictor's (V) log-probabilities, read once.</summary>
    private static List<(long[] Context, long Label, float[] LogProbabilities)> Read(Predictor predictor, int contextLength, long[] ids, CorpusTiming? timing, long[] windows)
    {
        using var data = new TokenWindows(ids, contextLength, timing);
        var read = new List<(long[], long, float[])>(windows.Length);
        foreach (long[] batch in WindowBatches.InOrder(windows, 64))
        {
            using var scope = torch.NewDisposeScope();
            var (inputs, labels, _) = data.Batch(batch, predictor.Device);
            var prediction = predictor.Predict(inputs);
            float[] scores = prediction.LogProbabilities.to(torch.CPU).data<float>().ToArray();
            long[] contexts = inputs.Tokens.to(torch.CPU).data<long>().ToArray();
            long[] answers = labels.to(torch.CPU).data<long>().ToArray();
            int v = (int)prediction.LogProbabilities.shape[1], l = contextLength;
            for (int b = 0; b < batch.Length; b++)
                read.Add((contexts[(b * l)..((b + 1) * l)], answers[b], scores[(b * v)..((b + 1) * v)]));
        }
        return read;
    }

    private static (double Accuracy, double Loss) Score(List<(long[] Context, long Label, float[] LogProbabilities)> read, ContextCache cache, int vocabulary)
    {
        int right = 0;
        double loss = 0;
        var blended = new float[vocabulary];
        foreach (var (context, label, logProbabilities) in read)
        {
            logProbabilities.CopyTo(blended, 0);
            if (cache.Weight > 0) cache.Blend(blended, context);
            int best = 0;
            for (int t = 1; t < vocabulary; t++) if (blended[t] > blended[best]) best = t;
            if (best == label) right++;
            loss -= blended[label];
        }
        return ((double)right / read.Count, loss / read.Count);
    }
}
