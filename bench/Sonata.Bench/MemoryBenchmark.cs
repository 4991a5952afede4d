using System.Diagnostics;
using System.Globalization;
using Sonata.Dataset;
using Sonata.Model;
using Sonata.Prediction;
using Sonata.Tokenization;

namespace Sonata.Bench;

/// <summary>
/// How well the n-gram memory alone predicts the lab's validation split, for several orders, and,
/// at --order, by the longest context of each validation label that was seen in training: how much
/// of the split the corpus's repeats make predictable, and how much is left to generalization.
///
///   memory [--tokens FILE] [--orders 1,2,3,4,6,8,12,24] [--order 12] [--split windows|pieces] [--seed 42]
/// </summary>
internal static class MemoryBenchmark
{
    public static int Run(string[] args)
    {
        string tokensFile = Arguments.Option(args, "--tokens", Arguments.DefaultTokens());
        int[] orders = [.. Arguments.Option(args, "--orders", "1,2,3,4,6,8,12,24").Split(',').Select(o => int.Parse(o, CultureInfo.InvariantCulture))];
        int detailed = int.Parse(Arguments.Option(args, "--order", "12"), CultureInfo.InvariantCulture);
        var options = new DataOptions { Split = Enum.Parse<SplitKind>(Arguments.Option(args, "--split", "windows"), ignoreCase: true) };
        long seed = long.Parse(Arguments.Option(args, "--seed", "42"), CultureInfo.InvariantCulture);

        var corpus = CorpusData.Build(TokensJsonFile.Read(tokensFile), options);
        var split = corpus.Split(options, seed);
        var training = TrainingTokens.From(corpus.Ids, split.Train, options.SequenceLength);
        int length = options.SequenceLength;
        Console.WriteLine($"memory: {corpus.Ids.Length:N0} tokens, vocabulary {corpus.Vocabulary.Count}, {split.Validation.Length:N0} validation windows ({options.Split} split, seed {seed})");
        Console.WriteLine("order  contexts  build s  validation accuracy (memory alone)");
        foreach (int order in orders.Append(detailed).Distinct().Order())
        {
            var clock = Stopwatch.StartNew();
            var memory = NGramMemory.Build(training, corpus.Vocabulary.Count, order);
            double buildSeconds = clock.Elapsed.TotalSeconds;
            var byLongest = new Dictionary<int, (int Count, int Right)>();
            var probabilities = new float[corpus.Vocabulary.Count];
            foreach (long start in split.Validation)
            {
                var context = corpus.Ids.AsSpan((int)start, length);
                memory.Predict(context, probabilities);
                bool right = Array.IndexOf(probabilities, probabilities.Max()) == corpus.Ids[start + length];
                int longest = memory.LongestSeenContext(context);
                var (count, rightSoFar) = byLongest.GetValueOrDefault(longest);
                byLongest[longest] = (count + 1, rightSoFar + (right ? 1 : 0));
            }
            int total = byLongest.Values.Sum(v => v.Count), correct = byLongest.Values.Sum(v => v.Right);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{order,5}  {memory.ContextCount,8:N0}  {buildSeconds,7:F2}  {(double)correct / total,8:P2}"));
            if (order != detailed) continue;
            Console.WriteLine($"  at order {order}, by the longest context seen in training:");
            Console.WriteLine("  longest  labels  share    accuracy");
            foreach (var (longest, (count, right)) in byLongest.OrderBy(p => p.Key))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {longest,7}  {count,6:N0}  {(double)count / total,6:P1}  {(double)right / count,8:P1}"));
        }
        return 0;
    }
}
