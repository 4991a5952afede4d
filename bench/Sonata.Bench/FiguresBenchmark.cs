using System.Diagnostics;
using Sonata.Evaluation;
using Sonata.Tokenization;

namespace Sonata.Bench;

/// <summary>
/// In-process time to judge a piece against a corpus (sonata evaluate without process start-up):
/// tokenize the corpus, index it (JudgingCorpus), the corpus's ranges for a 100 + 500-token piece,
/// and judging one such piece (its figures and the ranges). Best and median of several rounds,
/// after a warm-up. Usage: figures [ARCHIVE] [ROUNDS].
/// </summary>
internal static class FiguresBenchmark
{
    public static int Run(string[] args)
    {
        string archive = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "mozart_sonatas.tar.gz");
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 10;
        using var archiveFiles = ExtractedArchive.Of(archive);
        var files = archiveFiles.Files;

        var corpus = CorpusTokenizer.Tokenize(files);
        // A piece: a stretch of the first sonata, so its primer and some of its tokens are the corpus's.
        TokenizedFile piece = new("piece.mid", [.. corpus.Files[0].Tokens.Skip(1000).Take(600)]);
        new JudgingCorpus(corpus.Files).JudgeAll([piece]);   // warm-up: JIT

        var times = new Dictionary<string, List<double>>();
        void Time(string step, Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            (times.TryGetValue(step, out var list) ? list : times[step] = []).Add(clock.Elapsed.TotalMilliseconds);
        }
        for (int round = 0; round < rounds; round++)
        {
            Time("tokenize the corpus", () => CorpusTokenizer.Tokenize(files));
            JudgingCorpus judging = null!;
            Time("index the corpus", () => judging = new JudgingCorpus(corpus.Files));
            Time("ranges, 100 excerpts of 600", () => judging.Ranges(600));
            Time("figures of one piece", () => judging.Measure(piece.Tokens, 100));
            Time("judge one piece (ranges + figures)", () => judging.JudgeAll([piece]));
        }
        Console.WriteLine($"{Environment.ProcessorCount} cores, {rounds} rounds: best / median");
        foreach (var (step, list) in times)
            Console.WriteLine($"{step,-36} {list.Min(),8:0.0} ms {Percentiles.Median(list),8:0.0} ms");
        return 0;
    }
}
